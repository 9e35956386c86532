package io.memsched.cli;

import io.memsched.arena.ArenaOptions;
import io.memsched.arena.ArenaPlan;
import io.memsched.graph.BadInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memsched.graph.Graph;
import io.memsched.Memsched;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.StepCosts;
import io.memsched.report.ArenaBenchTable;
import io.memsched.report.BenchmarkRow;
import io.memsched.report.BenchmarkTable;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.registry.Registry;
import io.memsched.run.ProgressListener;
import io.memsched.zoo.Zoo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/**
 * {@code memsched bench}: every method on the benchmark suite (the zoo networks marked for it and the ONNX files in
 * {@code examples/models} and its subdirectories, e.g. {@code onnx-light}), under both memory models where they differ, as one table per model. Each run is
 * {@code Registry.scheduler(method, options).schedule(graph)}, exactly what {@code memsched schedule} does.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Schedule the benchmark suite (zoo networks in the suite + ONNX files in examples/models) with "
                + "every method and print one comparison table per memory model. Progress goes to stderr.",
            "With --limits: measure the time limits instead: every method on large generated graphs (randwire and "
                + "multiscale, 3,000 and 10,000 ops; --filter selects) with each of --limit-values, from a cold JVM "
                + "(a fresh java process per row) and/or a warm one (--start), as one Markdown table: elapsed time "
                + "of the solve, whole process (cold), overrun = elapsed / limit, status.",
            "With --arena: the arena planners instead: greedy, bestfit, contention and exact on every MiniMalloc CSV "
                + "of --arena-dir (capacity from the file name, else 1 MiB; --time-limit per run), then greedy, "
                + "bestfit and contention on generated problems of 20,000, 40,000 and 60,000 buffers (--seed); one "
                + "table: problem, buffers, planner, height, load bound, ratio, status, seconds.",
            "Ctrl-C stops the current run, prints the rows finished so far and exits 130.",
            "vsRPO%% / vsHMCOS%%: how far below the rpo / hmcos peak of the same graph and model (positive = lower); "
                + "proof: 'optimal' when the lower bound meets the peak, else the gap to it."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Graph files to run instead of the suite.")
    List<Path> files = List.of();

    @Option(names = "--filter", paramLabel = "TEXT", description = "Only graphs whose name contains TEXT.")
    String filter;

    @Option(names = "--methods", split = ",", paramLabel = "M",
            description = "Comma-separated methods (default: all registered: ${COMPLETION-CANDIDATES}).",
            completionCandidates = MethodIds.class)
    List<String> methods;

    @Option(names = "--memory-model", paramLabel = "M",
            description = "default, inplace, or both (default: ${DEFAULT-VALUE}; inplace only on graphs with in-place "
                    + "capable operators, where it differs).", defaultValue = "both")
    String memoryModel;

    @Option(names = "--time-limit", paramLabel = "S",
            description = "Time limit per graph, method and model in seconds (default: ${DEFAULT-VALUE}).",
            defaultValue = "5")
    double timeLimit;

    @Option(names = "--seed", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--threads", description = "Solver threads (default: all cores).")
    Integer threads;

    @Option(names = "--solver", paramLabel = "S", description = "Solver backend of every method that solves (ilp, "
            + "best): cpsat or ojalgo (default: ${DEFAULT-VALUE}).", defaultValue = "cpsat")
    String solver;

    @Option(names = "--models", paramLabel = "DIR",
            description = "Directory of the suite's ONNX files (default: ${DEFAULT-VALUE}; skipped when missing).",
            defaultValue = "examples/models")
    Path modelsDir;

    @Option(names = "--json", description = "Print one JSON object per run, one per line, after the last run.")
    boolean json;

    @Option(names = "--no-progress", description = "No progress line on the terminal (graph, method, stage, best, "
            + "bound, elapsed); it is shown only when stderr is a terminal.")
    boolean noProgress;

    @Option(names = "--csv", description = "Print all rows as one CSV table.")
    boolean csv;

    @Option(names = "--limits", description = "Measure the time limits on large generated graphs (see above).")
    boolean limits;

    @Option(names = "--limit-values", split = ",", paramLabel = "S",
            description = "With --limits: time limits in seconds (default: ${DEFAULT-VALUE}).", defaultValue = "1,5,30")
    List<Double> limitValues;

    @Option(names = "--start", paramLabel = "MODE",
            description = "With --limits: cold (fresh JVM per row), warm (this JVM after a warm-up run) or both "
                    + "(default: ${DEFAULT-VALUE}).", defaultValue = "both")
    String start;

    @Option(names = "--arena", description = "Benchmark the arena planners (see above).")
    boolean arena;

    @Option(names = "--arena-dir", paramLabel = "DIR", defaultValue = "examples/arena/minimalloc",
            description = "With --arena: directory of MiniMalloc CSV problems (default: ${DEFAULT-VALUE}; skipped "
                    + "when missing).")
    Path arenaDir;

    /** The child of a cold --limits row: GRAPH,METHOD,SECONDS. */
    @Option(names = "--limit-run", hidden = true)
    String limitRun;

    @ParentCommand
    Main main;

    /** Called after each finished --limits or --arena row with the Ctrl-C hook (tests deliver the signal through it). */
    java.util.function.Consumer<InterruptOnSignal> afterRow = s -> {
    };

    /** The registered method ids, for the help text. */
    static final class MethodIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Registry.schedulers().ids().iterator();
        }
    }

    private record Entry(String name, Supplier<Graph> graph) {
    }

    @Override
    public Integer call() {
        if (limitRun != null) {
            return LimitsBench.child(limitRun, baseOptions(MemoryModel.DEFAULT), spec.commandLine().getOut());
        }
        Registry.solvers().entry(solver);
        if (json && csv) {
            throw new BadInputException("--json and --csv exclude each other");
        }
        if (limits && arena) {
            throw new BadInputException("--limits and --arena exclude each other");
        }
        if (limits) {
            return limits();
        }
        if (arena) {
            return arena();
        }
        List<String> ms = methods == null ? Registry.schedulers().ids() : methods;
        List<MemoryModel> models = switch (memoryModel.toLowerCase(Locale.ROOT)) {
            case "both" -> List.of(MemoryModel.DEFAULT, MemoryModel.INPLACE);
            default -> List.of(Registry.memoryModel(memoryModel));
        };
        List<SchedulerOptions> options = new ArrayList<>();
        for (MemoryModel m : models) {
            SchedulingOptions s = new SchedulingOptions();
            s.timeLimit = timeLimit;
            s.memoryModel = m.id();
            s.seed = seed;
            s.threads = threads;
            SchedulerOptions o = s.toOptions().withSolver(solver);
            ms.forEach(id -> Registry.scheduler(id, o));
            options.add(o);
        }
        List<Entry> suite = suite();
        if (suite.isEmpty()) {
            throw new BadInputException("no graph to run" + (filter == null ? "" : " matches --filter '" + filter + "'"));
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        List<ScheduleResult> results = new ArrayList<>();
        long start = System.nanoTime();
        try (TerminalProgress display = TerminalProgress.on(err, !noProgress)) {
            ProgressListener progress = display.listener();
            for (int k = 0; k < suite.size(); k++) {
                Graph g = suite.get(k).graph().get();
                for (SchedulerOptions o : options) {
                    if (o.memoryModel().inplace() && models.size() > 1 && !hasInplaceCandidate(g)) {
                        continue;
                    }
                    for (String m : ms) {
                        String what = String.format(Locale.ROOT, "[%d/%d] %s %s", k + 1, suite.size(), g.name(),
                                o.memoryModel().id());
                        progress.started(what, m);
                        ScheduleResult r = Registry.scheduler(m, o.withProgress(progress)
                                .withClock(progress.stagesOf(o.clock(), m))).schedule(g);
                        progress.finished(what, m, r.status(), r.peakBytes(), r.seconds());
                        results.add(r);
                        display.println(String.format(Locale.ROOT, "bench [%d/%d] %s (%d ops) %s %s: %.1f KB %s, %.2f s",
                                k + 1, suite.size(), g.name(), g.opCount(), o.memoryModel().id(), m,
                                r.peakBytes() / 1024.0, r.optimal() ? "optimal" : r.status().name().toLowerCase(Locale.ROOT),
                                r.seconds()));
                    }
                }
            }
        }
        err.printf(Locale.ROOT, "bench: %d runs in %.1f s%n", results.size(), (System.nanoTime() - start) / 1e9);
        err.flush();
        List<BenchmarkRow> rows = BenchmarkTable.rows(results);
        if (json) {
            for (int k = 0; k < rows.size(); k++) {
                out.println(JsonOutput.line(json(results.get(k), rows.get(k))));
            }
        } else if (csv) {
            out.print(BenchmarkTable.flat(rows).write().toString("csv"));
        } else {
            for (Table t : BenchmarkTable.byMemoryModel(rows).values()) {
                out.println(t.printAll());
                out.println();
            }
        }
        out.flush();
        return 0;
    }

    private SchedulerOptions baseOptions(MemoryModel m) {
        SchedulingOptions s = new SchedulingOptions();
        s.timeLimit = timeLimit;
        s.memoryModel = m.id();
        s.seed = seed;
        s.threads = threads;
        return s.toOptions().withSolver(solver).withClock(main.clock);
    }

    /** {@code --limits}: the rows of {@link LimitsBench}, in graph, method, limit, start order. */
    private int limits() {
        List<String> ms = methods == null ? Registry.schedulers().ids() : methods;
        SchedulerOptions base = baseOptions(MemoryModel.DEFAULT);
        ms.forEach(id -> Registry.scheduler(id, base));
        List<String> modes = switch (start.toLowerCase(Locale.ROOT)) {
            case "cold" -> List.of("cold");
            case "warm" -> List.of("warm");
            case "both" -> List.of("cold", "warm");
            default -> throw new BadInputException("--start must be cold, warm or both, was '" + start + "'");
        };
        for (double l : limitValues) {
            if (!(l > 0) || Double.isInfinite(l)) {
                throw new BadInputException("--limit-values must be positive seconds, was " + l);
            }
        }
        List<String> graphs = LimitsBench.GRAPHS.stream().filter(g -> filter == null || g.contains(filter)).toList();
        if (graphs.isEmpty()) {
            throw new BadInputException("no limits graph matches --filter '" + filter + "' (graphs: "
                    + String.join(", ", LimitsBench.GRAPHS) + ")");
        }
        PrintWriter err = spec.commandLine().getErr();
        List<LimitsBench.Row> rows = new ArrayList<>();
        try (InterruptOnSignal signal = InterruptOnSignal.install(java.time.Duration.ofSeconds(5))) {
            all:
            for (String name : graphs) {
                Graph g = null;
                for (String m : ms) {
                    boolean warmedUp = false;
                    for (double limit : limitValues) {
                        for (String mode : modes) {
                            if (signal.stopRequested()) {
                                break all;
                            }
                            LimitsBench.Row r;
                            if (mode.equals("cold")) {
                                r = LimitsBench.cold(name, m, limit, threads, solver);
                            } else {
                                if (g == null) {
                                    g = LimitsBench.graph(name);
                                }
                                if (!warmedUp) {
                                    LimitsBench.warm(name, g, m, limitValues.get(0), base);
                                    warmedUp = true;
                                }
                                r = signal.stopRequested() ? null : LimitsBench.warm(name, g, m, limit, base);
                            }
                            if (r == null || signal.stopRequested()) {
                                break all; // the run was cut short: not a finished row
                            }
                            rows.add(r);
                            err.printf(Locale.ROOT, "bench --limits %s %s %s s %s: %.2f s %s%n", name, m,
                                    r.limitSeconds(), mode, r.seconds(), r.status());
                            err.flush();
                            afterRow.accept(signal);
                        }
                    }
                }
            }
            LimitsBench.print(rows, spec.commandLine().getOut());
            if (signal.stopRequested()) {
                err.println("memsched: interrupted");
                err.flush();
                return 130;
            }
        }
        return 0;
    }

    /** {@code --arena}: the rows of {@link ArenaBench} as one table (or JSON lines, or CSV). */
    private int arena() {
        if (!(timeLimit > 0) || Double.isInfinite(timeLimit)) {
            throw new BadInputException("--time-limit must be a positive number of seconds, was " + timeLimit);
        }
        ArenaOptions base = ArenaOptions.defaults().withTimeLimit(java.time.Duration.ofNanos((long) (timeLimit * 1e9)))
                .withSeed(seed).withClock(main.clock);
        if (threads != null) {
            base = base.withThreads(threads);
        }
        List<ArenaBench.Problem> problems = ArenaBench.problems(arenaDir, seed).stream()
                .filter(p -> filter == null || p.name().contains(filter)).toList();
        if (problems.isEmpty()) {
            throw new BadInputException("no arena problem matches --filter '" + filter + "'");
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        try (InterruptOnSignal signal = InterruptOnSignal.install(java.time.Duration.ofSeconds(5))) {
            List<ArenaPlan> plans = ArenaBench.run(problems, base, signal, err, afterRow);
            Table t = ArenaBenchTable.of(plans);
            if (json) {
                for (ArenaPlan p : plans) {
                    ObjectNode o = ArenaCommand.json(p);
                    o.remove("offsets");
                    out.println(JsonOutput.line(o));
                }
            } else if (csv) {
                out.print(t.write().toString("csv"));
            } else {
                out.println(t.printAll());
            }
            out.flush();
            if (signal.stopRequested()) {
                err.println("memsched: interrupted");
                err.flush();
                return 130;
            }
        }
        return 0;
    }

    /**
     * The graphs to run: the given files, else the zoo suite, the ONNX files of the models directory and the TFLite
     * files of its {@code tflite} folder.
     */
    private List<Entry> suite() {
        List<Entry> all = new ArrayList<>();
        if (!files.isEmpty()) {
            for (Path f : files) {
                Graph g = Memsched.load(f);
                all.add(new Entry(g.name(), () -> g));
            }
        } else {
            for (Zoo.Entry e : Zoo.entries()) {
                if (e.inSuite()) {
                    all.add(new Entry(e.name(), e.generator()));
                }
            }
            if (Files.isDirectory(modelsDir)) {
                try (Stream<Path> s = Files.walk(modelsDir, 2)) {
                    s.filter(p -> p.getFileName().toString().endsWith(".onnx")).sorted().forEach(p -> all.add(
                            new Entry(p.getFileName().toString().replaceFirst("\\.onnx$", ""), () -> Memsched.load(p))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Path tflite = modelsDir.resolve("tflite");
                if (Files.isDirectory(tflite)) {
                    try (Stream<Path> s = Files.list(tflite)) {
                        s.filter(p -> p.getFileName().toString().endsWith(".tflite")).sorted().forEach(p -> all.add(
                                new Entry(p.getFileName().toString().replaceFirst("\\.tflite$", ""),
                                        () -> Memsched.load(p))));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            } else {
                spec.commandLine().getErr().println("bench: no " + modelsDir + " directory, running the zoo suite only");
            }
        }
        return all.stream().filter(e -> filter == null || e.name().contains(filter)).toList();
    }

    private static boolean hasInplaceCandidate(Graph g) {
        for (int i = 0; i < g.opCount(); i++) {
            if (StepCosts.inplaceCandidate(g, i) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode json(ScheduleResult r, BenchmarkRow row) {
        ObjectNode o = JsonOutput.MAPPER.createObjectNode();
        o.put("graph", row.graph());
        o.put("memoryModel", row.memoryModel());
        o.put("method", row.method());
        o.put("ops", row.ops());
        o.put("opsAfterFusion", row.opsAfterFusion());
        o.put("peak", row.peakBytes());
        o.put("lowerBound", row.lowerBoundBytes());
        o.put("optimal", row.optimal());
        o.put("gap", row.gap());
        if (!Double.isNaN(row.reductionVsRpo())) {
            o.put("reductionVsRpo", row.reductionVsRpo());
        }
        if (!Double.isNaN(row.reductionVsHmcos())) {
            o.put("reductionVsHmcos", row.reductionVsHmcos());
        }
        o.put("status", row.status());
        o.put("seconds", Math.round(row.seconds() * 1e6) / 1e6);
        o.set("stats", JsonOutput.result(r).get("stats"));
        return o;
    }
}
