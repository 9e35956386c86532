package io.memsched.cli;

import io.memsched.graph.Graph;
import io.memsched.report.Tables;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.schedule.Schedulers;
import io.memsched.zoo.Zoo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/** {@code memsched bench}: every method on the built-in suite, as a comparison table. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Schedule the built-in benchmark suite with every method.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--filter", paramLabel = "TEXT", description = "Only graphs whose name contains TEXT.")
    String filter;

    @Option(names = "--methods", split = ",", paramLabel = "M", description = "Comma-separated methods (default: all).")
    List<String> methods;

    @Option(names = "--csv", description = "Print CSV instead of a table.")
    boolean csv;

    @Mixin
    SchedulingOptions scheduling;

    @Override
    public Integer call() {
        scheduling.timeLimit = scheduling.timeLimit == 60 ? 10 : scheduling.timeLimit;
        SchedulerOptions options = scheduling.toOptions();
        List<String> ms = methods == null ? Schedulers.ids() : methods;
        ms.forEach(m -> Schedulers.create(m, options));
        var err = spec.commandLine().getErr();
        List<ScheduleResult> results = new ArrayList<>();
        for (Zoo.Entry e : Zoo.entries()) {
            if (!e.inSuite() || filter != null && !e.name().contains(filter)) {
                continue;
            }
            Graph g = e.generator().get();
            for (String m : ms) {
                err.printf(Locale.ROOT, "bench: %s / %s ...%n", g.name(), m);
                err.flush();
                results.add(Schedulers.create(m, options).schedule(g));
            }
        }
        Table t = Tables.comparison(results);
        var out = spec.commandLine().getOut();
        out.println(csv ? t.write().toString("csv") : t.printAll());
        return 0;
    }
}
