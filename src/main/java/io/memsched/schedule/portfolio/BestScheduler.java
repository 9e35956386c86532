package io.memsched.schedule.portfolio;

import io.memsched.fusion.Fusion;
import io.memsched.pass.Pass;
import io.memsched.pass.PassContext;
import io.memsched.pass.PassResult;
import io.memsched.graph.Graph;
import io.memsched.schedule.AlgorithmStats;
import io.memsched.run.Deadline;
import io.memsched.schedule.DfsScheduler;
import io.memsched.schedule.FusionCounts;
import io.memsched.schedule.DpScheduler;
import io.memsched.schedule.GreedyScheduler;
import io.memsched.schedule.LeastPeakScheduler;
import io.memsched.schedule.ProgramOrderScheduler;
import io.memsched.schedule.ReversePostOrderScheduler;
import io.memsched.schedule.Schedule;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.Scheduler;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.run.Status;
import io.memsched.schedule.ilp.IlpBackend;
import io.memsched.schedule.ilp.CpSatBackend;
import io.memsched.schedule.ilp.IlpScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The strongest pipeline available, as a small composition (a portfolio):
 * <ol>
 *   <li>fuse the graph to a fixpoint ({@link Fusion#pipeline()}; the optimal peak is unchanged);</li>
 *   <li>run the one-pass heuristics, on the original graph (candidates) and on the fused graph (seeds);</li>
 *   <li>run the exact {@link DpScheduler} on the fused graph, seeded with them, with {@value #DP_SHARE_PERCENT}% of
 *       the time;</li>
 *   <li>if the DP did not prove its order optimal (time or state budget) and the fused graph fits one program
 *       ({@link IlpScheduler#solvesWhole}), run the time-indexed ILP ({@link IlpScheduler}, CP-SAT) on the fused
 *       graph with the time left, warm-started from the DP's order;</li>
 * </ol>
 * and return the lowest peak with the highest lower bound any member proved (bounds of the fused graph hold for the
 * original, since fusion preserves the optimum). The order is re-simulated on the original graph; the result is
 * optimal exactly when that bound meets the peak.
 *
 * <p>Every stage polls the {@link Deadline} (time limit and thread interrupt): fusion gets at most a third of the
 * limit and stops between passes, heuristics after the first are skipped once time is up, and each exact stage gets
 * only the time left, so the whole run ends within the limit with the best order found so far.
 *
 * <p>Cost: fusion O(r (n + e)), the heuristics' O(n * r * d), plus the cost of {@link DpScheduler} and, when it
 * does not finish, of {@link IlpScheduler} within the time limit.
 *
 * @see DpScheduler
 * @see IlpScheduler
 * @see FusingScheduler
 */
public final class BestScheduler implements Scheduler {
    /** Share of the time limit the DP gets before the ILP takes over. */
    static final int DP_SHARE_PERCENT = 60;
    /** Estimated cost per fused operator of {@link IlpScheduler#solvesWhole} (measured: 0.7 s on 45,000). */
    static final long ILP_CHECK_NANOS_PER_OP = 20_000;

    private final SchedulerOptions options;
    private final List<Scheduler> heuristics;
    private final Pass fusion;
    private final IlpBackend solver;

    /** The default pipeline: fusion; program order, reverse post-order, greedy, DFS and least-peak-first; then
     * {@code dp}, then the ILP with CP-SAT. */
    public BestScheduler(SchedulerOptions options) {
        this(options, new CpSatBackend());
    }

    /** The default pipeline with {@code solver} as the ILP backend. */
    public BestScheduler(SchedulerOptions options, IlpBackend solver) {
        this(options, solver, List.of(new ProgramOrderScheduler(options), new ReversePostOrderScheduler(options),
                new GreedyScheduler(options), new DfsScheduler(options), new LeastPeakScheduler(options)));
    }

    /** {@code heuristics} first (their orders seed the exact search), then {@code dp}, then the ILP with {@code solver}. */
    public BestScheduler(SchedulerOptions options, IlpBackend solver, List<Scheduler> heuristics) {
        this.options = Objects.requireNonNull(options, "options");
        this.solver = Objects.requireNonNull(solver, "solver");
        this.heuristics = List.copyOf(heuristics);
        this.fusion = Fusion.pipeline();
    }

    @Override
    public String name() {
        return "best";
    }

    @Override
    public ScheduleResult schedule(Graph graph) {
        Deadline deadline = options.deadline();
        // fusion gets at most a third of the limit (it stops between passes; what it fused so far stays exact)
        deadline.stage("fusion");
        Deadline fusionDeadline = deadline.share(33);
        PassResult fused = fusion.run(graph, new PassContext(options.memoryModel(), fusionDeadline, options.progress()));
        Graph fg = fused.graph();
        List<ScheduleResult> results = new ArrayList<>();
        List<Schedule> seeds = new ArrayList<>();
        int skipped = 0;
        deadline.stage("heuristics");
        for (Scheduler h : heuristics) {
            // the first heuristic always runs (a valid order to return); the others only while time is left
            if (!results.isEmpty() && deadline.expired()) {
                skipped++;
                continue;
            }
            results.add(h.schedule(graph));
            if (!deadline.expired()) {
                seeds.add(h.schedule(fg).schedule());
            }
        }
        ScheduleResult dp = expand(graph, fused,
                new DpScheduler(options.withTimeLimit(share(deadline, DP_SHARE_PERCENT))).schedule(fg, seeds));
        results.add(dp);
        ScheduleResult exact = dp;
        ScheduleResult ilpRun = null;
        if (!dp.optimal() && dp.status() != Status.INTERRUPTED && !deadline.expired()
                && ilpCheckFits(fg, deadline) && IlpScheduler.solvesWhole(fg, options)) {
            deadline.stage("ilp");
            int[] start = fused.provenance().contract(dp.schedule().indicesIn(graph)).orElseThrow();
            ScheduleResult ilp = expand(graph, fused, new IlpScheduler(options.withTimeLimit(share(deadline, 100)),
                    solver).schedule(fg, start));
            results.add(ilp);
            ilpRun = ilp;
            exact = ilp;
        }
        ScheduleResult winner = results.get(0);
        long bound = 0;
        for (ScheduleResult r : results) {
            if (r.peakBytes() < winner.peakBytes()) {
                winner = r;
            }
            bound = Math.max(bound, r.lowerBoundBytes());
        }
        Map<String, Long> peaks = new LinkedHashMap<>();
        for (ScheduleResult r : results) {
            peaks.put(r.method(), r.peakBytes());
        }
        Stats stats = new Stats(fused.stats().opsBefore(), fused.stats().opsAfter(), fused.stats().totalApplied(),
                skipped, dp.stats(), java.util.Optional.ofNullable(ilpRun).map(ScheduleResult::stats),
                winner.method(), peaks);
        Status status = exact.status() == Status.OPTIMAL ? Status.FEASIBLE : exact.status();
        if (Thread.currentThread().isInterrupted()) {
            status = Status.INTERRUPTED;
        } else if (skipped > 0 && status != Status.TIME_LIMIT) {
            status = Status.TIME_LIMIT;
        }
        return ScheduleResult.verified(name(), graph, options.memoryModel(), winner.schedule().indicesIn(graph), bound,
                status, deadline.elapsed(), stats);
    }

    /**
     * Statistics of one run.
     *
     * @param opsBeforeFusion operators of the graph
     * @param opsAfterFusion operators of the fused graph the exact stages searched
     * @param fusionMerges merges of the fusion pipeline
     * @param heuristicsSkipped heuristics skipped because time was up
     * @param dp the exact DP's statistics ({@code dp.*} in the flat map)
     * @param ilp the ILP's statistics, when it ran ({@code ilp.*})
     * @param winner the method whose order was returned
     * @param peak the peak of every member that ran, by method ({@code peak.<method>})
     */
    public record Stats(int opsBeforeFusion, int opsAfterFusion, int fusionMerges, int heuristicsSkipped,
                        AlgorithmStats dp, java.util.Optional<AlgorithmStats> ilp, String winner,
                        Map<String, Long> peak) implements FusionCounts {
        /** Freezes the map. */
        public Stats {
            peak = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(peak));
        }
    }

    /** {@code r}, a result on the fused graph, as a result on the original graph (re-simulated there). */
    private ScheduleResult expand(Graph graph, PassResult fused, ScheduleResult r) {
        int[] order = fused.expand(r.schedule().indicesIn(fused.graph()));
        return ScheduleResult.verified(r.method(), graph, options.memoryModel(), order, r.lowerBoundBytes(),
                r.status(), r.elapsed(), r.stats());
    }

    /**
     * Whether the ILP's size check (it counts the step variables, about {@value #ILP_CHECK_NANOS_PER_OP} ns per
     * operator on 100,000 operators) fits in half the time left; if not, the ILP could not use the rest anyway.
     */
    private static boolean ilpCheckFits(Graph fg, Deadline deadline) {
        return (long) fg.opCount() * ILP_CHECK_NANOS_PER_OP <= deadline.remaining().toNanos() / 2;
    }

    private static Duration share(Deadline deadline, int percent) {
        return Duration.ofNanos(Math.max(1_000_000, deadline.remaining().toNanos() / 100 * percent));
    }

    @Override
    public String toString() {
        return name();
    }
}
