package io.memsched.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.testing.TestClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CanonicalSearchArenaPlannerTest {
    /** Time stands still until 100,000 polls (25.6 million nodes): a hang fails instead of hanging, no timing. */
    static ArenaOptions frozen() {
        return ArenaOptions.defaults().withClock(TestClock.expiringAtPoll(100_000))
                .withTimeLimit(Duration.ofSeconds(1));
    }

    @Test
    void minimisesToTheBruteForceOptimumWithAProof() {
        int proven = 0;
        for (long seed = 0; seed < 3000; seed++) {
            ArenaProblem p = ArenaBruteForce.random(seed, 1 + (int) (seed % 7), 2 + (int) (seed % 7), 6);
            long optimum = ArenaBruteForce.minimum(p);
            ArenaPlan plan = new CanonicalSearchArenaPlanner(frozen()).plan(p);
            String ctx = "seed " + seed + ": " + p.buffers() + " -> " + plan;
            assertEquals(optimum, plan.arenaBytes(), ctx);
            assertTrue(plan.optimal(), ctx);
            assertEquals(ArenaStatus.OPTIMAL, plan.status(), ctx);
            assertEquals(optimum, plan.lowerBoundBytes(), ctx);
            proven++;
        }
        assertEquals(3000, proven);
    }

    @Test
    void decidesEveryCapacityLikeTheBruteForce() {
        int infeasible = 0;
        int feasible = 0;
        for (long seed = 0; seed < 2000; seed++) {
            ArenaProblem p = ArenaBruteForce.random(1_000_000 + seed, 2 + (int) (seed % 6), 2 + (int) (seed % 6), 5);
            long optimum = ArenaBruteForce.minimum(p);
            for (long cap : new long[] {optimum, optimum - 1, optimum - 16, optimum + 7, p.loadBoundBytes()}) {
                if (cap < 0) {
                    continue;
                }
                ArenaPlan plan = new CanonicalSearchArenaPlanner(frozen().withCapacity(cap)).plan(p);
                String ctx = "seed " + seed + " capacity " + cap + ": " + p.buffers() + " -> " + plan;
                if (cap >= optimum) {
                    // a problem within capacity is never reported infeasible
                    assertTrue(plan.arenaBytes() <= cap, ctx);
                    assertEquals(Optional.of(true), plan.feasible(), ctx);
                    feasible++;
                } else {
                    assertEquals(ArenaStatus.INFEASIBLE, plan.status(), ctx);
                    assertEquals(Optional.of(false), plan.feasible(), ctx);
                    assertTrue(plan.lowerBoundBytes() > cap, ctx);
                    infeasible++;
                }
            }
        }
        assertTrue(infeasible > 1000 && feasible > 1000, infeasible + " infeasible, " + feasible + " feasible");
    }

    @Test
    void neverAboveTheHeuristics() {
        for (long seed = 0; seed < 300; seed++) {
            ArenaProblem p = ArenaBruteForce.random(5_000_000 + seed, 30, 25, 40);
            ArenaPlan exact = new CanonicalSearchArenaPlanner(frozen()).plan(p);
            ArenaPlan greedy = new GreedyBySizeArenaPlanner().plan(p);
            ArenaPlan best = new BestFitArenaPlanner().plan(p);
            assertTrue(exact.arenaBytes() <= Math.min(greedy.arenaBytes(), best.arenaBytes()), "seed " + seed);
            assertTrue(exact.arenaBytes() >= p.loadBoundBytes());
        }
    }

    @Test
    void aTimeLimitOrAnInterruptReturnsTheBestLayoutSoFar() {
        ArenaProblem k = MiniMallocCsv.read(MiniMallocCsvTest.SUITE.resolve("K.1048576.csv"));
        ArenaPlan heuristic = new GreedyBySizeArenaPlanner().plan(k);
        TestClock expiring = TestClock.expiringAtPoll(3);
        ArenaPlan timed = new CanonicalSearchArenaPlanner(ArenaOptions.defaults().withClock(expiring)
                .withCapacity(1 << 20)).plan(k);
        assertTrue(expiring.triggered());
        assertEquals(ArenaStatus.TIME_LIMIT, timed.status());
        assertEquals(Optional.empty(), timed.feasible());
        assertTrue(timed.arenaBytes() <= heuristic.arenaBytes());
        TestClock interrupting = TestClock.interruptingAtPoll(3);
        try {
            ArenaPlan stopped = new CanonicalSearchArenaPlanner(ArenaOptions.defaults().withClock(interrupting))
                    .plan(k);
            assertEquals(ArenaStatus.INTERRUPTED, stopped.status());
            assertFalse(stopped.optimal());
            assertTrue(stopped.arenaBytes() >= stopped.lowerBoundBytes());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aBigProblemFallsBackToTheHeuristicAndSaysSo() {
        ArenaProblem k = MiniMallocCsv.read(MiniMallocCsvTest.SUITE.resolve("K.1048576.csv"));
        ArenaPlan plan = new CanonicalSearchArenaPlanner(frozen(), 100).plan(k);
        assertEquals(ArenaStatus.FALLBACK, plan.status());
        assertEquals(new ContentionArenaPlanner(frozen()).plan(k).arenaBytes(), plan.arenaBytes());
        assertTrue(plan.arenaBytes() <= new GreedyBySizeArenaPlanner().plan(k).arenaBytes());
    }

    @Test
    void theExampleFitsItsCapacity() {
        ArenaProblem p = MiniMallocCsv.read(MiniMallocCsvTest.SUITE.resolve("input.12.csv"));
        ArenaPlan plan = new CanonicalSearchArenaPlanner(frozen().withCapacity(12)).plan(p);
        assertEquals(12, plan.arenaBytes());
        assertEquals(ArenaStatus.OPTIMAL, plan.status());
        assertFalse(new CanonicalSearchArenaPlanner(frozen().withCapacity(11)).plan(p).feasible().orElse(true));
    }
}
