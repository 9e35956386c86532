package io.memsched.schedule.ilp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import io.memsched.run.Deadline;
import io.memsched.run.Status;
import io.memsched.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Building the time-indexed program under a deadline, driven by a {@link TestClock} (no timing): the build polls at
 * every operator, step or tensor of its loops, stops at the very poll where the deadline expired (or the thread was
 * interrupted) with that status and the work done so far, gives up at the variable cap, and otherwise builds exactly
 * the program of the plain build.
 */
class TimeIndexedModelDeadlineTest {
    private static final Duration LIMIT = Duration.ofSeconds(1);

    private static TimeIndexedModel.Build build(Graph g, MemoryModel m, TestClock clock, long cap) {
        return TimeIndexedModel.build(g, m, 0, Long.MAX_VALUE / 4, Deadline.after(LIMIT, clock), cap);
    }

    /** Polls of a whole build on a frozen clock (each one a point where an expiry would stop it). */
    private static long pollsOfAWholeBuild(Graph g, MemoryModel m) {
        TestClock frozen = TestClock.frozen();
        TimeIndexedModel.Build b = build(g, m, frozen, Long.MAX_VALUE);
        assertTrue(b.model().isPresent());
        return frozen.polls();
    }

    @Test
    void aBuildThatIsNotStoppedIsThePlainBuild() {
        for (long seed = 0; seed < 200; seed++) {
            Graph g = IlpSchedulerTest.random(seed, 3 + (int) (seed % 30));
            MemoryModel m = seed % 2 == 0 ? MemoryModel.DEFAULT : MemoryModel.INPLACE;
            TimeIndexedModel plain = TimeIndexedModel.build(g, m, 0, Long.MAX_VALUE / 4);
            TestClock clock = TestClock.frozen();
            TimeIndexedModel.Build b = build(g, m, clock, Long.MAX_VALUE);
            assertTrue(b.model().isPresent(), "seed " + seed);
            assertTrue(b.stopped().isEmpty());
            assertFalse(b.tooLarge());
            TimeIndexedModel built = b.model().get();
            assertEquals(plain.stats(), built.stats(), "seed " + seed);
            assertEquals(plain.rows().size(), built.rows().size());
            for (int k = 0; k < plain.rows().size(); k++) {
                assertEquals(plain.rows().get(k).lo(), built.rows().get(k).lo());
                assertEquals(plain.rows().get(k).hi(), built.rows().get(k).hi());
                assertEquals(java.util.Arrays.toString(plain.rows().get(k).vars()),
                        java.util.Arrays.toString(built.rows().get(k).vars()));
                assertEquals(java.util.Arrays.toString(plain.rows().get(k).coefs()),
                        java.util.Arrays.toString(built.rows().get(k).coefs()));
            }
            assertEquals(b.variables(), built.stats().variables());
            assertEquals(b.constraints(), built.stats().constraints());
            // at least one poll per operator in each of its loops over operators
            assertTrue(clock.polls() >= 3L * g.opCount(), "seed " + seed + ": " + clock);
        }
    }

    @Test
    void expiryAtAnyPollStopsTheBuildAtThatPoll() {
        for (long seed = 0; seed < 40; seed++) {
            Graph g = IlpSchedulerTest.random(seed, 10 + (int) (seed % 25));
            MemoryModel m = seed % 2 == 0 ? MemoryModel.DEFAULT : MemoryModel.INPLACE;
            long polls = pollsOfAWholeBuild(g, m);
            long full = TimeIndexedModel.build(g, m, 0, Long.MAX_VALUE / 4).stats().variables();
            long lastVariables = 0;
            long lastRows = 0;
            for (long n = 1; n <= polls; n++) {
                TestClock clock = TestClock.expiringAtPoll(n);
                TimeIndexedModel.Build b = build(g, m, clock, Long.MAX_VALUE);
                assertTrue(clock.triggered(), clock.toString());
                assertEquals(java.util.Optional.of(Status.TIME_LIMIT), b.stopped(), "seed " + seed + ", " + clock);
                assertTrue(b.model().isEmpty());
                assertEquals(n, clock.polls(), "the build went on after the poll that expired: " + clock);
                assertEquals(0, clock.pollsAfterTrigger(), clock.toString());
                // the later the expiry, the more of the program was built; never all of it
                assertTrue(b.variables() >= lastVariables && b.constraints() >= lastRows, clock.toString());
                assertTrue(b.variables() <= full, clock.toString());
                lastVariables = b.variables();
                lastRows = b.constraints();
            }
            TestClock after = TestClock.expiringAtPoll(polls + 1);
            assertTrue(build(g, m, after, Long.MAX_VALUE).model().isPresent(), "one poll too many: " + after);
            assertFalse(after.triggered());
        }
    }

    @Test
    void anInterruptAtAnyPollStopsTheBuildWithInterrupted() {
        Graph g = IlpSchedulerTest.random(7, 24);
        long polls = pollsOfAWholeBuild(g, MemoryModel.INPLACE);
        for (long n = 1; n <= polls; n += 1 + n / 4) {
            TestClock clock = TestClock.interruptingAtPoll(n);
            TimeIndexedModel.Build b;
            try {
                b = build(g, MemoryModel.INPLACE, clock, Long.MAX_VALUE);
            } finally {
                assertTrue(Thread.interrupted(), "the clock interrupts this thread");
            }
            assertEquals(java.util.Optional.of(Status.INTERRUPTED), b.stopped(), clock.toString());
            assertEquals(n, clock.polls(), clock.toString());
        }
    }

    @Test
    void theVariableCapAbandonsTheBuildBeforeAnyRow() {
        int checked = 0;
        for (long seed = 0; seed < 200; seed++) {
            Graph g = IlpSchedulerTest.random(seed, 4 + (int) (seed % 30));
            MemoryModel m = seed % 2 == 0 ? MemoryModel.INPLACE : MemoryModel.DEFAULT;
            long full = TimeIndexedModel.build(g, m, 0, Long.MAX_VALUE / 4).stats().variables();
            if (full < 2) {
                continue; // a chain: only the peak variable
            }
            checked++;
            TimeIndexedModel.Build exact = build(g, m, TestClock.frozen(), full);
            assertTrue(exact.model().isPresent(), "a cap equal to the program's size admits it (seed " + seed + ")");
            assertEquals(full, exact.variables());
            TimeIndexedModel.Build over = build(g, m, TestClock.frozen(), full - 1);
            assertTrue(over.tooLarge(), "seed " + seed);
            assertTrue(over.stopped().isEmpty());
            assertEquals(full, over.variables(), "it counts the program's variables exactly (seed " + seed + ")");
            assertEquals(0, over.constraints(), "and gives up before building a row");
        }
        assertTrue(checked > 150, "only " + checked + " graphs have step variables");
        Graph g = IlpSchedulerTest.random(1, 10);
        assertThrows(IllegalArgumentException.class, () -> build(g, MemoryModel.DEFAULT, TestClock.frozen(), 0));
    }
}
