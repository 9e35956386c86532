package io.memsched.schedule.ilp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.io.GraphJson;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.run.Status;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.Scheduler;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.registry.Registry;
import io.memsched.run.Status;
import io.memsched.testing.BruteForce;
import io.memsched.testing.TestClock;
import io.memsched.zoo.RandomDags;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IlpSchedulerTest {
    private static final MemoryModel[] MODELS = {MemoryModel.DEFAULT, MemoryModel.INPLACE};

    private static SchedulerOptions options(MemoryModel m) {
        return SchedulerOptions.defaults().withMemoryModel(m).withThreads(1).withTimeLimit(Duration.ofSeconds(20));
    }

    private static void check(Scheduler s, Graph g, MemoryModel m, long seed) {
        ScheduleResult r = s.schedule(g);
        long opt = BruteForce.solve(g, m).peakBytes();
        String ctx = s + " seed " + seed + " model " + m + " " + r + "\n" + GraphJson.write(g);
        assertEquals(opt, r.peakBytes(), ctx);
        assertTrue(r.optimal(), ctx);
        assertEquals(opt, r.lowerBoundBytes(), ctx);
    }

    @Test
    void cpSatMatchesTheExactOptimum() {
        for (long seed = 0; seed < 150; seed++) {
            Graph g = random(1000 + seed, 4 + (int) (seed % 7));
            for (MemoryModel m : MODELS) {
                check(new IlpScheduler(options(m), new CpSatBackend()), g, m, seed);
            }
        }
    }

    @Test
    void ojAlgoMatchesTheExactOptimum() {
        for (long seed = 0; seed < 60; seed++) {
            Graph g = random(2000 + seed, 3 + (int) (seed % 5));
            for (MemoryModel m : MODELS) {
                check(new IlpScheduler(options(m), new OjAlgoBackend()), g, m, seed);
            }
        }
    }

    @Test
    void theIlpMethodFusesSplitsAndMatchesTheExactOptimum() {
        for (long seed = 0; seed < 150; seed++) {
            Graph g = random(3000 + seed, 5 + (int) (seed % 9));
            for (MemoryModel m : MODELS) {
                Scheduler s = Registry.scheduler("ilp", options(m));
                check(s, g, m, seed);
                assertTrue(s.schedule(g).stats().asMap().containsKey("opsAfterFusion"));
            }
        }
    }

    @Test
    void everyValidOrderIsFeasibleInThePrunedProgramAtItsExactPeak() {
        for (long seed = 0; seed < 300; seed++) {
            Graph g = random(4000 + seed, 3 + (int) (seed % 10));
            SplittableRandom r = new SplittableRandom(seed);
            for (MemoryModel m : MODELS) {
                int[] opt = BruteForce.solve(g, m).order();
                long optPeak = MemorySimulator.peak(g, m, opt);
                TimeIndexedModel model = TimeIndexedModel.build(g, m, 0, Long.MAX_VALUE / 4);
                for (int k = 0; k < 6; k++) {
                    int[] order = k == 0 ? opt : io.memsched.testing.RandomOrders.of(g, r);
                    long peak = MemorySimulator.peak(g, m, order);
                    long[] v = model.valuesOf(order);
                    assertEquals(peak / model.scale(), v[model.peakVar()]);
                    long maxMemory = 0;
                    for (LinearRow row : model.rows()) {
                        long lhs = 0;
                        boolean memoryRow = false;
                        for (int j = 0; j < row.vars().length; j++) {
                            if (row.vars()[j] == model.peakVar()) {
                                memoryRow = true;
                            } else {
                                lhs += row.coefs()[j] * v[row.vars()[j]];
                            }
                        }
                        long full = lhs + (memoryRow ? -v[model.peakVar()] : 0);
                        String ctx = "seed " + seed + " model " + m + " order " + java.util.Arrays.toString(order);
                        assertTrue(full >= row.lo() && full <= row.hi(), "violated row " + ctx);
                        if (memoryRow) {
                            maxMemory = Math.max(maxMemory, lhs - row.hi());
                        }
                    }
                    if (g.opCount() > 0) {
                        assertEquals(peak, maxMemory * model.scale(), "seed " + seed + " model " + m);
                    }
                    assertTrue(peak >= optPeak);
                    assertEquals(java.util.Arrays.toString(order), java.util.Arrays.toString(model.decode(j -> v[(int) j])));
                }
                TimeIndexedModel.Stats st = model.stats();
                assertTrue(st.variables() <= st.unprunedVariables() && st.constraints() <= st.unprunedConstraints());
            }
        }
    }

    @Test
    void pruningShrinksTheProgram() {
        Graph g = random(77, 30);
        TimeIndexedModel.Stats st = TimeIndexedModel.build(g, MemoryModel.INPLACE, 0, Long.MAX_VALUE / 4).stats();
        assertTrue(st.variables() * 2 < st.unprunedVariables(), st.toString());
    }

    @Test
    void honoursTheTimeLimit() {
        Graph g = random(5, 120);
        for (IlpBackend b : new IlpBackend[] {new CpSatBackend(), new OjAlgoBackend()}) {
            // the deadline passes as the solver is about to start: the backend skips it, the warm start remains
            TestClock clock = TestClock.expiringAtStage("solve");
            ScheduleResult r = new IlpScheduler(options(MemoryModel.DEFAULT).withTimeLimit(Duration.ofMillis(1500))
                    .withClock(clock), b).schedule(g);
            assertTrue(clock.triggered(), b + ": " + clock);
            assertFalse(r.optimal(), b + ": " + r);
            if (!r.optimal()) {
                assertTrue(r.status() == Status.TIME_LIMIT, r.toString());
            }
        }
    }

    @Test
    void stopsPromptlyWhenInterrupted() throws Exception {
        Graph g = random(9, 140);
        for (IlpBackend b : new IlpBackend[] {new CpSatBackend(), new OjAlgoBackend()}) {
            ScheduleResult[] out = new ScheduleResult[1];
            // the clock interrupts the solving thread as the backend is about to start, whatever the machine's speed
            TestClock clock = TestClock.interruptingAtStage("solve");
            Thread t = new Thread(() -> out[0] = new IlpScheduler(
                    options(MemoryModel.DEFAULT).withTimeLimit(Duration.ofSeconds(120)).withClock(clock), b)
                    .schedule(g));
            t.start();
            // the solve has 120 s of its own: ending long before means the interrupt stopped it (no timing asserted)
            t.join(100_000);
            assertFalse(t.isAlive(), b + " ignored the interrupt");
            assertSame(t, clock.triggerThread(), b + ": " + clock);
            assertTrue(out[0].optimal() || out[0].status() == Status.INTERRUPTED, b + ": " + out[0]);
        }
    }

    @Test
    void optimisesRegionByRegionWhenTheProgramIsTooLarge() {
        Graph g = random(6, 400);
        // a frozen clock: the regions end on their own (each solved at most once), not because time ran out
        SchedulerOptions o = options(MemoryModel.INPLACE).withStateLimit(1000).withTimeLimit(Duration.ofSeconds(6))
                .withClock(TestClock.frozen());
        ScheduleResult greedy = Registry.scheduler("greedy", o).schedule(g);
        ScheduleResult r = new IlpScheduler(o, new CpSatBackend()).schedule(g);
        assertTrue(r.peakBytes() <= greedy.peakBytes(), r + " vs " + greedy);
        assertEquals(3, r.stats().asMap().get("regions"));
        assertEquals(false, r.stats().asMap().get("optimalityGuarantee"));
        assertTrue(r.stats().asMap().get("solverStatus").toString().matches("REGIONS\\([0-3] solved\\)"),
                r.stats().asMap().toString());
    }

    /** A seeded random graph with every memory-model feature, density varying with the seed. */

    @Test
    void refusesAProgramItsBackendCannotHoldBeforeSolving() {
        assertFalse(new OjAlgoBackend().fits(1_000_000, 2_000_000), "a 2e12-cell tableau");
        assertTrue(new OjAlgoBackend().fits(10, 20));
        IlpBackend tiny = new IlpBackend() {
            @Override
            public String name() {
                return "tiny";
            }

            @Override
            public boolean fits(long variables, long constraints) {
                return false;
            }

            @Override
            public Solution solve(TimeIndexedModel model, Request request) {
                throw new AssertionError("a program that does not fit was solved");
            }
        };
        for (long seed = 0; seed < 20; seed++) {
            Graph g = random(300 + seed, 12);
            ScheduleResult r = new IlpScheduler(options(MemoryModel.DEFAULT), tiny).schedule(g);
            ScheduleResult greedy = Registry.scheduler("greedy", options(MemoryModel.DEFAULT)).schedule(g);
            assertTrue(r.optimal() || r.status() == Status.BUDGET, r.toString());
            assertTrue(r.peakBytes() <= greedy.peakBytes(), r + " vs " + greedy);
            assertEquals(MemorySimulator.peak(g, MemoryModel.DEFAULT, r.schedule().indicesIn(g)), r.peakBytes());
        }
    }

    static Graph random(long seed, int ops) {
        return RandomDags.generate(seed, ops, 0.25 + 0.15 * Math.floorMod(seed, 4));
    }
}
