package io.memsched.schedule;

import io.memsched.graph.Graph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The strongest pipeline available, as a small composition: run the one-pass heuristics, then the exact
 * {@link DpScheduler} seeded with their orders (within the time and state limits), and return the lowest peak with
 * the highest lower bound any member proved. Optimal exactly when that bound meets the peak.
 *
 * <p>Cost: the heuristics' O(n * r * d) plus the cost of {@link DpScheduler}.
 *
 * @see DpScheduler
 */
public final class BestScheduler implements Scheduler {
    private final SchedulerOptions options;
    private final List<Scheduler> heuristics;

    /** The default pipeline: program order, reverse post-order and greedy, then {@code dp}. */
    public BestScheduler(SchedulerOptions options) {
        this(options, List.of(new ProgramOrderScheduler(options), new ReversePostOrderScheduler(options),
                new GreedyScheduler(options)));
    }

    /** {@code heuristics} first (their orders seed the exact search), then {@code dp}. */
    public BestScheduler(SchedulerOptions options, List<Scheduler> heuristics) {
        this.options = Objects.requireNonNull(options, "options");
        this.heuristics = List.copyOf(heuristics);
    }

    @Override
    public String name() {
        return "best";
    }

    @Override
    public ScheduleResult schedule(Graph graph) {
        Deadline deadline = Deadline.after(options.timeLimit());
        List<ScheduleResult> results = new ArrayList<>();
        for (Scheduler h : heuristics) {
            results.add(h.schedule(graph));
        }
        List<Schedule> seeds = results.stream().map(ScheduleResult::schedule).toList();
        SchedulerOptions rest = options.withTimeLimit(deadline.remaining().isZero()
                ? java.time.Duration.ofMillis(1) : deadline.remaining());
        results.add(new DpScheduler(rest).schedule(graph, seeds));
        ScheduleResult winner = results.get(0);
        long bound = 0;
        for (ScheduleResult r : results) {
            if (r.peakBytes() < winner.peakBytes()) {
                winner = r;
            }
            bound = Math.max(bound, r.lowerBoundBytes());
        }
        ScheduleResult exact = results.get(results.size() - 1);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("winner", winner.method());
        for (ScheduleResult r : results) {
            stats.put(r.method() + ".peak", r.peakBytes());
        }
        exact.stats().asMap().forEach((k, v) -> stats.put("dp." + k, v));
        Status status = exact.status() == Status.OPTIMAL ? Status.FEASIBLE : exact.status();
        return ScheduleResult.verified(name(), graph, options.memoryModel(), winner.schedule().indicesIn(graph), bound,
                status, deadline.elapsed(), AlgorithmStats.of(stats));
    }

    @Override
    public String toString() {
        return name();
    }
}
