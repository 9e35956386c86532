package io.memsched.arena;

import java.time.Duration;
import java.util.Comparator;

/**
 * Best fit in allocation order: buffers are placed in the order the schedule creates them (as a runtime allocator
 * sees them), each into the smallest gap that fits between the placed buffers alive at the same time, else on top.
 * This models a best-fit dynamic allocator with perfect knowledge of lifetimes; it is usually worse than
 * {@link GreedyBySizeArenaPlanner} and shows what planning ahead buys. Ties (buffers born at the same step) go to the
 * larger buffer. Time O(b log b + e log d) for b buffers, e overlapping
 * pairs and d neighbours per buffer (it places each buffer among its placed neighbours only).
 *
 * @see GreedyBySizeArenaPlanner
 * @see CpSatArenaPlanner
 */
public final class BestFitArenaPlanner implements ArenaPlanner {
    private final ArenaOptions options;

    /** A planner that reports no capacity. */
    public BestFitArenaPlanner() {
        this(ArenaOptions.defaults());
    }

    /** A planner that reports whether its layouts fit {@link ArenaOptions#capacityBytes()}. */
    public BestFitArenaPlanner(ArenaOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    @Override
    public String name() {
        return "bestfit";
    }

    @Override
    public ArenaPlan plan(ArenaProblem problem) {
        long start = System.nanoTime();
        long[] offsets = GapFit.place(problem, Comparator.comparingInt(ArenaProblem.Buffer::firstStep)
                .thenComparing(Comparator.comparingLong(ArenaProblem.Buffer::bytes).reversed()), true);
        return ArenaPlan.verified(name(), problem, offsets, 0, ArenaStatus.FEASIBLE, options.capacityBytes(),
                Duration.ofNanos(System.nanoTime() - start));
    }
}
