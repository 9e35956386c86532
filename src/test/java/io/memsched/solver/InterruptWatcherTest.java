package io.memsched.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The one solver interrupt watcher, driven deterministically (no timing): interrupts before and during a search. */
class InterruptWatcherTest {
    @Test
    void anAlreadyInterruptedCallerIsStoppedAtOnce() {
        AtomicInteger stops = new AtomicInteger();
        Thread.currentThread().interrupt();
        try (InterruptWatcher w = InterruptWatcher.watch(stops::incrementAndGet)) {
            assertTrue(stops.get() >= 1, "stop was not called for an interrupted caller");
            assertTrue(w.stopRequested());
        } finally {
            assertTrue(Thread.interrupted(), "the watcher must keep the caller's interrupt flag");
        }
    }

    @Test
    void aCallerThatIsNotInterruptedIsNeverStopped() {
        AtomicInteger stops = new AtomicInteger();
        try (InterruptWatcher w = InterruptWatcher.watch(stops::incrementAndGet)) {
            assertFalse(w.stopRequested());
        }
        assertEquals(0, stops.get());
    }

    /** A search that ignores Java interrupts (like native code) and ends only when stopped. */
    @Test
    @Timeout(120) // hangs, rather than fails, if the watcher never calls stop
    void anInterruptDuringTheSearchStopsIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        boolean[] watcherSawIt = new boolean[1];
        Thread worker = new Thread(() -> {
            try (InterruptWatcher w = InterruptWatcher.watch(stopped::countDown)) {
                started.countDown();
                while (stopped.getCount() > 0) {
                    Thread.onSpinWait(); // a native search: deaf to the interrupt flag
                }
                watcherSawIt[0] = w.stopRequested();
            }
        });
        worker.start();
        started.await();
        worker.interrupt();
        worker.join();
        assertTrue(watcherSawIt[0]);
    }

    /**
     * The same through CP-SAT: a Golomb ruler of 12 marks (proving its optimum takes CP-SAT far longer than the
     * 10-minute limit) solved from an interrupted thread returns without a proof, because the watcher repeats the
     * stop until the native search has started.
     */
    @Test
    @Timeout(300)
    void anInterruptedThreadStopsACpSatSearch() {
        assertEquals(Readiness.READY, OrToolsNatives.shared().awaitWithin(Duration.ofMinutes(5)));
        CpModel model = new CpModel();
        int n = 12;
        IntVar[] marks = new IntVar[n];
        for (int i = 0; i < n; i++) {
            marks[i] = model.newIntVar(0, 200, "m" + i);
        }
        model.addEquality(marks[0], 0);
        List<IntVar> diffs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                model.addLessThan(marks[i - 1], marks[i]);
            }
            for (int j = i + 1; j < n; j++) {
                IntVar d = model.newIntVar(1, 200, "d" + i + "_" + j);
                model.addEquality(LinearExpr.weightedSum(new IntVar[] {marks[j], marks[i]}, new long[] {1, -1}), d);
                diffs.add(d);
            }
        }
        model.addAllDifferent(diffs.toArray(new IntVar[0]));
        model.minimize(marks[n - 1]);
        CpSolver solver = new CpSolver();
        solver.getParameters().setMaxTimeInSeconds(600).setNumWorkers(1);
        Thread.currentThread().interrupt();
        CpSolverStatus status;
        try {
            status = CpSat.solve(solver, model, null);
        } finally {
            assertTrue(Thread.interrupted());
        }
        assertNotEquals(CpSolverStatus.OPTIMAL, status);
        assertNotEquals(CpSolverStatus.INFEASIBLE, status);
    }
}
