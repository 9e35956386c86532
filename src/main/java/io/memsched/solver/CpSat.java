package io.memsched.solver;

import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverSolutionCallback;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearArgument;
import com.google.ortools.sat.LinearExpr;

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

    /**
     * Builds and solves a one-variable model once, with a solution callback and a hint, so that the first real solve
     * of the process does not pay for initialising OR-Tools' Java classes and native solver (0.1 to 0.25 s in a cold
     * JVM). {@link OrToolsNatives} calls it on its loading thread once the libraries are loaded.
     *
     * @return whether the tiny model was solved to optimality
     */
    static boolean warmUp() {
        CpModel model = new CpModel();
        IntVar x = model.newIntVar(0, 1, "x");
        model.addLinearConstraint(LinearExpr.weightedSum(new LinearArgument[] {x}, new long[] {1}), 0, 1);
        model.minimize(x);
        model.addHint(x, 1);
        CpSolver solver = new CpSolver();
        solver.getParameters().setNumWorkers(1).setMaxTimeInSeconds(1.0); // solve(..) turns SIGINT catching off
        CpSolverSolutionCallback cb = new CpSolverSolutionCallback() {
            @Override
            public void onSolutionCallback() {
                objectiveValue();
            }
        };
        return solve(solver, model, cb) == CpSolverStatus.OPTIMAL;
    }

    /**
     * {@code solver.solve(model, callback)} ({@code callback} may be null), stopped by an interrupt of the caller;
     * CP-SAT does not catch SIGINT.
     */
    public static CpSolverStatus solve(CpSolver solver, CpModel model, CpSolverSolutionCallback callback) {
        // the JVM owns SIGINT (the CLI's Ctrl-C handling interrupts the caller, which stops the search): CP-SAT's own
        // handler would replace it for the solve, and a Ctrl-C then aborts the process (std::bad_function_call)
        solver.getParameters().setCatchSigintSignal(false);
        try (InterruptWatcher w = InterruptWatcher.watch(solver::stopSearch)) {
            return callback == null ? solver.solve(model) : solver.solve(model, callback);
        }
    }
}
