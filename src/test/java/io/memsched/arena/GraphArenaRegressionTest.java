package io.memsched.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Arena problems of real graphs' orders that the exact planner must keep solving: minimising without a capacity
 * reaches the load bound (the order's peak) with a proof within the frozen node budget of
 * {@link CanonicalSearchArenaPlannerTest#frozen()}, no timing involved.
 */
class GraphArenaRegressionTest {
    /**
     * The buffers of darts_cifar's best order under the in-place memory model (its schedule with --arena exact):
     * a load-bound layout exists but needs more nodes than a small first budget; the minimisation must come back
     * to the load bound with a larger budget instead of staying top-down above it.
     */
    @Test
    void dartsCifarInPlaceOrderPacksIntoItsPeakWithAProof() {
        ArenaProblem p = MiniMallocCsv.read(Path.of("src/test/resources/arena/darts_cifar.inplace.csv"));
        ArenaPlan plan = new CanonicalSearchArenaPlanner(CanonicalSearchArenaPlannerTest.frozen()).plan(p);
        assertEquals(ArenaStatus.OPTIMAL, plan.status(), plan.toString());
        assertTrue(plan.optimal(), plan.toString());
        assertEquals(PEAK, plan.arenaBytes(), plan.toString());
        assertEquals(PEAK, plan.lowerBoundBytes(), plan.toString());
    }

    private static final long PEAK = 1_419_840;
}
