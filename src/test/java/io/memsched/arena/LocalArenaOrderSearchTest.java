package io.memsched.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.run.Status;
import io.memsched.schedule.DpScheduler;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.testing.BruteForce;
import io.memsched.testing.RandomOrders;
import io.memsched.testing.ReferenceModel;
import io.memsched.testing.TestClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link LocalArenaOrderSearch}: exact against brute force over every topological order and every layout on
 * thousands of tiny graphs; with local moves, never above the strong layout of the starting order and never above
 * the peak limit; stops at its deadline (a test clock) and on interrupt.
 */
class LocalArenaOrderSearchTest {
    private static final MemoryModel[] MODELS = {MemoryModel.DEFAULT, MemoryModel.INPLACE};
    private static final double[] TOLERANCES = {0, 0.1, 0.3, 1.0};

    /** Options whose deadlines never pass (a frozen test clock): every strong run ends with its answer. */
    private static LocalArenaOrderSearch.Options frozen(double tolerance) {
        return LocalArenaOrderSearch.Options.defaults().withPeakTolerance(tolerance)
                .withArena(ArenaOptions.defaults().withClock(TestClock.frozen()));
    }

    /** Every topological order of {@code g} (small graphs), by an enumeration of permutations. */
    private static List<int[]> allOrders(Graph g) {
        List<int[]> out = new ArrayList<>();
        permute(g, new int[g.opCount()], 0, new boolean[g.opCount()], out);
        return out;
    }

    private static void permute(Graph g, int[] prefix, int k, boolean[] used, List<int[]> out) {
        if (k == prefix.length) {
            out.add(prefix.clone());
            return;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (used[i]) {
                continue;
            }
            boolean ready = true;
            for (int j = 0; j < g.predecessors(i).size(); j++) {
                ready &= used[g.predecessors(i).get(j)];
            }
            if (ready) {
                used[i] = true;
                prefix[k] = i;
                permute(g, prefix, k + 1, used, out);
                used[i] = false;
            }
        }
    }

    /** The least arena of {@code order}: brute force over buffer orders up to 8 buffers, else the exact search. */
    private static long leastArena(Graph g, MemoryModel m, int[] order) {
        ArenaProblem p = ArenaProblem.of(g, m, order);
        if (p.buffers().size() <= 8) {
            return ArenaBruteForce.minimum(p);
        }
        ArenaPlan exact = new CanonicalSearchArenaPlanner(ArenaOptions.defaults().withClock(TestClock.frozen()))
                .plan(p);
        assertTrue(exact.optimal(), exact.toString());
        return exact.arenaBytes();
    }

    @Test
    void findsTheSmallestArenaOfAllOrdersWithinTheToleranceOnTinyGraphs() {
        int instances = 0;
        int belowStart = 0;
        for (long seed = 0; seed < 1000; seed++) {
            Graph g = ArenaPlannerTest.randomDag(seed, 3 + (int) (seed % 3));
            for (MemoryModel m : MODELS) {
                double tol = TOLERANCES[(int) (seed / 3 % TOLERANCES.length)];
                BruteForce.Optimum opt = BruteForce.solve(g, m);
                long limit = opt.peakBytes() + (long) Math.floor(opt.peakBytes() * tol);
                ReferenceModel ref = new ReferenceModel(g, m);
                long expected = Long.MAX_VALUE;
                int[] start = opt.order();
                long startArena = 0;
                for (int[] order : allOrders(g)) {
                    long peak = ref.peak(order);
                    if (peak <= limit) {
                        long arena = leastArena(g, m, order);
                        expected = Math.min(expected, arena);
                        if (peak == opt.peakBytes() && arena > startArena) {
                            start = order; // the least-peak order of largest arena: the hardest start
                            startArena = arena;
                        }
                    }
                }
                // half the runs without the peak bound: only the enumeration can prove the answer
                long bound = seed % 2 == 0 ? opt.peakBytes() : 0;
                ArenaOrderChoice c = new LocalArenaOrderSearch(frozen(tol)).choose(g, m, start, bound);
                String what = "seed " + seed + " " + m + " tolerance " + tol + ": " + c;
                assertEquals(expected, c.arenaBytes(), what);
                assertTrue(c.proven(), what);
                assertEquals(Status.OPTIMAL, c.status(), what);
                assertEquals(limit, c.peakLimitBytes(), what);
                assertTrue(ref.peak(c.order().toArray()) <= limit, what);
                assertEquals(ref.peak(c.order().toArray()), c.peakBytes(), what);
                ArenaPlannerTest.assertNoOverlap(g, m, c.order().toArray(), c.plan());
                assertTrue(c.startArenaBytes() >= startArena, what); // the fast layout when the strong one was not needed
                assertEquals(bound == 0 ? ArenaProof.EXHAUSTIVE : ArenaProof.AT_PEAK_BOUND, c.proof(), what);
                belowStart += c.arenaBytes() < new GreedyBySizeArenaPlanner().plan(g, m, start).arenaBytes() ? 1 : 0;
                instances++;
            }
        }
        assertEquals(2000, instances);
        assertTrue(belowStart > 0, "no instance where the search beats the greedy layout of the least-peak order");
    }

    @Test
    void localMovesStayWithinTheLimitAndNeverLoseToTheStartingOrder() {
        int improved = 0;
        for (long seed = 0; seed < 150; seed++) {
            Graph g = ArenaPlannerTest.randomDag(1000 + seed, 9 + (int) (seed % 6));
            for (MemoryModel m : MODELS) {
                double tol = TOLERANCES[(int) (seed % TOLERANCES.length)];
                ScheduleResult dp = new DpScheduler(SchedulerOptions.defaults().withMemoryModel(m).withThreads(1))
                        .schedule(g);
                int[] start = seed % 2 == 0 ? dp.schedule().indicesIn(g)
                        : RandomOrders.of(g, new java.util.SplittableRandom(seed));
                long startPeak = MemorySimulator.peak(g, m, start);
                // even seeds: greedy for every order, exact for the finalists; odd: greedy alone (the moves decide)
                boolean exact = seed % 2 == 0;
                LocalArenaOrderSearch.Options o = frozen(tol).withLimits(3, 0, 300);
                if (!exact) {
                    o = o.withPlanners(new GreedyBySizeArenaPlanner(), GreedyBySizeArenaPlanner::new);
                }
                ArenaOrderChoice c = new LocalArenaOrderSearch(o).choose(g, m, start, dp.lowerBoundBytes());
                String what = "seed " + seed + " " + m + " tolerance " + tol + ": " + c;
                assertFalse(c.exhaustive(), what);
                MemorySimulator.validate(g, c.order().toArray());
                long limit = startPeak + (long) Math.floor(startPeak * tol);
                assertEquals(limit, c.peakLimitBytes(), what);
                assertTrue(new ReferenceModel(g, m).peak(c.order().toArray()) <= limit, what);
                ArenaPlannerTest.assertNoOverlap(g, m, c.order().toArray(), c.plan());
                ArenaPlan plain = (exact ? new CanonicalSearchArenaPlanner(ArenaOptions.defaults()
                        .withClock(TestClock.frozen())) : new GreedyBySizeArenaPlanner()).plan(g, m, start);
                assertTrue(c.arenaBytes() <= plain.arenaBytes(), what + " vs " + plain);
                assertEquals(plain.arenaBytes(), c.startArenaBytes(), what);
                assertEquals(c.arenaBytes() == dp.lowerBoundBytes(), c.proof() == ArenaProof.AT_PEAK_BOUND, what);
                assertTrue(c.proven() || c.status() == Status.FEASIBLE, what);
                improved += c.arenaBytes() < plain.arenaBytes() ? 1 : 0;
            }
        }
        assertTrue(improved > 0, "local moves never beat the greedy layout of the starting order");
    }

    @Test
    void theSameSeedGivesTheSameChoice() {
        Graph g = ArenaPlannerTest.randomDag(77, 14);
        int[] start = ArenaPlannerTest.identity(g);
        LocalArenaOrderSearch.Options o = frozen(0.5).withLimits(2, 0, 200);
        ArenaOrderChoice a = new LocalArenaOrderSearch(o).choose(g, MemoryModel.INPLACE, start, 0);
        ArenaOrderChoice b = new LocalArenaOrderSearch(o).choose(g, MemoryModel.INPLACE, start, 0);
        assertEquals(a.order(), b.order());
        assertEquals(a.arenaBytes(), b.arenaBytes());
        assertEquals(a.ordersTried(), b.ordersTried());
    }

    /** A graph and starting order whose arena the search cannot prove (the moves stage runs). */
    private static Graph unproven() {
        for (long seed = 0; seed < 2000; seed++) {
            Graph g = ArenaPlannerTest.randomDag(5000 + seed, 12);
            ArenaOrderChoice c = new LocalArenaOrderSearch(frozen(0).withLimits(2, 0, 50))
                    .choose(g, MemoryModel.DEFAULT, ArenaPlannerTest.identity(g), 0);
            if (!c.proven() && c.ordersTried() > 1) {
                return g;
            }
        }
        throw new AssertionError("no unproven graph among 2000 seeds");
    }

    @Test
    void stopsAtTheDeadlineWithAValidChoice() {
        Graph g = unproven();
        TestClock clock = TestClock.expiringAtStage("moves");
        LocalArenaOrderSearch.Options o = frozen(0.2).withArena(ArenaOptions.defaults().withClock(clock))
                .withLimits(2, 0, 1000);
        ArenaOrderChoice c = new LocalArenaOrderSearch(o).choose(g, MemoryModel.DEFAULT, ArenaPlannerTest.identity(g), 0);
        assertTrue(clock.triggered());
        assertEquals(Status.TIME_LIMIT, c.status(), c.toString());
        assertEquals(1, c.ordersTried(), "no move after the deadline: " + c);
        assertFalse(c.proven());
        MemorySimulator.validate(g, c.order().toArray());
        assertTrue(c.peakBytes() <= c.peakLimitBytes());
    }

    @Test
    void stopsWhenInterrupted() {
        Graph g = unproven();
        TestClock clock = TestClock.interruptingAtStage("moves");
        LocalArenaOrderSearch.Options o = frozen(0).withArena(ArenaOptions.defaults().withClock(clock))
                .withLimits(2, 0, 1000);
        try {
            ArenaOrderChoice c = new LocalArenaOrderSearch(o).choose(g, MemoryModel.DEFAULT,
                    ArenaPlannerTest.identity(g), 0);
            assertEquals(Status.INTERRUPTED, c.status(), c.toString());
            assertEquals(1, c.ordersTried());
            MemorySimulator.validate(g, c.order().toArray());
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt flag stays set for the caller");
        }
    }

    @Test
    void anArenaAtThePeakBoundEndsTheSearchAtOnce() {
        // a chain: one order, no fragmentation
        Graph g = Graph.builder("chain").input("x", 64).op("a").reads("x").writes("y", 32)
                .op("b").reads("y").writes("z", 16).output("z").build();
        int[] order = {0, 1};
        long peak = MemorySimulator.peak(g, MemoryModel.DEFAULT, order);
        ArenaOrderChoice c = new LocalArenaOrderSearch(frozen(0)).choose(g, MemoryModel.DEFAULT, order, peak);
        assertEquals(ArenaProof.AT_PEAK_BOUND, c.proof());
        assertEquals(peak, c.arenaBytes());
        assertEquals(1, c.ordersTried());
        assertNotEquals(0, c.peakLimitBytes());
    }

    @Test
    void badOptionsAndOrdersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> frozen(-0.1));
        assertThrows(IllegalArgumentException.class, () -> frozen(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> frozen(0).withLimits(-1, 0, 0));
        Graph g = ArenaPlannerTest.randomDag(1, 4);
        assertThrows(IllegalArgumentException.class, () -> new LocalArenaOrderSearch(frozen(0))
                .choose(g, MemoryModel.DEFAULT, new int[] {0, 0, 1, 2}, 0));
    }

    @Test
    void movesKeepTheOtherOperatorsInOrder() {
        assertTrue(java.util.Arrays.equals(new int[] {1, 2, 0, 3}, LocalArenaOrderSearch.moved(new int[] {0, 1, 2, 3}, 0, 2)));
        assertTrue(java.util.Arrays.equals(new int[] {3, 0, 1, 2}, LocalArenaOrderSearch.moved(new int[] {0, 1, 2, 3}, 3, 0)));
        Graph two = Graph.builder("two").input("x", 16).op("a").reads("x").writes("y", 16)
                .op("b").reads("x").writes("z", 16).output("y", "z").build();
        io.memsched.run.Deadline never = io.memsched.run.Deadline.after(java.time.Duration.ofSeconds(1),
                TestClock.frozen());
        assertEquals(2, LocalArenaOrderSearch.countOrders(two, 10, never));
        assertEquals(1, LocalArenaOrderSearch.countOrders(two, 1, never));
    }
}
