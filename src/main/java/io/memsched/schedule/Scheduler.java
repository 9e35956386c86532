package io.memsched.schedule;

import io.memsched.graph.Graph;

/**
 * A method that orders a graph's operators to keep the peak memory low. Options go to the constructor; the
 * result of {@link #schedule(Graph)} has passed the shared simulator.
 */
public interface Scheduler {
    /** The method id, as on the command line ({@code dp}, {@code greedy}, ...). */
    String name();

    /** A valid order of {@code graph} with its peak and a lower bound. */
    ScheduleResult schedule(Graph graph);
}
