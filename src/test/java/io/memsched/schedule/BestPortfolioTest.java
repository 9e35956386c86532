package io.memsched.schedule;

import io.memsched.run.Status;

import io.memsched.schedule.portfolio.BestScheduler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.io.GraphJson;
import io.memsched.memory.MemoryModel;
import io.memsched.run.Status;
import io.memsched.testing.BruteForce;
import io.memsched.testing.TestClock;
import io.memsched.zoo.RandomDags;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code best} portfolio (fusion, heuristics, dp, then the ILP) against the brute-force optimum. */
class BestPortfolioTest {
    private static final MemoryModel[] MODELS = {MemoryModel.DEFAULT, MemoryModel.INPLACE};

    @Test
    void isExactOnRandomGraphs() {
        for (long seed = 0; seed < 200; seed++) {
            Graph g = RandomDags.generate(seed, 3 + (int) (seed % 12), 0.2 + 0.1 * (seed % 5));
            for (MemoryModel m : MODELS) {
                ScheduleResult r = new BestScheduler(SchedulerOptions.defaults().withMemoryModel(m)).schedule(g);
                long opt = BruteForce.solve(g, m).peakBytes();
                assertEquals(opt, r.peakBytes(), "seed " + seed + " " + m + " " + r + "\n" + GraphJson.write(g));
                assertTrue(r.optimal(), r.toString());
                assertTrue(r.stats().asMap().containsKey("opsAfterFusion"));
            }
        }
    }

    @Test
    void fallsBackToTheIlpWhenTheDpRunsOutOfStatesAndStillProvesTheDpOptimum() {
        int ilpRuns = 0;
        for (long seed = 0; seed < 30; seed++) {
            Graph g = RandomDags.generate(500 + seed, 36 + (int) (seed % 9), 0.08);
            for (MemoryModel m : MODELS) {
                SchedulerOptions o = SchedulerOptions.defaults().withMemoryModel(m).withStateLimit(1)
                        .withThreads(1).withTimeLimit(Duration.ofSeconds(20));
                ScheduleResult r = new BestScheduler(o).schedule(g);
                ScheduleResult dp = new DpScheduler(SchedulerOptions.defaults().withMemoryModel(m)).schedule(g);
                assertTrue(dp.optimal(), dp.toString());
                assertEquals(dp.peakBytes(), r.peakBytes(), "seed " + seed + " " + m + " " + r + "\n" + GraphJson.write(g));
                assertTrue(r.optimal(), r.toString());
                if (r.stats().asMap().containsKey("ilp.variables")) {
                    ilpRuns++;
                }
            }
        }
        assertTrue(ilpRuns > 5, "the ILP ran only " + ilpRuns + " times");
    }

    @Test
    void aLargeGraphUnderATightLimitSkipsStagesAndStaysWithinIt() {
        Graph g = io.memsched.zoo.LargeGraphs.randomlyWired(30_000, 5);
        // the deadline passes at the first poll (in fusion): every later stage checks it once and gives up
        TestClock clock = TestClock.expiringAtPoll(1);
        ScheduleResult r = new BestScheduler(SchedulerOptions.defaults().withTimeLimit(Duration.ofSeconds(1))
                .withClock(clock)).schedule(g);
        assertTrue(clock.triggered() && clock.pollsAfterTrigger() <= LimitsContractTest.MAX_POLLS_AFTER_TRIGGER,
                clock.toString());
        assertEquals(g.opCount(), r.schedule().size());
        assertEquals(io.memsched.memory.MemorySimulator.peak(g, MemoryModel.DEFAULT, r.schedule().indicesIn(g)),
                r.peakBytes());
        assertTrue(!r.optimal() && (r.status() == Status.TIME_LIMIT || r.status() == Status.BUDGET), r.toString());
    }

    @Test
    void anInterruptedThreadGetsTheFirstHeuristicsOrderAtOnce() {
        Graph g = io.memsched.zoo.LargeGraphs.multiScale(10_000, 3);
        Thread.currentThread().interrupt();
        try {
            TestClock clock = TestClock.frozen();
            ScheduleResult r = new BestScheduler(SchedulerOptions.defaults().withTimeLimit(Duration.ofSeconds(60))
                    .withClock(clock)).schedule(g);
            assertEquals(Status.INTERRUPTED, r.status(), r.toString());
            assertEquals(g.opCount(), r.schedule().size());
            // "at once": each stage polls once, sees the interrupt and gives up
            assertTrue(clock.polls() <= LimitsContractTest.MAX_POLLS_AFTER_TRIGGER, clock.toString());
            assertEquals(4, ((Number) r.stats().asMap().get("heuristicsSkipped")).intValue(), r.toString());
        } finally {
            Thread.interrupted();
        }
    }
}
