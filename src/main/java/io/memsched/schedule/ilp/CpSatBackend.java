package io.memsched.schedule.ilp;

import com.google.ortools.Loader;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverSolutionCallback;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearArgument;
import com.google.ortools.sat.LinearExpr;
import io.memsched.schedule.Status;
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
    private static volatile boolean loaded;

    /** A CP-SAT backend. */
    public CpSatBackend() {
    }

    @Override
    public String name() {
        return "cpsat";
    }

    /**
     * Loads the natives once, on a thread of its own: an interrupt of the caller during the extraction would
     * otherwise leave the library half loaded for the rest of the JVM's life.
     */
    private static void load() {
        if (loaded) {
            return;
        }
        synchronized (LOAD_LOCK) {
            if (loaded) {
                return;
            }
            Throwable[] failure = new Throwable[1];
            Thread t = new Thread(() -> {
                try {
                    Loader.loadNativeLibraries();
                } catch (Throwable e) {
                    failure[0] = e;
                }
            }, "ortools-load");
            t.start();
            boolean interrupted = false;
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure[0] != null) {
                throw new IllegalStateException("cpsat: cannot load the OR-Tools native library: " + failure[0],
                        failure[0]);
            }
            loaded = true;
        }
    }

    @Override
    public Solution solve(TimeIndexedModel m, Request request) {
        load();
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
        CpSolver solver = new CpSolver();
        solver.getParameters()
                .setMaxTimeInSeconds(Math.max(0.001, request.timeLimit().toNanos() / 1e9))
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
