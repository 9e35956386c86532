package io.memsched.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memsched.Memsched;
import io.memsched.arena.ArenaOptions;
import io.memsched.arena.ArenaPlan;
import io.memsched.arena.ArenaPlanner;
import io.memsched.arena.ArenaProblem;
import io.memsched.arena.MiniMallocCsv;
import io.memsched.graph.BadInputException;
import io.memsched.graph.Graph;
import io.memsched.graph.Sizes;
import io.memsched.io.OrderFile;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.registry.Registry;
import io.memsched.run.ProgressListener;
import io.memsched.schedule.SchedulerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code memsched arena FILE}: lays buffers out in one arena. FILE is a MiniMalloc CSV ({@code id,lower,upper,size},
 * buffer alive on [lower, upper)) or a graph whose order comes from {@code --order} or {@code --method}.
 */
@Command(name = "arena", mixinStandardHelpOptions = true,
        description = "Plan buffer offsets in one arena: a MiniMalloc CSV problem (id,lower,upper,size), or the "
                + "tensors of a graph's order (--order or --method).")
final class ArenaCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "FILE", description = "A MiniMalloc .csv problem, or a graph (.json, .onnx).")
    Path file;

    @Option(names = "--capacity", paramLabel = "BYTES",
            description = "Decide whether the buffers fit in this many bytes (without it: minimise the arena).")
    Long capacity;

    @Option(names = "--time-limit", paramLabel = "S", defaultValue = "60",
            description = "Time limit in seconds (default: ${DEFAULT-VALUE}); the best layout so far is printed.")
    double timeLimit;

    @Option(names = "--planner", paramLabel = "ID", defaultValue = "exact",
            description = "Arena planner: greedy, bestfit, exact (canonical search), cpsat, ... "
                    + "(default: ${DEFAULT-VALUE}).")
    String planner;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--out", paramLabel = "OFFSETS.csv", description = "Write id,lower,upper,size,offset rows.")
    Path out;

    @Option(names = "--order", paramLabel = "ORDERFILE", description = "Graph FILE: the order (one op name per line).")
    Path orderFile;

    @Option(names = {"-m", "--method"}, paramLabel = "M",
            description = "Graph FILE without --order: the scheduling method that makes the order (default: best).")
    String method;

    @Option(names = "--memory-model", paramLabel = "M", defaultValue = "default",
            description = "Graph FILE: default or inplace (default: ${DEFAULT-VALUE}).")
    String memoryModel;

    @Option(names = "--no-progress", description = "No progress line on the terminal (problem, planner, best "
            + "height, bound, elapsed); it is shown only when stderr is a terminal.")
    boolean noProgress;

    @Override
    public Integer call() {
        if (!(timeLimit > 0) || Double.isInfinite(timeLimit)) {
            throw new BadInputException("--time-limit must be a positive number of seconds, was " + timeLimit);
        }
        if (capacity != null && capacity < 0) {
            throw new BadInputException("--capacity must not be negative, was " + capacity);
        }
        Duration limit = Duration.ofNanos((long) (timeLimit * 1e9));
        ArenaOptions options = ArenaOptions.defaults().withTimeLimit(limit).withClock(main.clock);
        if (capacity != null) {
            options = options.withCapacity(capacity);
        }
        ArenaPlanner arenaPlanner = Registry.arenaPlanners().create(planner, options);
        boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        if (csv && (orderFile != null || method != null)) {
            throw new BadInputException(file + ": --order and --method apply to graph files, not to a CSV problem");
        }
        if (orderFile != null && method != null) {
            throw new BadInputException("give --order or --method, not both");
        }
        var stdout = spec.commandLine().getOut();
        try (InterruptOnSignal signal = InterruptOnSignal.install(Duration.ofSeconds(5))) {
            ArenaPlan plan;
            // the progress line (on a terminal) while the order is found and the arena planned, cleared after
            try (TerminalProgress display = TerminalProgress.on(spec.commandLine().getErr(), !noProgress)) {
                ProgressListener p = display.listener();
                ArenaProblem problem = csv ? MiniMallocCsv.read(file) : graphProblem(limit, p);
                ArenaPlanner used = p == ProgressListener.NONE ? arenaPlanner
                        : Registry.arenaPlanners().create(planner, options.withProgress(p)
                                .withClock(p.stagesOf(options.clock(), planner)));
                p.started(problem.name(), planner);
                plan = used.plan(problem);
            }
            if (out != null) {
                MiniMallocCsv.write(plan, out);
            }
            if (json) {
                stdout.println(JsonOutput.line(json(plan)));
            } else {
                stdout.println(text(plan));
            }
            stdout.flush();
            if (signal.stopRequested()) {
                spec.commandLine().getErr().println("memsched: interrupted");
                return 130;
            }
        }
        return 0;
    }

    /** The buffers of the graph's order: from --order, else from --method (default best) within the time limit. */
    private ArenaProblem graphProblem(Duration limit, ProgressListener progress) {
        MemoryModel model = Registry.memoryModel(memoryModel);
        Graph g = Memsched.load(file);
        int[] order;
        if (orderFile != null) {
            order = MemorySimulator.indicesOf(g, OrderFile.read(orderFile));
        } else {
            String m = method == null ? "best" : method;
            SchedulerOptions o = SchedulerOptions.defaults().withMemoryModel(model).withTimeLimit(limit)
                    .withClock(progress.stagesOf(main.clock, m)).withProgress(progress);
            progress.started(g.name(), m);
            order = Registry.scheduler(m, o).schedule(g).schedule().indicesIn(g);
        }
        return ArenaProblem.of(g, model, order);
    }

    static ObjectNode json(ArenaPlan plan) {
        ObjectNode o = JsonOutput.MAPPER.createObjectNode();
        o.put("problem", plan.problem().name());
        o.put("planner", plan.planner());
        o.put("buffers", plan.problem().buffers().size());
        o.put("height", plan.arenaBytes());
        o.put("lowerBound", plan.lowerBoundBytes());
        o.put("optimal", plan.optimal());
        if (plan.capacityBytes().isPresent()) {
            o.put("capacity", plan.capacityBytes().getAsLong());
        }
        if (plan.feasible().isPresent()) {
            o.put("feasible", plan.feasible().get());
        } else {
            o.putNull("feasible");
        }
        o.put("status", plan.status().name());
        o.put("seconds", Math.round(plan.elapsed().toNanos() / 1e3) / 1e6);
        ObjectNode offsets = o.putObject("offsets");
        for (ArenaProblem.Buffer b : plan.problem().buffers()) {
            offsets.put(b.name(), plan.offset(b.index()));
        }
        return o;
    }

    static String text(ArenaPlan plan) {
        String fit = plan.capacityBytes().isEmpty() ? ""
                : ", capacity " + plan.capacityBytes().getAsLong() + " B: " + plan.feasible()
                        .map(f -> f ? "fits" : "proven not to fit").orElse("unknown");
        return String.format(Locale.ROOT, "%s: %d buffers, arena %s (%d B), lower bound %d B, %s (%s)%s, %.3f s",
                plan.problem().name(), plan.problem().buffers().size(), Sizes.format(plan.arenaBytes()),
                plan.arenaBytes(), plan.lowerBoundBytes(), plan.status(), plan.planner(), fit,
                plan.elapsed().toNanos() / 1e9);
    }
}
