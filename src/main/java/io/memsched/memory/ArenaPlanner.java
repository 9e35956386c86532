package io.memsched.memory;

import io.memsched.graph.Graph;

/**
 * Assigns each buffer of an order an offset in one arena so that buffers alive together never overlap, trying to
 * keep the arena small. Every planner returns through {@link ArenaPlan#verified}.
 * <pre>{@code
 * ArenaPlan plan = new GreedyBySizeArenaPlanner().plan(graph, MemoryModel.INPLACE, order);   // or plan.arena("greedy")
 * plan.arenaBytes(); plan.fragmentation(); plan.tensorOffsets();
 * }</pre>
 *
 * @see GreedyBySizeArenaPlanner
 * @see BestFitArenaPlanner
 * @see CpSatArenaPlanner
 */
public interface ArenaPlanner {
    /** The planner's id, as {@code --arena} takes it. */
    String name();

    /** A layout of {@code problem}. */
    ArenaPlan plan(ArenaProblem problem);

    /** A layout of the buffers of {@code order} on {@code graph} under {@code model}. */
    default ArenaPlan plan(Graph graph, MemoryModel model, int[] order) {
        return plan(ArenaProblem.of(graph, model, order));
    }
}
