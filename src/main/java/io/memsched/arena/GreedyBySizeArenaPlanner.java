package io.memsched.arena;

import java.time.Duration;
import java.util.Comparator;

/**
 * Greedy by size: the largest buffers first, each at the lowest offset where it fits between the buffers already
 * placed that are alive at the same time. This is the offset planner of TensorFlow Lite (Micro)
 * ({@code GreedyMemoryPlanner}) and the "greedy by size" strategy of Y. Pisarchyk, J. Lee, "Efficient Memory
 * Management for Deep Neural Net Inference", arXiv 2001.03288, 2020. Ties go to the earlier-born buffer, then to
 * buffer order. Time O(b log b + e log d) for b buffers, e overlapping
 * pairs and d neighbours per buffer (it places each buffer among its placed neighbours only).
 *
 * @see BestFitArenaPlanner
 * @see CpSatArenaPlanner
 */
public final class GreedyBySizeArenaPlanner implements ArenaPlanner {
    private final ArenaOptions options;

    /** A planner that reports no capacity. */
    public GreedyBySizeArenaPlanner() {
        this(ArenaOptions.defaults());
    }

    /** A planner that reports whether its layouts fit {@link ArenaOptions#capacityBytes()}. */
    public GreedyBySizeArenaPlanner(ArenaOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    @Override
    public String name() {
        return "greedy";
    }

    @Override
    public ArenaPlan plan(ArenaProblem problem) {
        long start = System.nanoTime();
        long[] offsets = GapFit.place(problem, Comparator.comparingLong(ArenaProblem.Buffer::bytes).reversed()
                .thenComparingInt(ArenaProblem.Buffer::firstStep), false);
        return ArenaPlan.verified(name(), problem, offsets, 0, ArenaStatus.FEASIBLE, options.capacityBytes(),
                Duration.ofNanos(System.nanoTime() - start));
    }
}
