package io.memsched.schedule;

import io.memsched.run.Status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.graph.SeriesSegments;
import io.memsched.memory.MemoryModel;
import io.memsched.run.Status;
import io.memsched.testing.BruteForce;
import io.memsched.testing.HardGraphs;
import io.memsched.testing.Oracles;
import io.memsched.testing.TestClock;
import io.memsched.zoo.RandomDags;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DpSchedulerTest extends SchedulerContract {
    /** Not solvable within seconds: many independent branches. */
    static final Graph HARD = HardGraphs.sparseWide(0, 40, 0.05);

    @Override
    Scheduler create(SchedulerOptions options) {
        return new DpScheduler(options);
    }

    @Override
    boolean exact() {
        return true;
    }

    @Test
    void provesOptimalityOnTwentyOpGraphsQuickly() {
        for (long s = 0; s < 40; s++) {
            long seed = s;
            Graph g = RandomDags.generate(seed, 20, (seed % 5) / 4.0);
            for (MemoryModel m : new MemoryModel[] {MemoryModel.DEFAULT, MemoryModel.INPLACE}) {
                // "quickly", without timing: the proof comes before the 1,000th poll (every 256 states)
                TestClock clock = TestClock.expiringAtPoll(1_000);
                ScheduleResult r = new DpScheduler(SchedulerOptions.defaults().withMemoryModel(m)
                        .withTimeLimit(Duration.ofSeconds(20)).withClock(clock)).schedule(g);
                Oracles.assertValidResult(g, r);
                assertTrue(r.optimal(), () -> "seed " + seed + ": " + r + "\n" + Oracles.describe(g));
                assertFalse(clock.triggered(), () -> "seed " + seed + ": " + clock);
            }
        }
    }

    @Test
    void timeLimitReturnsTheBestOrderSoFar() {
        TestClock clock = TestClock.expiringAtPoll(20);
        ScheduleResult r = new DpScheduler(SchedulerOptions.defaults().withTimeLimit(Duration.ofMillis(200))
                .withClock(clock)).schedule(HARD);
        Oracles.assertValidResult(HARD, r);
        assertFalse(r.optimal(), r.toString());
        assertEquals(Status.TIME_LIMIT, r.status());
        // it stopped at the poll that saw the deadline pass
        assertTrue(clock.triggered() && clock.pollsAfterTrigger() == 0, clock.toString());
    }

    @Test
    void stateLimitReturnsTheBestOrderSoFar() {
        ScheduleResult r = new DpScheduler(SchedulerOptions.defaults().withStateLimit(1000)).schedule(HARD);
        Oracles.assertValidResult(HARD, r);
        assertFalse(r.optimal());
        assertEquals(Status.BUDGET, r.status());
        assertTrue(((DpStats) r.stats()).statesKept() < 1000 + 64 * 40, r.stats().asMap().toString());
    }

    @Test
    void interruptedBeforeTheStart() {
        Thread.currentThread().interrupt();
        try {
            ScheduleResult r = new DpScheduler(SchedulerOptions.defaults()).schedule(HARD);
            Oracles.assertValidResult(HARD, r);
            assertFalse(r.optimal());
            assertEquals(Status.INTERRUPTED, r.status());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void interruptedWhileSearching() throws InterruptedException {
        AtomicReference<ScheduleResult> result = new AtomicReference<>();
        // the clock interrupts the searching thread at its 20th poll: mid-search, whatever the machine's speed
        TestClock clock = TestClock.interruptingAtPoll(20);
        Thread worker = new Thread(() -> result.set(new DpScheduler(SchedulerOptions.defaults()
                .withTimeLimit(Duration.ofSeconds(60)).withClock(clock)).schedule(HARD)));
        worker.start();
        worker.join(300_000);
        assertFalse(worker.isAlive(), "dp ignored the interrupt");
        assertSame(worker, clock.triggerThread());
        ScheduleResult r = result.get();
        Oracles.assertValidResult(HARD, r);
        assertFalse(r.optimal());
        assertEquals(Status.INTERRUPTED, r.status());
    }

    @Test
    void splitsAtCutsWithTensorsCrossingThem() {
        // a skip connection (s) and a graph input that is also an output (w) cross the cut at 'mid'
        Graph g = Graph.builder("cuts").input("x", 5).input("w", 2)
                .op("s").reads("x").writes("skip", 30)
                .op("a1").reads("x").writes("a", 8)
                .op("a2").reads("x").writes("b", 9)
                .op("mid").reads("a", "b").writes("m", 4)
                .op("c1").reads("m").writes("c", 12)
                .op("c2").reads("m", "w").writes("d", 1)
                .op("join").reads("c", "d", "skip").writes("y", 3)
                .output("y", "w").build();
        for (MemoryModel m : new MemoryModel[] {MemoryModel.DEFAULT, MemoryModel.INPLACE}) {
            ScheduleResult r = new DpScheduler(SchedulerOptions.defaults().withMemoryModel(m)).schedule(g);
            Oracles.assertOptimal(g, r, BruteForce.solve(g, m).peakBytes());
            DpStats stats = (DpStats) r.stats();
            assertTrue(stats.cuts() >= 1, stats.toString());
        }
    }

    @Test
    void cutDecompositionOfAChainIsAllCuts() {
        Graph g = Graph.builder("chain").input("x", 1)
                .op("a").reads("x").writes("t1", 1)
                .op("b").reads("t1").writes("t2", 1)
                .op("c").reads("t2").writes("y", 1)
                .output("y").build();
        SeriesSegments d = SeriesSegments.atCuts(g);
        assertEquals(3, d.cuts());
        assertEquals(3, d.segments().size());
        assertTrue(d.segments().stream().allMatch(SeriesSegments.Segment::cut));
    }

    @Test
    void cutDecompositionKeepsIncomparableOpsTogether() {
        Graph g = MemorySimulatorGraphs.diamondWithTail();
        SeriesSegments d = SeriesSegments.atCuts(g);
        // src and tail are cuts; the two branches form one segment between them
        assertEquals(2, d.cuts());
        assertEquals(List.of(true, false, true), d.segments().stream().map(SeriesSegments.Segment::cut).toList());
        assertEquals(2, d.segments().get(1).ops().size());
    }

    @Test
    void neverWorseThanGivenIncumbents() {
        Graph g = RandomDags.generate(3, 14, 0.5);
        ScheduleResult greedy = new GreedyScheduler(SchedulerOptions.defaults()).schedule(g);
        ScheduleResult r = new DpScheduler(SchedulerOptions.defaults().withStateLimit(1))
                .schedule(g, List.of(greedy.schedule()));
        Oracles.assertValidResult(g, r);
        assertTrue(r.peakBytes() <= greedy.peakBytes());
    }

    @Test
    void statsAreReported() {
        ScheduleResult r = new DpScheduler(SchedulerOptions.defaults()).schedule(RandomDags.generate(5, 16, 0.6));
        var map = r.stats().asMap();
        assertEquals(List.of("statesExpanded", "statesKept", "statesPruned", "dominanceSteps", "cuts", "parts",
                "searchedParts", "largestPart"), List.copyOf(map.keySet()));
    }

    /** Small graphs for the cut tests. */
    static final class MemorySimulatorGraphs {
        static Graph diamondWithTail() {
            return Graph.builder("dwt").input("x", 1)
                    .op("src").reads("x").writes("s", 1)
                    .op("l").reads("s").writes("l1", 1)
                    .op("r").reads("s").writes("r1", 1)
                    .op("tail").reads("l1", "r1").writes("y", 1)
                    .output("y").build();
        }
    }
}
