package io.memsched.arena;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;

/**
 * Assigns each buffer of an {@link ArenaProblem} an offset in one arena so that buffers alive together never
 * overlap, trying to keep the arena small (or, given {@link ArenaOptions#capacityBytes()}, to fit it). Options go
 * to the constructor; every planner returns through {@link ArenaPlan#verified}.
 * <pre>{@code
 * ArenaPlan plan = new GreedyBySizeArenaPlanner().plan(graph, MemoryModel.INPLACE, order);   // or plan.arena("greedy")
 * plan.arenaBytes(); plan.fragmentation(); plan.tensorOffsets(); plan.status();
 * ArenaPlan exact = new CanonicalSearchArenaPlanner(ArenaOptions.defaults().withCapacity(1 << 20))
 *         .plan(MiniMallocCsv.read(Path.of("examples/arena/minimalloc/A.1048576.csv")));
 * }</pre>
 *
 * @see GreedyBySizeArenaPlanner
 * @see BestFitArenaPlanner
 * @see CanonicalSearchArenaPlanner
 * @see CpSatArenaPlanner
 */
public interface ArenaPlanner {
    /** The planner's id, as {@code --arena} and {@code --planner} take it. */
    String name();

    /** A layout of {@code problem}. */
    ArenaPlan plan(ArenaProblem problem);

    /** A layout of the buffers of {@code order} on {@code graph} under {@code model}. */
    default ArenaPlan plan(Graph graph, MemoryModel model, int[] order) {
        return plan(ArenaProblem.of(graph, model, order));
    }
}
