package io.memsched.schedule.ilp;

import com.google.ortools.Loader;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverSolutionCallback;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearArgument;
import com.google.ortools.sat.LinearExpr;
import io.memsched.run.Deadline;
import io.memsched.run.Status;
import java.util.Optional;

/**
 * The OR-Tools CP-SAT backend (the default): every variable becomes a CP-SAT variable, every row a linear
 * constraint; the hint order is given as a complete solution hint, the time limit as {@code max_time_in_seconds};
 * an interrupt of the calling thread calls {@code stopSearch()}. Incumbents go to the progress listener as they
 * are found, the final bound when the search ends.
 * Native libraries load once, on first use.
 *
 * <p>Reference: L. Perron, F. Didier, "CP-SAT", OR-Tools v9, Google, https://developers.google.com/optimization.
 *
 * @see OjAlgoBackend
 */
public final class CpSatBackend implements IlpBackend {
    private static final Object LOAD_LOCK = new Object();

    /** A CP-SAT backend. */
    public CpSatBackend() {
        startLoading();
    }

    @Override
    public String name() {
        return "cpsat";
    }

    private static final java.util.concurrent.CompletableFuture<Void> NATIVES = new java.util.concurrent.CompletableFuture<>();
    private static boolean started;

    /**
     * Starts loading the natives once, on a daemon thread of its own: unpacking them takes seconds, so a solve waits
     * for it only within its time limit, and an interrupt of a caller cannot leave the library half loaded.
     */
    private static void startLoading() {
        synchronized (LOAD_LOCK) {
            if (started) {
                return;
            }
            started = true;
        }
        Thread t = new Thread(() -> {
            try {
                Loader.loadNativeLibraries();
                NATIVES.complete(null);
            } catch (Throwable e) {
                NATIVES.completeExceptionally(e);
            }
        }, "ortools-load");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Waits for the natives until the deadline; false if time ran out or the caller was interrupted. It reads the
     * time left, without polling the deadline: how long the natives take must not change a test clock's poll count.
     */
    private static boolean awaitNatives(Deadline deadline) {
        startLoading();
        while (!NATIVES.isDone()) {
            long left = deadline.remaining().toNanos();
            if (left <= 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            try {
                NATIVES.get(Math.min(left, 20_000_000L), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // poll again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (java.util.concurrent.ExecutionException e) {
                break;
            }
        }
        if (NATIVES.isCompletedExceptionally()) {
            try {
                NATIVES.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw new IllegalStateException("cpsat: cannot load the OR-Tools native library: " + e.getCause(),
                        e.getCause());
            }
        }
        return true;
    }

    @Override
    public Solution solve(TimeIndexedModel m, Request request) {
        long t0 = System.nanoTime();
        if (!awaitNatives(request.deadline())) {
            Status why = Thread.currentThread().isInterrupted() ? Status.INTERRUPTED : Status.TIME_LIMIT;
            return new Solution(why, Optional.empty(), 0, (System.nanoTime() - t0) / 1e9);
        }
        long scale = m.scale();
        CpModel model = new CpModel();
        int nv = m.variableCount();
        IntVar[] vars = new IntVar[nv];
        for (int v = 0; v < nv; v++) {
            vars[v] = m.kind(v) == TimeIndexedModel.KIND_PEAK
                    ? model.newIntVar(m.lowerBound(v), m.upperBound(v), "peak")
                    : model.newBoolVar("v" + v);
        }
        for (LinearRow r : m.rows()) {
            LinearArgument[] terms = new LinearArgument[r.vars().length];
            for (int k = 0; k < terms.length; k++) {
                terms[k] = vars[r.vars()[k]];
            }
            model.addLinearConstraint(LinearExpr.weightedSum(terms, r.coefs()), r.lo(), r.hi());
        }
        model.minimize(vars[m.peakVar()]);
        long[] hint = m.valuesOf(request.hint());
        for (int v = 0; v < nv; v++) {
            model.addHint(vars[v], hint[v]);
        }
        // CP-SAT overshoots short limits (presolve, loading the model): keep a margin
        double left = 0.7 * request.deadline().remaining().toNanos() - 150_000_000L;
        if (left <= 50_000_000L || Thread.currentThread().isInterrupted()) {
            Status why = Thread.currentThread().isInterrupted() ? Status.INTERRUPTED : Status.TIME_LIMIT;
            return new Solution(why, Optional.empty(), 0, (System.nanoTime() - t0) / 1e9);
        }
        CpSolver solver = new CpSolver();
        solver.getParameters()
                .setMaxTimeInSeconds(Math.max(0.001, left / 1e9))
                .setNumWorkers(Math.max(1, request.threads()))
                .setRandomSeed((int) request.seed());
        CpSolverSolutionCallback cb = new CpSolverSolutionCallback() {
            @Override
            public void onSolutionCallback() {
                request.progress().incumbent(name(), Math.round(objectiveValue()) * scale, wallTime());
            }
        };
        Thread caller = Thread.currentThread();
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (caller.isInterrupted()) {
                    solver.stopSearch();
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cpsat-interrupt-watch");
        watcher.setDaemon(true);
        watcher.start();
        CpSolverStatus st;
        try {
            st = solver.solve(model, cb);
        } finally {
            watcher.interrupt();
        }
        boolean found = st == CpSolverStatus.OPTIMAL || st == CpSolverStatus.FEASIBLE;
        Optional<int[]> order = found ? Optional.of(m.decode(v -> solver.value(vars[(int) v]))) : Optional.empty();
        long bound = st == CpSolverStatus.OPTIMAL
                ? Math.round(solver.objectiveValue()) * scale
                : (long) Math.ceil(solver.bestObjectiveBound() - 1e-6) * scale;
        Status status;
        if (st == CpSolverStatus.OPTIMAL) {
            status = Status.OPTIMAL;
        } else if (caller.isInterrupted()) {
            status = Status.INTERRUPTED;
        } else if (st == CpSolverStatus.INFEASIBLE || st == CpSolverStatus.MODEL_INVALID) {
            throw new IllegalStateException("cpsat: the program of graph '" + m.graph().name() + "' is " + st
                    + ", although the hint order satisfies it");
        } else {
            status = Status.TIME_LIMIT;
        }
        request.progress().bound(name(), Math.max(0, bound), solver.wallTime());
        return new Solution(status, order, Math.max(0, bound), solver.wallTime());
    }

    @Override
    public String toString() {
        return name();
    }
}
