package io.memsched.solver;

import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverSolutionCallback;
import com.google.ortools.sat.CpSolverStatus;

/**
 * Runs a CP-SAT search under the caller's interrupt: an {@link InterruptWatcher} calls {@link CpSolver#stopSearch()}
 * while the calling thread is interrupted, and the search returns its best solution so far. The one way memsched
 * calls {@code CpSolver.solve}; call it only once {@link OrToolsNatives} reports the libraries {@link Readiness#READY}.
 *
 * @see InterruptWatcher
 * @see OrToolsNatives
 */
public final class CpSat {
    private CpSat() {
    }

    /** {@code solver.solve(model, callback)} ({@code callback} may be null), stopped by an interrupt of the caller. */
    public static CpSolverStatus solve(CpSolver solver, CpModel model, CpSolverSolutionCallback callback) {
        try (InterruptWatcher w = InterruptWatcher.watch(solver::stopSearch)) {
            return callback == null ? solver.solve(model) : solver.solve(model, callback);
        }
    }
}
