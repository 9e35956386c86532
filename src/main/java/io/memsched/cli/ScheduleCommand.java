package io.memsched.cli;

import io.memsched.fusion.Fusion;
import io.memsched.graph.Graph;
import io.memsched.Memsched;
import io.memsched.report.Comparison;
import io.memsched.report.Report;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.Scheduler;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.registry.Registry;
import io.memsched.run.ProgressListener;
import io.memsched.solver.OrToolsNatives;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code memsched schedule FILE...}: schedules graphs and prints one result per file. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Schedule one or more graphs (memsched-graph/1 JSON or .onnx) and print the peak and order.")
final class ScheduleCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    Main main;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Graph files.")
    List<Path> files;

    @Option(names = {"-m", "--method"}, description = "Method: program, rpo, greedy, dfs, lpmf, dp, hmcos, ilp, best (default: ${DEFAULT-VALUE}).",
            defaultValue = "best")
    String method;

    @Option(names = "--solver", paramLabel = "S", description = "Solver backend of every method that solves (ilp, best, --compare): cpsat or ojalgo (default: ${DEFAULT-VALUE}).",
            defaultValue = "cpsat")
    String solver;

    @Option(names = "--no-progress", description = "No progress line on the terminal (graph, method, stage, best, "
            + "bound, elapsed); it is shown only when stderr is a terminal.")
    boolean noProgress;

    @Option(names = "--json", description = "Print one JSON object per file, one per line.")
    boolean json;

    @Option(names = "--report", paramLabel = "HTML",
            description = "Also save a standalone HTML report (graph, comparison, timeline, lifetimes, provenance); "
                    + "with several files, the graph name is added to the file name.")
    Path report;

    @Option(names = "--write", paramLabel = "OUT",
            description = "Write the plan back into the model: OUT is the same model (.onnx) with its operators in "
                    + "the order found and the plan (peak, memory model, version; with --arena the arena size and "
                    + "offsets) in its metadata; with several files, the graph name is added to the file name.")
    Path write;

    @Option(names = "--compare", paramLabel = "M", split = ",",
            description = "Methods the report compares besides --method (e.g. --compare program,rpo).")
    List<String> compare = List.of();

    @Mixin
    SchedulingOptions scheduling;

    @Mixin
    LayoutOptions layout;

    /** Above this many operators, a run that writes a report prints only the start of the order. */
    static final int REPORT_ORDER_OPS = 60;

    @Override
    public Integer call() {
        Phases.mark("command line parsed");
        SchedulerOptions options = scheduling.toOptions().withSolver(solver).withClock(main.clock);
        preloadNatives(options);
        Registry.solvers().entry(solver);
        Scheduler scheduler = Registry.scheduler(method, options);
        layout.validate();
        if (write != null && !"none".equals(layout.rewrite)) {
            throw new io.memsched.graph.BadInputException("--write " + write + ": a plan of a rewritten graph (--rewrite "
                    + layout.rewrite + ") cannot be written back into the model; use --rewrite none");
        }
        List<Scheduler> others = new ArrayList<>();
        for (String m : compare) {
            if (!m.equals(method)) {
                others.add(Registry.scheduler(m, options));
            }
        }
        // Ctrl-C interrupts the solve, which returns its best order so far: print it, skip the remaining files.
        // Installed before the files load, so a signal during loading still ends with a valid (interrupted) result.
        try (InterruptOnSignal signal = InterruptOnSignal.install(java.time.Duration.ofSeconds(5))) {
            List<Graph> graphs = new ArrayList<>(files.size());
            for (Path f : files) {
                graphs.add(Memsched.load(f));
                Phases.mark("graph read");
            }
            var out = spec.commandLine().getOut();
            for (Graph original : graphs) {
                LayoutOptions.Outcome outcome;
                LayoutOptions.Layout chosen;
                // the progress line (on a terminal) while the graph is scheduled and laid out, cleared before the
                // result is printed
                try (TerminalProgress display = TerminalProgress.on(spec.commandLine().getErr(), !noProgress)) {
                    ProgressListener p = display.listener();
                    SchedulerOptions o = options.withProgress(p).withClock(p.stagesOf(options.clock(), method));
                    Scheduler s = p == ProgressListener.NONE ? scheduler : Registry.scheduler(method, o);
                    p.started(original.name(), method);
                    outcome = layout.rewrite(original, options.memoryModel(), s);
                    Graph g = outcome.graph();
                    chosen = layout.layout(g, s.schedule(g), o);
                    ScheduleResult done = chosen.result();
                    p.finished(g.name(), method, done.status(), done.peakBytes(), done.seconds());
                }
                Graph g = outcome.graph();
                ScheduleResult r = chosen.result();
                Phases.mark("scheduled");
                var plan = chosen.plan();
                Path written = write == null ? null : graphs.size() == 1 ? write : ReportFiles.perGraph(write, g.name());
                if (written != null) {
                    Memsched.save(g, r, plan, written);
                }
                if (json) {
                    var node = JsonOutput.result(r);
                    layout.addJson(node, outcome, chosen);
                    if (written != null) {
                        node.put("written", written.toString());
                    }
                    out.println(JsonOutput.line(node));
                } else {
                    out.println(r);
                    List<String> order = r.schedule().opNames();
                    if (report != null && order.size() > REPORT_ORDER_OPS) {
                        // the report holds the whole order; a wall of names on the terminal helps nobody
                        out.println("  order: " + String.join(" ", order.subList(0, 8)) + " ... (" + order.size()
                                + " operators; the whole order is in the report, or use --json)");
                    } else {
                        out.println("  order: " + String.join(" ", order));
                    }
                    layout.printText(out, outcome, chosen);
                    if (written != null) {
                        out.println("  written: " + written);
                    }
                }
                Phases.mark("printed");
                if (signal.stopRequested()) {
                    out.flush();
                    spec.commandLine().getErr().println("memsched: interrupted");
                    return 130;
                }
                if (report != null) {
                    List<ScheduleResult> all = new ArrayList<>();
                    all.add(r);
                    for (Scheduler o : others) {
                        all.add(o.schedule(g));
                    }
                    Path file = graphs.size() == 1 ? report : ReportFiles.perGraph(report, g.name());
                    Report rep = Report.of(new Comparison(g, options, all)).withFusion(Fusion.fuse(g, options.memoryModel()));
                    rep = plan.map(rep::withArena).orElse(rep);
                    rep.save(file);
                    out.println("  report: " + file);
                }
                out.flush();
            }
        }
        return 0;
    }

    /** Longest a {@code best} run goes before it starts loading OR-Tools' natives (when they are unpacked). */
    static final java.time.Duration BEST_NATIVES_DELAY = java.time.Duration.ofSeconds(1);

    /** Starts loading OR-Tools' natives in the background when this run solves with CP-SAT (see the static form). */
    private void preloadNatives(SchedulerOptions options) {
        List<String> methods = new ArrayList<>(compare);
        methods.add(method);
        preloadNatives(solver, methods, "cpsat".equals(layout.arena), options.timeLimit());
    }

    /**
     * Starts loading OR-Tools' natives in the background when a run of {@code methods} with the backend
     * {@code solver} solves with CP-SAT, so the first solve does not wait for them: at once for {@code ilp} and the
     * CP-SAT arena planner ({@code cpsatArena}). {@code best}'s exact DP proves most optima in well under a second,
     * before its CP-SAT stage, and loading the libraries (with OR-Tools' warm-up solve) costs such a run CPU for
     * nothing and holds up its exit; so a {@code best} run starts loading them only when it is still running after
     * {@link #BEST_NATIVES_DELAY} (a quarter of {@code timeLimit} when that is shorter, so the ILP stage, which gets
     * the last 40%, still finds them loaded), and only if they are already unpacked (no unpacking unless needed).
     * {@code bench --limits} runs its cold rows the same way.
     */
    static void preloadNatives(String solver, List<String> methods, boolean cpsatArena, java.time.Duration timeLimit) {
        boolean cpsat = "cpsat".equalsIgnoreCase(solver) || "cp-sat".equalsIgnoreCase(solver);
        if (cpsat && methods.contains("ilp") || cpsatArena) {
            OrToolsNatives.shared().preload();
        } else if (cpsat && methods.contains("best")) {
            long delay = Math.min(BEST_NATIVES_DELAY.toNanos(), timeLimit.toNanos() / 4);
            Thread t = new Thread(() -> {
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.sleep(delay);
                } catch (InterruptedException e) {
                    return;
                }
                OrToolsNatives.shared().preloadIfUnpacked();
            }, "memsched-natives-delay");
            t.setDaemon(true);
            t.start();
        }
    }
}
