package io.memsched.arena;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;

/**
 * Chooses the execution order for the smallest arena: among the orders of a graph whose peak stays within a limit
 * set from a starting order (the order of least peak found by a scheduler), one whose arena is small, with its
 * layout and what was proven about it. The search never returns an arena larger than its planner gives the
 * starting order.
 * <pre>{@code
 * ScheduleResult best = Registry.scheduler("best", options).schedule(g);
 * ArenaOrderChoice c = new LocalArenaOrderSearch(LocalArenaOrderSearch.Options.defaults().withPeakTolerance(0.05))
 *         .choose(g, MemoryModel.INPLACE, best.schedule().indicesIn(g), best.lowerBoundBytes());
 * c.order().toArray(); c.plan().arenaBytes(); c.proof();
 * }</pre>
 *
 * @see LocalArenaOrderSearch
 * @see JointArenaPlanner
 */
public interface ArenaOrderSearch {
    /** The search's id. */
    String name();

    /**
     * The order with the smallest arena found among the orders of {@code graph} whose peak under {@code model} is
     * at most the search's limit above the peak of {@code start}.
     *
     * @param start a valid order (checked by the shared simulator), usually one of least peak
     * @param peakLowerBoundBytes a bound no order's peak goes below (a scheduler's proven bound, or 0): an arena
     *     that meets it is proven the smallest of every order
     */
    ArenaOrderChoice choose(Graph graph, MemoryModel model, int[] start, long peakLowerBoundBytes);
}
