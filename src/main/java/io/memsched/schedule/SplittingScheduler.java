package io.memsched.schedule;

import io.memsched.graph.Graph;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Decorator: cuts the graph at its single-node cuts ({@link GraphSegments}), schedules every segment with a fresh
 * inner scheduler and concatenates the orders. The peak is the largest segment peak and the bound the largest
 * segment bound, so the result is optimal when every segment that holds the peak is. The time left is shared among
 * the remaining segments in proportion to their squared sizes. Statistics: {@code segments}, {@code largestSegment},
 * and the inner statistics of the segment with the most operators.
 */
public final class SplittingScheduler implements Scheduler {
    private final SchedulerOptions options;
    private final Function<SchedulerOptions, Scheduler> inner;
    private final String name;

    /** Splits, then runs {@code inner.apply(optionsWithTheSegmentsTimeShare)} on each segment. */
    public SplittingScheduler(String name, SchedulerOptions options, Function<SchedulerOptions, Scheduler> inner) {
        this.name = Objects.requireNonNull(name, "name");
        this.options = Objects.requireNonNull(options, "options");
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ScheduleResult schedule(Graph graph) {
        Deadline deadline = Deadline.after(options.timeLimit());
        if (graph.opCount() == 0) {
            return inner.apply(options).schedule(graph);
        }
        GraphSegments parts = GraphSegments.of(graph);
        List<Graph> segs = parts.segments();
        double weightLeft = 0;
        for (Graph s : segs) {
            weightLeft += (double) s.opCount() * s.opCount();
        }
        List<int[]> orders = new ArrayList<>(segs.size());
        long bound = 0;
        Status status = Status.OPTIMAL;
        ScheduleResult largest = null;
        for (Graph s : segs) {
            double w = (double) s.opCount() * s.opCount();
            Duration left = deadline.remaining();
            long share = weightLeft <= 0 ? left.toNanos() : (long) (left.toNanos() * (w / weightLeft));
            weightLeft -= w;
            Duration limit = Duration.ofNanos(Math.max(1_000_000, share));
            var stop = deadline.stopReason();
            // out of time (or interrupted): the greedy order for this and every later segment, no inner solve
            ScheduleResult r = stop.isPresent() ? new GreedyScheduler(options).schedule(s)
                    : inner.apply(options.withTimeLimit(limit)).schedule(s);
            if (stop.isPresent()) {
                status = worse(status, stop.get());
            }
            orders.add(r.schedule().indicesIn(s));
            bound = Math.max(bound, r.lowerBoundBytes());
            if (!r.optimal()) {
                status = worse(status, r.status());
            }
            if (largest == null || s.opCount() > largest.schedule().size()) {
                largest = r;
            }
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("segments", segs.size());
        stats.put("largestSegment", largest.schedule().size());
        stats.putAll(largest.stats().asMap());
        return ScheduleResult.verified(name, graph, options.memoryModel(), parts.concat(orders), bound, status,
                deadline.elapsed(), AlgorithmStats.of(stats));
    }

    private static Status worse(Status a, Status b) {
        return b.ordinal() > a.ordinal() ? b : a;
    }

    @Override
    public String toString() {
        return name + "(split at single-node cuts)";
    }
}
