package io.memsched.cli;

import io.memsched.graph.Graph;
import io.memsched.io.GraphFiles;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.Scheduler;
import io.memsched.schedule.Schedulers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code memsched schedule FILE...}: schedules graphs and prints one result per file. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Schedule one or more graphs (memsched-graph/1 JSON or .onnx) and print the peak and order.")
final class ScheduleCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Graph files.")
    List<Path> files;

    @Option(names = {"-m", "--method"}, description = "Method: program, rpo, greedy, dp, hmcos, ilp, best (default: ${DEFAULT-VALUE}).",
            defaultValue = "greedy")
    String method;

    @Option(names = "--json", description = "Print one JSON object per file, one per line.")
    boolean json;

    @Mixin
    SchedulingOptions scheduling;

    @Override
    public Integer call() {
        Scheduler scheduler = Schedulers.create(method, scheduling.toOptions());
        // Ctrl-C interrupts the solve, which returns its best order so far: print it, skip the remaining files.
        // Installed before the files load, so a signal during loading still ends with a valid (interrupted) result.
        try (InterruptOnSignal signal = InterruptOnSignal.install(java.time.Duration.ofSeconds(5))) {
            List<Graph> graphs = new ArrayList<>(files.size());
            for (Path f : files) {
                graphs.add(GraphFiles.read(f));
            }
            var out = spec.commandLine().getOut();
            for (Graph g : graphs) {
                ScheduleResult r = scheduler.schedule(g);
                if (json) {
                    out.println(JsonOutput.line(JsonOutput.result(r)));
                } else {
                    out.println(r);
                    out.println("  order: " + String.join(" ", r.schedule().opNames()));
                }
                out.flush();
                if (signal.stopRequested()) {
                    spec.commandLine().getErr().println("memsched: interrupted");
                    return 130;
                }
            }
        }
        return 0;
    }
}
