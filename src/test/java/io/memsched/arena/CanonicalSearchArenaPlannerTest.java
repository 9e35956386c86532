package io.memsched.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
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

    /**
     * With a first round of one node per buffer and order, decisions run out of their budget in the early rounds,
     * so minimising goes through every phase (lower bound, probes, one unit below the best, the spread further
     * below) before a round large enough ends it: still the brute-force optimum, proven.
     */
    @Test
    void minimisingWithTinyRoundsStillProvesTheBruteForceOptimum() {
        for (long seed = 0; seed < 2000; seed++) {
            ArenaProblem p = ArenaBruteForce.random(7_000_000 + seed, 4 + (int) (seed % 5), 3 + (int) (seed % 6), 40);
            long optimum = ArenaBruteForce.minimum(p);
            ArenaPlan plan = new CanonicalSearchArenaPlanner(frozen(), CanonicalSearchArenaPlanner.DEFAULT_MAX_BUFFERS,
                    1).plan(p);
            String ctx = "seed " + seed + ": " + p.buffers() + " -> " + plan;
            assertEquals(optimum, plan.arenaBytes(), ctx);
            assertEquals(ArenaStatus.OPTIMAL, plan.status(), ctx);
            assertEquals(optimum, plan.lowerBoundBytes(), ctx);
        }
    }

    /**
     * Medium problems (too large for the brute force), where the spread below the best meets real verdicts in the
     * small rounds: minimising with tiny rounds ends at the same proven minimum as with the default rounds.
     */
    @Test
    void minimisingWithTinyRoundsAgreesWithTheDefaultRounds() {
        for (long seed = 0; seed < 300; seed++) {
            ArenaProblem p = ArenaBruteForce.random(8_000_000 + seed, 10 + (int) (seed % 9), 6 + (int) (seed % 7), 60);
            ArenaPlan usual = new CanonicalSearchArenaPlanner(frozen()).plan(p);
            ArenaPlan tiny = new CanonicalSearchArenaPlanner(frozen(), CanonicalSearchArenaPlanner.DEFAULT_MAX_BUFFERS,
                    1).plan(p);
            String ctx = "seed " + seed + ": " + p.buffers() + " -> " + usual + " / " + tiny;
            assertEquals(ArenaStatus.OPTIMAL, usual.status(), ctx);
            assertEquals(ArenaStatus.OPTIMAL, tiny.status(), ctx);
            assertEquals(usual.arenaBytes(), tiny.arenaBytes(), ctx);
            assertEquals(tiny.arenaBytes(), tiny.lowerBoundBytes(), ctx);
        }
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

    /** Every problem of MiniMalloc's challenging suite fits its capacity within the frozen node budget. */
    @Test
    void fitsEveryProblemOfMiniMallocsChallengingSuite() {
        for (char id = 'A'; id <= 'K'; id++) {
            ArenaProblem p = MiniMallocCsv.read(MiniMallocCsvTest.SUITE.resolve(id + ".1048576.csv"));
            ArenaPlan plan = new CanonicalSearchArenaPlanner(frozen().withCapacity(1 << 20)).plan(p);
            String ctx = id + ": " + plan;
            assertTrue(plan.arenaBytes() <= 1 << 20, ctx);
            assertEquals(Optional.of(true), plan.feasible(), ctx);
            assertTrue(plan.status() == ArenaStatus.FEASIBLE || plan.status() == ArenaStatus.OPTIMAL, ctx);
        }
    }

    /** C's minimum is its load bound, found and proven without a capacity. */
    @Test
    void provesTheMinimumOfSuiteProblemC() {
        ArenaProblem c = MiniMallocCsv.read(MiniMallocCsvTest.SUITE.resolve("C.1048576.csv"));
        ArenaPlan plan = new CanonicalSearchArenaPlanner(frozen()).plan(c);
        assertEquals(ArenaStatus.OPTIMAL, plan.status(), plan.toString());
        assertEquals(1_039_360, plan.arenaBytes());
        assertEquals(1_039_360, plan.lowerBoundBytes());
    }

    /**
     * Generated perfect packings (a rectangle of time by capacity cut at random into buffers) fit their capacity
     * exactly: the search finds a layout within it, and minimising proves the capacity, their load bound.
     */
    @Test
    void findsGeneratedPerfectPackings() {
        for (long seed = 0; seed < 300; seed++) {
            ArenaProblem p = perfectPacking(seed, 8 + (int) (seed % 40), 6 + (int) (seed % 17), 32 + (int) (seed % 5));
            long cap = p.loadBoundBytes();
            ArenaPlan decided = new CanonicalSearchArenaPlanner(frozen().withCapacity(cap)).plan(p);
            String ctx = "seed " + seed + ": " + p.buffers() + " -> " + decided;
            assertEquals(Optional.of(true), decided.feasible(), ctx);
            assertTrue(decided.arenaBytes() <= cap, ctx);
            ArenaPlan minimised = new CanonicalSearchArenaPlanner(frozen()).plan(p);
            assertEquals(ArenaStatus.OPTIMAL, minimised.status(), ctx);
            assertEquals(cap, minimised.arenaBytes(), ctx);
        }
    }

    /**
     * A rectangle of {@code steps} steps by {@code height} units (16 bytes each) cut at random, guillotine style,
     * into {@code n} buffers: a layout of height exactly {@code height} exists and every step is full.
     */
    static ArenaProblem perfectPacking(long seed, int n, int steps, int height) {
        Random rnd = new Random(seed);
        List<int[]> rects = new ArrayList<>();
        rects.add(new int[] {0, steps, 0, height});
        for (int tries = 0; rects.size() < n && tries < 100 * n; tries++) {
            int[] r = rects.get(rnd.nextInt(rects.size()));
            boolean inTime = rnd.nextBoolean();
            int lo = inTime ? r[0] : r[2];
            int hi = inTime ? r[1] : r[3];
            if (hi - lo < 2) {
                continue;
            }
            int cut = lo + 1 + rnd.nextInt(hi - lo - 1);
            int[] other = r.clone();
            if (inTime) {
                r[1] = cut;
                other[0] = cut;
            } else {
                r[3] = cut;
                other[2] = cut;
            }
            rects.add(other);
        }
        List<ArenaProblem.Buffer> bs = new ArrayList<>();
        Collections.shuffle(rects, rnd);
        for (int i = 0; i < rects.size(); i++) {
            int[] r = rects.get(i);
            bs.add(ArenaProblem.Buffer.named(i, "b" + i, 16L * (r[3] - r[2]), r[0], r[1] - 1));
        }
        return ArenaProblem.of("packing" + seed, bs);
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
