package io.memsched.schedule.ilp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.memory.LowerBounds;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.run.Status;
import io.memsched.schedule.GreedyScheduler;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.testing.Oracles;
import io.memsched.testing.TestClock;
import io.memsched.zoo.LargeGraphs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link IlpScheduler} stopped inside its stages by a {@link TestClock} (no timing): building the program polls
 * the deadline, so an expiry or an interrupt at any poll of the build ends the method there, before any native
 * stage, with the warm start (verified by the simulator) and {@code TIME_LIMIT} or {@code INTERRUPTED}.
 */
class IlpSchedulerDeadlineTest {
    /** A backend that must not be reached: the build was stopped before it. */
    private static final IlpBackend NO_SOLVE = new CpSatBackend(timeout -> {
        throw new AssertionError("the native stage ran after the build was stopped");
    });

    private static SchedulerOptions options(TestClock clock) {
        return SchedulerOptions.defaults().withMemoryModel(MemoryModel.INPLACE).withThreads(1)
                .withTimeLimit(Duration.ofSeconds(1)).withClock(clock);
    }

    private static ScheduleResult run(Graph g, int[] start, TestClock clock) {
        try {
            return new IlpScheduler(options(clock), NO_SOLVE).schedule(g, start);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aStopAtAnyPollOfTheBuildReturnsTheWarmStartBeforeTheNativeStage() {
        int checked = 0;
        for (long seed = 0; seed < 30; seed++) {
            Graph g = IlpSchedulerTest.random(seed, 20 + (int) (seed % 21));
            SchedulerOptions o = options(TestClock.frozen());
            int[] start = new GreedyScheduler(o).schedule(g).schedule().indicesIn(g);
            long startPeak = MemorySimulator.peak(g, MemoryModel.INPLACE, start);
            if (LowerBounds.simple(g, MemoryModel.INPLACE) >= startPeak) {
                continue; // optimal before any build
            }
            checked++;
            long full = TimeIndexedModel.build(g, MemoryModel.INPLACE, 0, Long.MAX_VALUE / 4).stats().variables();
            for (long n : new long[] {1, 2, 3, 10, 3L * g.opCount()}) {
                for (boolean interrupt : new boolean[] {false, true}) {
                    TestClock clock = interrupt ? TestClock.interruptingAtPollAfterStage("build", n)
                            : TestClock.expiringAtPollAfterStage("build", n);
                    ScheduleResult r = run(g, start, clock);
                    assertTrue(clock.triggered(), clock.toString());
                    Oracles.assertValidResult(g, r);
                    assertEquals(interrupt ? Status.INTERRUPTED : Status.TIME_LIMIT, r.status(), clock.toString());
                    assertEquals(startPeak, r.peakBytes(), "the warm start is returned");
                    assertEquals(List.of("ilp", "build"), clock.stages(), "no stage after the build: " + clock);
                    assertEquals(0, clock.pollsAfterTrigger(), "it stopped at the poll: " + clock);
                    long vars = (Long) r.stats().asMap().get("variables");
                    assertTrue(vars < full, "stopped part-way: " + vars + " of " + full + " variables, " + clock);
                }
            }
        }
        assertTrue(checked >= 10, "only " + checked + " graphs reached the build");
    }

    /**
     * A graph too large for one program: its whole program is abandoned at the variable cap and the regions are
     * improved one by one; a stop inside the first region's build ends the run there, with the warm start.
     */
    @Test
    void aStopInsideARegionsBuildEndsTheRegionsWithTheWarmStart() {
        SchedulerOptions o = options(TestClock.frozen());
        Graph g = null;
        for (int ops : new int[] {600, 1000, 1500, 2000}) {
            Graph c = LargeGraphs.randomlyWired(ops, 3);
            if (!IlpScheduler.solvesWhole(c, o) || TimeIndexedModel.build(c, MemoryModel.INPLACE, 0, Long.MAX_VALUE / 4,
                    o.deadline(), IlpScheduler.MAX_VARIABLES).tooLarge()) {
                g = c;
                break;
            }
        }
        assertTrue(g != null, "no candidate is too large for one program");
        int[] start = new GreedyScheduler(o).schedule(g).schedule().indicesIn(g);
        long startPeak = MemorySimulator.peak(g, MemoryModel.INPLACE, start);
        for (long n : new long[] {1, 50}) {
            TestClock clock = TestClock.expiringAtPollAfterStage("regions", n);
            ScheduleResult r = run(g, start, clock);
            assertTrue(clock.triggered(), clock.toString());
            Oracles.assertValidResult(g, r);
            assertEquals(Status.TIME_LIMIT, r.status(), clock.toString());
            assertTrue(r.peakBytes() <= startPeak);
            assertTrue(clock.pollsAfterTrigger() <= 2, clock.toString());
            assertTrue(clock.stages().indexOf("regions") > 0, clock.toString());
        }
    }
}
