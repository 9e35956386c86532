package io.memsched.schedule;

import io.memsched.fusion.FusedGraph;
import io.memsched.fusion.FusionPipeline;
import io.memsched.graph.Graph;
import io.memsched.run.Deadline;
import io.memsched.run.Status;
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
 *   <li>fuse the graph to a fixpoint ({@link FusionPipeline#defaults()}; the optimal peak is unchanged);</li>
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
    private final FusionPipeline fusion;

    /** The default pipeline: fusion; program order, reverse post-order, greedy, DFS and least-peak-first; then
     * {@code dp}, then the ILP. */
    public BestScheduler(SchedulerOptions options) {
        this(options, List.of(new ProgramOrderScheduler(options), new ReversePostOrderScheduler(options),
                new GreedyScheduler(options), new DfsScheduler(options), new LeastPeakScheduler(options)));
    }

    /** {@code heuristics} first (their orders seed the exact search), then {@code dp}, then the ILP. */
    public BestScheduler(SchedulerOptions options, List<Scheduler> heuristics) {
        this.options = Objects.requireNonNull(options, "options");
        this.heuristics = List.copyOf(heuristics);
        this.fusion = FusionPipeline.defaults();
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
        FusedGraph fused = fusion.fuse(graph, options.memoryModel(), fusionDeadline::expired);
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
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("opsBeforeFusion", fused.stats().opsBefore());
        stats.put("opsAfterFusion", fused.stats().opsAfter());
        stats.put("fusionMerges", fused.stats().totalMerges());
        stats.put("heuristicsSkipped", skipped);
        ScheduleResult dp = expand(graph, fused,
                new DpScheduler(options.withTimeLimit(share(deadline, DP_SHARE_PERCENT))).schedule(fg, seeds));
        results.add(dp);
        dp.stats().asMap().forEach((k, v) -> stats.put("dp." + k, v));
        ScheduleResult exact = dp;
        if (!dp.optimal() && dp.status() != Status.INTERRUPTED && !deadline.expired()
                && ilpCheckFits(fg, deadline) && IlpScheduler.solvesWhole(fg, options)) {
            deadline.stage("ilp");
            int[] start = fused.contract(dp.schedule().indicesIn(graph)).orElseThrow();
            ScheduleResult ilp = expand(graph, fused, new IlpScheduler(options.withTimeLimit(share(deadline, 100)),
                    new CpSatBackend()).schedule(fg, start));
            results.add(ilp);
            ilp.stats().asMap().forEach((k, v) -> stats.put("ilp." + k, v));
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
        stats.put("winner", winner.method());
        for (ScheduleResult r : results) {
            stats.put(r.method() + ".peak", r.peakBytes());
        }
        Status status = exact.status() == Status.OPTIMAL ? Status.FEASIBLE : exact.status();
        if (Thread.currentThread().isInterrupted()) {
            status = Status.INTERRUPTED;
        } else if (skipped > 0 && status != Status.TIME_LIMIT) {
            status = Status.TIME_LIMIT;
        }
        return ScheduleResult.verified(name(), graph, options.memoryModel(), winner.schedule().indicesIn(graph), bound,
                status, deadline.elapsed(), AlgorithmStats.of(stats));
    }

    /** {@code r}, a result on the fused graph, as a result on the original graph (re-simulated there). */
    private ScheduleResult expand(Graph graph, FusedGraph fused, ScheduleResult r) {
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
