package io.memsched.schedule.ilp;

import io.memsched.fusion.Fusion;
import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.memory.InvalidScheduleException;
import io.memsched.memory.LowerBounds;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.run.Deadline;
import io.memsched.run.Status;
import io.memsched.schedule.FusingScheduler;
import io.memsched.schedule.GreedyScheduler;
import io.memsched.schedule.ProgramOrderScheduler;
import io.memsched.schedule.ReversePostOrderScheduler;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.Scheduler;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.schedule.SplittingScheduler;
import io.memsched.graph.SeriesSegments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Exact scheduler: solves the pruned time-indexed program of {@link TimeIndexedModel} with an {@link IlpBackend},
 * warm-started from the best of the greedy, reverse post-order and program orders (whose peak is the upper bound).
 * Skips the solver when the heuristic already meets the simple lower bound. Refuses (status {@code BUDGET}, the
 * heuristic order) a program with more variables than {@code options.stateLimit()}, or one the backend says does not
 * fit ({@link IlpBackend#fits}, checked on the step variables before building and on the built program before
 * solving; larger graphs then go region by region). Optimal when the solver proves
 * it; otherwise the best order found, with the solver's bound.
 *
 * <p>Reference: S. Zhong et al., "Memory-aware Scheduling for Complex Wired Networks with Iterative Graph
 * Optimization", ICCAD 2023 (arXiv 2308.13898). Model size O(n^2) variables before pruning; solve time exponential
 * in the worst case. Usually composed as {@code new FusingScheduler("ilp", Fusion.pipeline(), options, ilp)}.
 *
 * @see io.memsched.schedule.FusingScheduler
 */
public final class IlpScheduler implements Scheduler {
    /** Operators per region when a graph is too large for one program. */
    static final int REGION_OPS = 150;
    /** Most variables of one program (also capped by {@link SchedulerOptions#stateLimit()}). */
    static final long MAX_VARIABLES = 150_000;
    /** Most operators whose step variables are counted (the count takes O(n^2) bits); larger graphs go by region. */
    static final int MAX_COUNTED_OPS = 20_000;

    private final SchedulerOptions options;
    private final IlpBackend backend;

    /** An ILP scheduler with these options and this backend. */
    public IlpScheduler(SchedulerOptions options, IlpBackend backend) {
        this.options = Objects.requireNonNull(options, "options");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /**
     * The {@code ilp} method: fusion to a fixpoint, then a split at single-node cuts, then this ILP on every segment
     * with {@code backend}.
     */
    public static Scheduler withFusion(SchedulerOptions options, IlpBackend backend) {
        Objects.requireNonNull(backend, "backend");
        return new FusingScheduler("ilp", Fusion.pipeline(), options,
                rest -> new SplittingScheduler("ilp", rest, o -> new IlpScheduler(o, backend)));
    }

    @Override
    public String name() {
        return "ilp";
    }

    /**
     * Whether {@code graph} gets one program (which can prove optimality) rather than region-by-region improvement:
     * at most {@link #REGION_OPS} operators, or at most {@code min(stateLimit, 150,000)} step variables after pruning
     * (counted only up to {@link #MAX_COUNTED_OPS} operators).
     */
    public static boolean solvesWhole(Graph graph, SchedulerOptions options) {
        long limit = Math.min(options.stateLimit(), MAX_VARIABLES);
        // every operator has at least one step variable; counting them keeps two n-bit sets per operator
        return graph.opCount() <= REGION_OPS
                || graph.opCount() <= Math.min(limit, MAX_COUNTED_OPS)
                        && TimeIndexedModel.stepVariables(graph) <= limit;
    }

    /** The backend. */
    public IlpBackend backend() {
        return backend;
    }

    @Override
    public ScheduleResult schedule(Graph graph) {
        Objects.requireNonNull(graph, "graph");
        Deadline deadline = options.deadline();
        return schedule(graph, bestHeuristic(graph, deadline), deadline);
    }

    /** Schedules {@code graph} starting from the valid order {@code start}. */
    public ScheduleResult schedule(Graph graph, int[] start) {
        Objects.requireNonNull(graph, "graph");
        return schedule(graph, start, options.deadline());
    }

    private ScheduleResult schedule(Graph graph, int[] start, Deadline deadline) {
        deadline.stage("ilp");
        MemoryModel mm = options.memoryModel();
        long startPeak = MemorySimulator.peak(graph, mm, start);
        long lower = LowerBounds.simple(graph, mm);
        Optional<Status> stop = deadline.stopReason();
        if (stop.isPresent() && stop.get() == Status.INTERRUPTED) {
            return stopped(graph, start, startPeak, deadline, 0, 0, stop.get());
        }
        if (lower >= startPeak || graph.opCount() <= 1) {
            return ScheduleResult.verified(name(), graph, mm, start, startPeak, Status.OPTIMAL, deadline.elapsed(),
                    new IlpStats(backend.name(), graph.opCount(), 0, 0, 0, 0, 0, startPeak, startPeak, 0, "SKIPPED", 0));
        }
        if (stop.isPresent()) {
            return stopped(graph, start, startPeak, deadline, 0, 0, stop.get());
        }
        long limit = Math.min(options.stateLimit(), MAX_VARIABLES);
        if (!solvesWhole(graph, options)) {
            return regions(graph, start, startPeak, deadline);
        }
        // the step variables (at least as many rows) are part of the program: refuse before building it
        long steps = TimeIndexedModel.stepVariables(graph);
        if (!backend.fits(steps, 2 * steps)) {
            return graph.opCount() > REGION_OPS ? regions(graph, start, startPeak, deadline)
                    : refused(graph, start, startPeak, lower, deadline, steps, 0);
        }
        // building polls the deadline, and gives up on a program that a large graph would rather solve by region
        deadline.stage("build");
        TimeIndexedModel.Build build = TimeIndexedModel.build(graph, mm, lower, startPeak, deadline,
                graph.opCount() > REGION_OPS ? limit : Long.MAX_VALUE);
        if (build.stopped().isPresent()) {
            return stopped(graph, start, startPeak, deadline, build.variables(), build.constraints(),
                    build.stopped().get());
        }
        if (build.tooLarge()) {
            return regions(graph, start, startPeak, deadline);
        }
        TimeIndexedModel model = build.model().orElseThrow();
        TimeIndexedModel.Stats built = model.stats();
        if (!backend.fits(built.variables(), built.constraints())) {
            return graph.opCount() > REGION_OPS ? regions(graph, start, startPeak, deadline)
                    : refused(graph, start, startPeak, lower, deadline, built.variables(), built.constraints());
        }
        stop = deadline.stopReason();
        if (stop.isPresent()) {
            return stopped(graph, start, startPeak, deadline, built.variables(), built.constraints(), stop.get());
        }
        deadline.stage("solve");
        IlpBackend.Solution s = backend.solve(model,
                new IlpBackend.Request(start, deadline, options.threads(), options.seed(), options.progress()));
        int[] order = start;
        long peak = startPeak;
        if (s.order().isPresent()) {
            try {
                long p = MemorySimulator.peak(graph, mm, s.order().get());
                if (p <= peak) {
                    order = s.order().get();
                    peak = p;
                }
            } catch (InvalidScheduleException e) {
                throw new IllegalStateException(backend.name() + " decoded an invalid order for graph '"
                        + graph.name() + "': " + e.getMessage(), e);
            }
        }
        long bound = Math.min(s.lowerBoundBytes(), peak);
        if (s.status() == Status.OPTIMAL && s.lowerBoundBytes() != peak) {
            throw new IllegalStateException(backend.name() + " claims optimum " + s.lowerBoundBytes()
                    + " for graph '" + graph.name() + "' but its order peaks at " + peak);
        }
        TimeIndexedModel.Stats ms = model.stats();
        IlpStats stats = new IlpStats(backend.name(), graph.opCount(), ms.variables(),
                ms.unprunedVariables() - ms.variables(), ms.constraints(), ms.unprunedConstraints() - ms.constraints(),
                ms.fixedLiveness(), s.lowerBoundBytes(), startPeak, s.seconds(), s.status().name(), 0);
        return ScheduleResult.verified(name(), graph, mm, order, bound, s.status(), deadline.elapsed(), stats);
    }

    /**
     * Too large for one program: cuts the warm-start order into consecutive regions of {@link #REGION_OPS}
     * operators ({@link SeriesSegments#windows} gives each region its exact live context) and re-optimises the internal order
     * of the region that holds the peak, everything outside it fixed, then of the region that holds the peak after
     * that, until the peak sits in a region already optimised or time is up (the peak is the largest region peak,
     * so no other region can lower it). The peak never rises above the warm start's, but only the simple
     * lower bound holds for the graph: the optimality guarantee is lost, which the statistics say.
     */
    private ScheduleResult regions(Graph graph, int[] start, long startPeak, Deadline deadline) {
        SeriesSegments parts = SeriesSegments.windows(graph, start, REGION_OPS);
        List<Graph> regs = parts.graphs();
        List<int[]> orders = new ArrayList<>(regs.size());
        long vars = 0;
        long cons = 0;
        long pvars = 0;
        long pcons = 0;
        long fixed = 0;
        Status status = Status.FEASIBLE;
        deadline.stage("regions");
        int[] local = new int[graph.opCount()];
        for (SeriesSegments.Segment segment : parts.segments()) {
            for (int k = 0; k < segment.size(); k++) {
                local[segment.ops().get(k)] = k;
            }
        }
        long[] peaks = new long[regs.size()];
        boolean[] done = new boolean[regs.size()];
        for (int s = 0; s < regs.size(); s++) {
            int[] regionStart = new int[parts.segments().get(s).size()];
            for (int k = 0; k < regionStart.length; k++) {
                regionStart[k] = local[start[s * REGION_OPS + k]];
            }
            orders.add(regionStart);
            peaks[s] = MemorySimulator.peak(regs.get(s), options.memoryModel(), regionStart);
        }
        int solved = 0;
        while (true) {
            int s = 0;
            for (int k = 1; k < regs.size(); k++) {
                if (peaks[k] > peaks[s]) {
                    s = k;
                }
            }
            if (done[s]) {
                break; // the region holding the peak is already as good as the solver could make it
            }
            Optional<Status> stop = deadline.stopReason();
            if (stop.isPresent()) {
                status = stop.get();
                break;
            }
            done[s] = true;
            solved++;
            Duration share = Duration.ofNanos(Math.max(1_000_000, deadline.remaining().toNanos() / 2));
            ScheduleResult res = new IlpScheduler(options.withTimeLimit(share), backend)
                    .schedule(regs.get(s), orders.get(s));
            orders.set(s, res.schedule().indicesIn(regs.get(s)));
            peaks[s] = res.peakBytes();
            var st = res.stats().find(IlpStats.class);
            vars += st.map(IlpStats::variables).orElse(0L);
            pvars += st.map(IlpStats::prunedVariables).orElse(0L);
            cons += st.map(IlpStats::constraints).orElse(0L);
            pcons += st.map(IlpStats::prunedConstraints).orElse(0L);
            fixed += st.map(IlpStats::fixedLiveness).orElse(0L);
            if (res.status() == Status.INTERRUPTED) {
                status = Status.INTERRUPTED;
                break;
            }
            if (res.status() == Status.TIME_LIMIT || res.status() == Status.BUDGET && status == Status.FEASIBLE) {
                status = res.status(); // the region's search was cut short, or refused as too large
            }
        }
        int[] order = parts.concat(orders);
        MemoryModel mm = options.memoryModel();
        IlpStats stats = new IlpStats(backend.name(), graph.opCount(), vars, pvars, cons, pcons, fixed, 0, startPeak,
                deadline.elapsedSeconds(), "REGIONS(" + solved + " solved)", regs.size());
        return ScheduleResult.verified(name(), graph, mm, order, 0, status, deadline.elapsed(), stats);
    }

    /** The deadline passed or the thread was interrupted before the solve: the warm start, with that status. */
    private ScheduleResult stopped(Graph graph, int[] start, long startPeak, Deadline deadline, long variables,
                                   long constraints, Status why) {
        return ScheduleResult.verified(name(), graph, options.memoryModel(), start, 0, why, deadline.elapsed(),
                new IlpStats(backend.name(), graph.opCount(), variables, 0, constraints, 0, 0, 0, startPeak, 0,
                        why.name(), 0));
    }

    /** The backend cannot take a program this large: the warm start, status {@code BUDGET}. */
    private ScheduleResult refused(Graph graph, int[] start, long startPeak, long lower, Deadline deadline,
                                   long variables, long constraints) {
        return ScheduleResult.verified(name(), graph, options.memoryModel(), start, Math.min(lower, startPeak),
                Status.BUDGET, deadline.elapsed(), new IlpStats(backend.name(), graph.opCount(), variables, 0, constraints, 0,
                        0, 0, startPeak, 0, "TOO_LARGE", 0));
    }

    /** The best warm start of the one-pass heuristics; after the first, each runs only while time is left. */
    private int[] bestHeuristic(Graph graph, Deadline deadline) {
        ScheduleResult best = null;
        for (Scheduler h : new Scheduler[] {new GreedyScheduler(options), new ReversePostOrderScheduler(options),
                new ProgramOrderScheduler(options)}) {
            if (best != null && deadline.expired()) {
                break; // the stop is reported by the check that follows
            }
            ScheduleResult r = h.schedule(graph);
            if (best == null || r.peakBytes() < best.peakBytes()) {
                best = r;
            }
        }
        return best.schedule().indicesIn(graph);
    }

    @Override
    public String toString() {
        return name() + "(" + backend.name() + ")";
    }
}
