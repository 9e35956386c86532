package io.memsched.schedule;

import io.memsched.run.Status;

import io.memsched.graph.Graph;
import io.memsched.run.Status;
import java.time.Duration;
import java.util.Objects;

/**
 * Base of the one-pass heuristics: subclasses compute an order; this class times it and checks it with the shared
 * simulator. The lower bound is the simple one of {@link io.memsched.memory.LowerBounds}.
 */
abstract class OrderingScheduler implements Scheduler {
    protected final SchedulerOptions options;

    OrderingScheduler(SchedulerOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A valid order of {@code graph}. */
    abstract int[] order(Graph graph);

    @Override
    public ScheduleResult schedule(Graph graph) {
        long start = System.nanoTime();
        int[] order = order(graph);
        return ScheduleResult.verified(name(), graph, options.memoryModel(), order, 0, Status.FEASIBLE,
                Duration.ofNanos(System.nanoTime() - start), AlgorithmStats.NONE);
    }

    @Override
    public String toString() {
        return name();
    }
}
