package io.memsched;

import io.memsched.graph.Graph;
import io.memsched.arena.ArenaOptions;
import io.memsched.arena.ArenaOrderChoice;
import io.memsched.arena.ArenaPlan;
import io.memsched.memory.MemoryModel;
import io.memsched.pass.Pass;
import io.memsched.pass.PassContext;
import io.memsched.pass.PassResult;
import io.memsched.pass.Provenance;
import io.memsched.registry.Registry;
import io.memsched.report.Comparison;
import io.memsched.report.Report;
import io.memsched.report.Timeline;
import io.memsched.report.Tables;
import io.memsched.run.Deadline;
import io.memsched.run.ProgressListener;
import io.memsched.run.Status;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.SchedulerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A schedule of a graph with everything that led to it: the passes applied (with typed statistics and provenance),
 * the graph the order runs on, the order, its peak, a lower bound and whether they meet. Made by
 * {@link Memsched#plan}:
 * <pre>{@code
 * Plan p = Memsched.plan(g).memoryModel(MemoryModel.INPLACE).passes(Passes.serenity(), Passes.fusion())
 *         .method("best").timeLimit(Duration.ofSeconds(60)).run();
 * p.peakBytes(); p.optimal(); p.order(); p.timeline(); p.compare("rpo", "hmcos"); p.report().save(path);
 * }</pre>
 *
 * <p>How passes combine: passes run in the order given, each on the previous one's output. A <em>rewrite</em>
 * (SERENITY, most user passes) changes the graph, so {@link #graph()} is the graph after the last rewrite. The
 * <em>groupings</em> (fusion) after the last rewrite only group operators: the method schedules the grouped graph
 * and the order is expanded back to {@link #graph()}; a grouping followed by a rewrite stays in the graph (its
 * fused operators become ordinary ones). The order is re-simulated on {@link #graph()} by the shared simulator; a
 * bound proved on the grouped graph is kept only when every grouping pass preserves the optimum.
 */
public final class Plan {
    private final Graph input;
    private final Graph graph;
    private final List<PassResult> passes;
    private final ScheduleResult result;
    private final SchedulerOptions options;
    private final Optional<ArenaOrderChoice> arenaChoice;

    private Plan(Graph input, Graph graph, List<PassResult> passes, ScheduleResult result, SchedulerOptions options,
                 Optional<ArenaOrderChoice> arenaChoice) {
        this.input = input;
        this.graph = graph;
        this.passes = List.copyOf(passes);
        this.result = result;
        this.options = options;
        this.arenaChoice = arenaChoice;
    }

    /** The objective the order was chosen for. */
    public Objective objective() {
        return arenaChoice.isPresent() ? Objective.ARENA : Objective.PEAK;
    }

    /**
     * With {@link Objective#ARENA}: the order search's outcome (the chosen order's layout, the peak limit, what was
     * proven); {@link #order()} is then the chosen order. Empty with {@link Objective#PEAK}.
     */
    public Optional<ArenaOrderChoice> arenaChoice() {
        return arenaChoice;
    }

    /** The peak of {@link #order()} on {@link #graph()}, bytes. */
    public long peakBytes() {
        return result.peakBytes();
    }

    /** A lower bound on the peak of every order of {@link #graph()}, bytes. */
    public long lowerBoundBytes() {
        return result.lowerBoundBytes();
    }

    /** Whether the order is proven optimal (the bound meets the peak). */
    public boolean optimal() {
        return result.optimal();
    }

    /** How the run ended. */
    public Status status() {
        return result.status();
    }

    /** The operator names of {@link #graph()}, in the order they run. */
    public List<String> order() {
        return result.schedule().opNames();
    }

    /** The graph the order runs on: the input after the rewriting passes (groupings are expanded). */
    public Graph graph() {
        return graph;
    }

    /** The graph the plan started from. */
    public Graph input() {
        return input;
    }

    /** Every pass applied, in order, with its statistics and provenance. */
    public List<PassResult> passes() {
        return passes;
    }

    /** The method's verified result on {@link #graph()} (method, statistics, elapsed time). */
    public ScheduleResult result() {
        return result;
    }

    /** The options the method ran with. */
    public SchedulerOptions options() {
        return options;
    }

    /** The memory timeline of the order (renders as a chart in a notebook; {@code .table()} for the table). */
    public Timeline timeline() {
        return new Timeline(result.timeline(graph), result.method() + " on " + graph.name());
    }

    /** This plan's result next to the results of {@code methods} on {@link #graph()} with the same options. */
    public Comparison compare(String... methods) {
        List<ScheduleResult> all = new ArrayList<>();
        all.add(result);
        for (String m : methods) {
            all.add(Memsched.schedule(graph, m, options)); // progress as the plan's own run
        }
        return new Comparison(graph, options, all);
    }

    /**
     * The HTML report of this plan: a summary (peak, bound, the greedy arena layout of the order, what each pass did),
     * the drawing, the timeline, and the fusion groups when a fusion pass ran.
     */
    public Report report() {
        Report r = Report.of(new Comparison(graph, options, List.of(result))).withPasses(passes).withArena(arena("greedy"));
        Optional<PassResult> grouping = passes.stream().filter(p -> p.provenance().grouping() && p.changed())
                .reduce((a, b) -> b);
        return grouping.filter(p -> p.input() == graph).map(p -> r.withFusion(Tables.fusion(p))).orElse(r);
    }

    /**
     * Tensor offsets of {@link #order()} (the order found, or chosen by {@link Objective#ARENA}) in one arena, by the
     * planner {@code id} ({@code greedy}, {@code bestfit}, {@code exact}, ...), within the plan's time limit.
     */
    public ArenaPlan arena(String id) {
        return Registry.arenaPlanners().create(id, ArenaOptions.defaults().withTimeLimit(options.timeLimit())
                        .withClock(options.clock()).withProgress(options.progress()))
                .plan(graph, options.memoryModel(), result.schedule().indicesIn(graph));
    }

    /** One line: method, graph, peak, proof, passes (and the arena chosen, with {@link Objective#ARENA}). */
    @Override
    public String toString() {
        String ps = passes.isEmpty() ? "" : " after " + String.join(", ", passes.stream().map(p -> p.name() + " ("
                + p.stats().opsBefore() + " -> " + p.stats().opsAfter() + " ops)").toList());
        return result + ps + arenaChoice.map(c -> "; " + c).orElse("");
    }

    /**
     * The steps of a plan, set one at a time (every setter returns this builder); {@link #run()} makes the plan.
     * Defaults: no passes, method {@code best}, the defaults of {@link SchedulerOptions#defaults()}.
     */
    public static final class Builder {
        private final Graph graph;
        private final List<Pass> passes = new ArrayList<>();
        private String method = "best";
        private SchedulerOptions options = SchedulerOptions.defaults();
        private boolean progressSet;
        private Objective objective = Objective.PEAK;
        private double peakTolerance;
        private String arenaPlanner = "exact";

        Builder(Graph graph) {
            this.graph = Objects.requireNonNull(graph, "graph");
        }

        /** The memory model to minimise under. */
        public Builder memoryModel(MemoryModel m) {
            options = options.withMemoryModel(Objects.requireNonNull(m, "memoryModel"));
            return this;
        }

        /** The memory model by id ({@code default}, {@code inplace}). */
        public Builder memoryModel(String id) {
            return memoryModel(Registry.memoryModel(id));
        }

        /** The passes to apply before scheduling, in order (replacing any set before). */
        public Builder passes(Pass... ps) {
            return passes(Arrays.asList(ps));
        }

        /** The passes to apply before scheduling, in order (replacing any set before). */
        public Builder passes(List<? extends Pass> ps) {
            passes.clear();
            ps.forEach(p -> passes.add(Objects.requireNonNull(p, "pass")));
            return this;
        }

        /** The scheduling method by id ({@code best}, {@code dp}, {@code hmcos}, ...; see {@link Registry}). */
        public Builder method(String id) {
            Registry.schedulers().entry(id);
            method = id;
            return this;
        }

        /** The solver backend of the methods that solve ({@code cpsat}, {@code ojalgo}). */
        public Builder solver(String id) {
            Registry.solvers().entry(id);
            options = options.withSolver(id);
            return this;
        }

        /** The time limit of the whole run, passes included. */
        public Builder timeLimit(Duration limit) {
            options = options.withTimeLimit(limit);
            return this;
        }

        /** The seed of every random choice. */
        public Builder seed(long seed) {
            options = options.withSeed(seed);
            return this;
        }

        /** Solver threads. */
        public Builder threads(int n) {
            options = options.withThreads(n);
            return this;
        }

        /**
         * Where progress goes ({@code ProgressListener.NONE}: nowhere). Unset, it goes to the front end's display
         * ({@link ProgressListener#ambient()}: a notebook's progress line), if any.
         */
        public Builder progress(ProgressListener p) {
            options = options.withProgress(Objects.requireNonNull(p, "progress"));
            progressSet = true;
            return this;
        }

        /**
         * What to minimise: {@link Objective#PEAK} (default) or {@link Objective#ARENA}, the smallest arena among the
         * orders whose peak is within {@link #peakTolerance(double)} of the method's (see {@link ArenaObjective}).
         */
        public Builder objective(Objective o) {
            objective = Objects.requireNonNull(o, "objective");
            return this;
        }

        /** The objective by id ({@code peak}, {@code arena}). */
        public Builder objective(String id) {
            return objective(Objective.of(id));
        }

        /**
         * With {@link Objective#ARENA}: how far above the method's peak an order may go, as a fraction (default 0:
         * only orders of the same peak; 0.05 allows 5 % more).
         */
        public Builder peakTolerance(double fraction) {
            ArenaObjective.checkTolerance(fraction);
            peakTolerance = fraction;
            return this;
        }

        /**
         * With {@link Objective#ARENA}: the planner of the best few orders ({@code exact} by default; every order
         * is first placed greedily).
         */
        public Builder arenaPlanner(String id) {
            Registry.arenaPlanners().entry(id);
            arenaPlanner = id;
            return this;
        }

        /** All scheduler options at once (memory model, time limit, seed, threads, solver, ...). */
        public Builder options(SchedulerOptions o) {
            options = Objects.requireNonNull(o, "options");
            return this;
        }

        /** Applies the passes, schedules, expands and verifies: the plan. */
        public Plan run() {
            SchedulerOptions options = Memsched.withProgress(this.options, progressSet);
            ProgressListener progress = options.progress();
            progress.started(graph.name(), method);
            Deadline deadline = Deadline.after(options.timeLimit());
            PassContext ctx = new PassContext(options.memoryModel(), deadline, progress);
            List<PassResult> results = new ArrayList<>();
            Graph g = graph;
            Graph scheduled = graph;
            Provenance grouping = Provenance.identity(graph.opCount());
            boolean exactGrouping = true;
            for (Pass p : passes) {
                progress.stage(method, "pass " + p.name());
                PassResult r = p.run(scheduled, ctx);
                results.add(r);
                if (r.provenance().grouping()) {
                    grouping = grouping.then(r.provenance());
                    exactGrouping &= p.preservesOptimum() || r.provenance().isIdentity();
                } else {
                    g = r.graph();
                    grouping = Provenance.identity(g.opCount());
                    exactGrouping = true;
                }
                scheduled = r.graph();
            }
            Duration left = deadline.remaining();
            SchedulerOptions rest = options.withTimeLimit(left.toNanos() < 1_000_000 ? Duration.ofMillis(1) : left)
                    .withClock(progress.stagesOf(options.clock(), method));
            ScheduleResult r = Registry.scheduler(method, rest).schedule(scheduled);
            if (scheduled != g) {
                int[] order = grouping.expand(r.schedule().indicesIn(scheduled));
                r = ScheduleResult.verified(r.method(), g, options.memoryModel(), order,
                        exactGrouping ? r.lowerBoundBytes() : 0, r.status(), deadline.elapsed(), r.stats());
            }
            Optional<ArenaOrderChoice> choice = Optional.empty();
            if (objective == Objective.ARENA) {
                progress.stage(method, "arena order");
                ArenaObjective.Outcome o = ArenaObjective.choose(g, r, options.withClock(progress.stagesOf(
                        options.clock(), method)), arenaPlanner, peakTolerance);
                r = o.result();
                choice = Optional.of(o.choice());
            }
            progress.finished(graph.name(), method, r.status(), r.peakBytes(), deadline.elapsedSeconds());
            return new Plan(graph, g, results, r, options, choice);
        }
    }
}
