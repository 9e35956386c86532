package io.memsched.schedule.ilp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.memory.LowerBounds;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.run.Status;
import io.memsched.solver.Readiness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CP-SAT backend when the native libraries are not ready within the time limit (readiness injected, no timing):
 * the native stage is skipped with the right status and the warm start is returned, verified by the simulator.
 */
class CpSatBackendNativesTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @Test
    void notReadyInTimeSkipsTheSolveWithTimeLimit() {
        check(Readiness.NOT_READY, Status.TIME_LIMIT);
    }

    @Test
    void anInterruptWhileWaitingSkipsTheSolveWithInterrupted() {
        check(Readiness.INTERRUPTED, Status.INTERRUPTED);
    }

    private static void check(Readiness readiness, Status expected) {
        List<Duration> asked = new ArrayList<>();
        CpSatBackend backend = new CpSatBackend(timeout -> {
            asked.add(timeout);
            return readiness;
        });
        SchedulerOptions o = SchedulerOptions.defaults().withMemoryModel(MemoryModel.INPLACE).withThreads(1)
                .withTimeLimit(LIMIT);
        int solved = 0;
        for (long seed = 0; seed < 40; seed++) {
            Graph g = IlpSchedulerTest.random(seed, 8 + (int) (seed % 9));
            int[] start = new io.memsched.schedule.GreedyScheduler(o).schedule(g).schedule().indicesIn(g);
            long startPeak = MemorySimulator.peak(g, MemoryModel.INPLACE, start);
            int before = asked.size();
            ScheduleResult r = new IlpScheduler(o, backend).schedule(g, start);
            if (asked.size() == before) {
                // the heuristic met the lower bound: no native stage at all
                assertEquals(Status.OPTIMAL, r.status(), r.toString());
                continue;
            }
            solved++;
            assertEquals(expected, r.status(), "seed " + seed + ": " + r);
            assertEquals(startPeak, r.peakBytes(), "the warm start is kept");
            assertTrue(r.lowerBoundBytes() <= r.peakBytes());
            assertEquals(expected.name(), r.stats().asMap().get("solverStatus"), r.stats().toString());
            assertTrue(LowerBounds.simple(g, MemoryModel.INPLACE) < startPeak);
        }
        assertTrue(solved >= 5, "only " + solved + " graphs reached the native stage");
        for (Duration d : asked) {
            assertTrue(d.compareTo(LIMIT.minus(CpSatBackend.MIN_SEARCH)) <= 0,
                    "the natives are awaited only while a useful search still fits: " + d);
        }
    }
}
