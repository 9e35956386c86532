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
import io.memsched.solver.Natives;
import io.memsched.solver.Readiness;
import io.memsched.testing.Oracles;
import io.memsched.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The CP-SAT backend when the native libraries are not ready (readiness injected, time moved by a {@link TestClock},
 * no timing): the wait polls the deadline between slices of at most {@link CpSatBackend#WAIT_SLICE}, ends when only
 * {@link CpSatBackend#MIN_SEARCH} is left or at the poll where the deadline expired (or the thread was interrupted),
 * and the native stage is then skipped with the right status: the warm start is returned, verified by the simulator.
 */
class CpSatBackendNativesTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    /** Graphs whose warm start does not meet the lower bound, so the ILP reaches its native stage. */
    private static List<Graph> graphs(SchedulerOptions o) {
        List<Graph> out = new ArrayList<>();
        for (long seed = 0; seed < 40; seed++) {
            Graph g = IlpSchedulerTest.random(seed, 8 + (int) (seed % 9));
            long peak = new GreedyScheduler(o).schedule(g).peakBytes();
            if (LowerBounds.simple(g, o.memoryModel()) < peak) {
                out.add(g);
            }
        }
        assertTrue(out.size() >= 5, "only " + out.size() + " graphs reach the native stage");
        return out;
    }

    private static SchedulerOptions options(TestClock clock) {
        return SchedulerOptions.defaults().withMemoryModel(MemoryModel.INPLACE).withThreads(1).withTimeLimit(LIMIT)
                .withClock(clock);
    }

    /** Runs the ILP from the greedy order and checks that the warm start comes back, valid, with {@code expected}. */
    private static ScheduleResult runKeepsTheWarmStart(Graph g, SchedulerOptions o, Natives natives, Status expected) {
        int[] start = new GreedyScheduler(o).schedule(g).schedule().indicesIn(g);
        ScheduleResult r;
        try {
            r = new IlpScheduler(o, new CpSatBackend(natives)).schedule(g, start);
        } finally {
            Thread.interrupted();
        }
        Oracles.assertValidResult(g, r);
        assertEquals(expected, r.status(), g.name() + ": " + r);
        assertEquals(MemorySimulator.peak(g, o.memoryModel(), start), r.peakBytes(), "the warm start is kept");
        assertTrue(r.lowerBoundBytes() <= r.peakBytes());
        assertEquals(expected.name(), r.stats().asMap().get("solverStatus"), r.stats().toString());
        return r;
    }

    /** Natives that never become ready: each wait takes its whole timeout, which moves the clock. */
    private static Natives neverReady(TestClock clock, List<Duration> asked) {
        return timeout -> {
            asked.add(timeout);
            clock.advance(timeout);
            return Readiness.NOT_READY;
        };
    }

    @Test
    void notReadyInTimeSkipsTheSolveWithTimeLimitLeavingMinSearch() {
        TestClock clock = TestClock.frozen();
        SchedulerOptions o = options(clock);
        for (Graph g : graphs(o)) {
            List<Duration> asked = new ArrayList<>();
            runKeepsTheWarmStart(g, o, neverReady(clock, asked), Status.TIME_LIMIT);
            Duration waited = asked.stream().reduce(Duration.ZERO, Duration::plus);
            // time stands still but for the waits: they took the limit but for the least useful search
            assertEquals(LIMIT.minus(CpSatBackend.MIN_SEARCH), waited, g.name());
            for (Duration d : asked) {
                assertTrue(d.compareTo(CpSatBackend.WAIT_SLICE) <= 0 && !d.isNegative() && !d.isZero(),
                        "the deadline is polled between slices of at most WAIT_SLICE: " + d);
            }
        }
    }

    @Test
    void anInterruptReportedByTheWaitSkipsTheSolveWithInterrupted() {
        SchedulerOptions o = options(TestClock.frozen());
        for (Graph g : graphs(o)) {
            runKeepsTheWarmStart(g, o, timeout -> Readiness.INTERRUPTED, Status.INTERRUPTED);
        }
    }

    @Test
    void expiryDuringTheWaitStopsItAtThatPoll() {
        checkStopDuringTheWait(n -> TestClock.expiringAtPollAfterStage("natives", n), Status.TIME_LIMIT);
    }

    @Test
    void anInterruptDuringTheWaitStopsItAtThatPoll() {
        checkStopDuringTheWait(n -> TestClock.interruptingAtPollAfterStage("natives", n), Status.INTERRUPTED);
    }

    /**
     * The natives answer "not yet" at once, time stands still: only the deadline can end the wait, at the n-th poll
     * after the stage {@code natives} was entered, after n - 1 slices.
     */
    private static void checkStopDuringTheWait(Function<Long, TestClock> clocks, Status expected) {
        Graph g = graphs(options(TestClock.frozen())).get(0);
        for (long n = 1; n <= 12; n++) {
            TestClock clock = clocks.apply(n);
            List<Duration> asked = new ArrayList<>();
            Natives notYet = timeout -> {
                asked.add(timeout);
                return Readiness.NOT_READY;
            };
            runKeepsTheWarmStart(g, options(clock), notYet, expected);
            assertTrue(clock.triggered(), clock.toString());
            assertEquals(n - 1, asked.size(), clock.toString());
            assertEquals(0, clock.pollsAfterTrigger(), clock.toString());
            assertEquals(List.of("ilp", "build", "solve", "natives"), clock.stages(), clock.toString());
        }
    }
}
