package io.memsched.schedule;

import io.memsched.run.Status;

import io.memsched.graph.Graph;
import io.memsched.graph.Sizes;
import io.memsched.memory.LowerBounds;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.memory.MemoryTimeline;
import io.memsched.run.Status;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What a scheduler returns: a valid order, its simulated peak, a lower bound that holds for every order, and
 * whether the two meet ({@code optimal}). Build one with {@link #verified}, which runs the shared simulator.
 *
 * @param graphName name of the scheduled graph
 * @param method the method id ({@code dp}, {@code greedy}, ...)
 * @param memoryModel the memory model of the peak
 * @param schedule the order
 * @param peakBytes the order's peak, as the shared simulator computes it
 * @param lowerBoundBytes a bound no valid order goes below
 * @param optimal whether the order is proven optimal ({@code lowerBoundBytes == peakBytes})
 * @param status how the run ended
 * @param elapsed wall-clock time of the run
 * @param stats algorithm statistics
 */
public record ScheduleResult(String graphName, String method, MemoryModel memoryModel, Schedule schedule,
                             long peakBytes, long lowerBoundBytes, boolean optimal, Status status, Duration elapsed,
                             AlgorithmStats stats) {

    /** Checks the invariants: bound at most peak, optimal exactly when they meet. */
    public ScheduleResult {
        Objects.requireNonNull(graphName, "graphName");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(memoryModel, "memoryModel");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(stats, "stats");
        if (lowerBoundBytes > peakBytes) {
            throw new IllegalStateException(method + " on " + graphName + ": lower bound " + lowerBoundBytes
                    + " exceeds peak " + peakBytes);
        }
        if (optimal != (lowerBoundBytes == peakBytes)) {
            throw new IllegalStateException(method + " on " + graphName + ": optimal=" + optimal
                    + " but bound " + lowerBoundBytes + " and peak " + peakBytes);
        }
    }

    /**
     * Checks {@code order} with the shared simulator and wraps it. The lower bound is the larger of the simple
     * bound of {@link LowerBounds} and {@code provenBoundBytes} (what the algorithm proved, or 0).
     *
     * @throws IllegalStateException if the order is invalid or the proven bound exceeds the simulated peak: both
     *     are bugs of the algorithm, named in the message
     */
    public static ScheduleResult verified(String method, Graph graph, MemoryModel model, int[] order,
                                          long provenBoundBytes, Status status, Duration elapsed,
                                          AlgorithmStats stats) {
        long peak;
        try {
            peak = MemorySimulator.peak(graph, model, order);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(method + " returned an invalid order: " + e.getMessage(), e);
        }
        long bound = Math.max(LowerBounds.simple(graph, model), provenBoundBytes);
        if (bound > peak) {
            throw new IllegalStateException(method + " on graph '" + graph.name() + "': bound " + bound
                    + " exceeds the simulated peak " + peak);
        }
        boolean optimal = bound == peak;
        Status st = optimal ? Status.OPTIMAL : status == Status.OPTIMAL ? Status.FEASIBLE : status;
        return new ScheduleResult(graph.name(), method, model, Schedule.of(graph, order), peak, bound, optimal, st,
                elapsed, stats);
    }

    /** Seconds of wall-clock time. */
    public double seconds() {
        return elapsed.toNanos() / 1e9;
    }

    /** Relative gap {@code (peak - bound) / peak}, 0 when proven optimal. */
    public double gap() {
        return peakBytes == 0 ? 0 : (peakBytes - lowerBoundBytes) / (double) peakBytes;
    }

    /** The full timeline of this result's order on {@code graph}. */
    public MemoryTimeline timeline(Graph graph) {
        return MemorySimulator.simulate(graph, memoryModel, schedule.opNames());
    }

    /** One line: method, graph, peak, bound or proof, time. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s on %s: peak %s (%d B), %s, %.3f s, %d ops", method, graphName,
                Sizes.format(peakBytes), peakBytes,
                optimal ? "optimal" : "not proven (bound " + Sizes.format(lowerBoundBytes) + ")",
                seconds(), schedule.size());
    }
}
