package io.memsched.schedule;

import io.memsched.run.Deadline;
import io.memsched.run.Status;

import io.memsched.graph.Graph;
import io.memsched.run.Deadline;
import io.memsched.run.Status;
import io.memsched.graph.SeriesSegments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Decorator: cuts the graph at its single-node cuts ({@link SeriesSegments#atCuts}, each cut a segment of its own)
 * and concatenates segment orders. The
 * peak is the largest segment peak and the bound the largest segment bound, so only the segments that hold the peak
 * need the (expensive) inner scheduler: every segment starts from its greedy order (its program order once the
 * deadline has passed), then the segment holding the
 * current peak is handed to a fresh inner scheduler, then the one holding the new peak, and so on until the peak
 * sits in a segment already solved, or time is up. The result is optimal when the segment holding the peak was
 * proven optimal. Each solve gets at least half the time left, more when it is the bulk of the unsolved squared sizes. Statistics: {@code segments}, {@code largestSegment},
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
        Deadline deadline = options.deadline();
        deadline.stage("split");
        if (graph.opCount() == 0) {
            return inner.apply(options).schedule(graph);
        }
        SeriesSegments parts = SeriesSegments.atCuts(graph);
        List<Graph> segs = parts.graphs();
        int m = segs.size();
        List<int[]> orders = new ArrayList<>(m);
        long[] peaks = new long[m];
        long[] bounds = new long[m];
        boolean[] done = new boolean[m];
        double weightLeft = 0;
        boolean late = false;
        for (int s = 0; s < m; s++) {
            // once time is up, the remaining segments keep their program order (one pass) instead of the greedy's
            late = late || deadline.expired();
            ScheduleResult h = (late ? new ProgramOrderScheduler(options) : new GreedyScheduler(options))
                    .schedule(segs.get(s));
            orders.add(h.schedule().indicesIn(segs.get(s)));
            peaks[s] = h.peakBytes();
            bounds[s] = h.lowerBoundBytes();
            done[s] = h.optimal();
            weightLeft += (double) segs.get(s).opCount() * segs.get(s).opCount();
        }
        Status status = Status.OPTIMAL;
        ScheduleResult largest = null;
        while (true) {
            int s = 0;
            for (int k = 1; k < m; k++) {
                if (peaks[k] > peaks[s] || peaks[k] == peaks[s] && !done[k] && done[s]) {
                    s = k;
                }
            }
            if (done[s]) {
                break; // the segment holding the peak is solved as far as the inner scheduler can
            }
            if (deadline.expired()) {
                status = worse(status, deadline.stopReason().orElse(Status.TIME_LIMIT));
                break;
            }
            Graph g = segs.get(s);
            double w = (double) g.opCount() * g.opCount();
            long share = weightLeft <= 0 ? deadline.remaining().toNanos()
                    : (long) (deadline.remaining().toNanos() * Math.min(1, Math.max(0.5, w / weightLeft)));
            weightLeft -= w;
            ScheduleResult r = inner.apply(options.withTimeLimit(Duration.ofNanos(Math.max(1_000_000, share))))
                    .schedule(g);
            done[s] = true;
            if (r.peakBytes() <= peaks[s]) {
                orders.set(s, r.schedule().indicesIn(g));
                peaks[s] = r.peakBytes();
            }
            bounds[s] = Math.max(bounds[s], r.lowerBoundBytes());
            if (!r.optimal()) {
                status = worse(status, r.status());
            }
            if (largest == null || g.opCount() > largest.schedule().size()) {
                largest = r;
            }
        }
        long bound = 0;
        for (long b : bounds) {
            bound = Math.max(bound, b);
        }
        if (largest == null) {
            largest = new GreedyScheduler(options).schedule(segs.get(0));
        }
        return ScheduleResult.verified(name, graph, options.memoryModel(), parts.concat(orders), bound, status,
                deadline.elapsed(), new SplitStats(segs.size(), largest.schedule().size(), largest.stats()));
    }

    /**
     * Statistics of a split run.
     *
     * @param segments segments the graph was split into
     * @param largestSegment operators of the largest segment
     * @param inner the statistics of the method's run on the largest segment
     */
    public record SplitStats(int segments, int largestSegment, AlgorithmStats inner) implements AlgorithmStats {
    }

    private static Status worse(Status a, Status b) {
        return b.ordinal() > a.ordinal() ? b : a;
    }

    @Override
    public String toString() {
        return name + "(split at single-node cuts)";
    }
}
