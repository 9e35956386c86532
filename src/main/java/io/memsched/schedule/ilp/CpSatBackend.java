package io.memsched.schedule.ilp;

import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverSolutionCallback;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearArgument;
import com.google.ortools.sat.LinearExpr;
import io.memsched.run.Deadline;
import io.memsched.run.Status;
import io.memsched.solver.CpSat;
import io.memsched.solver.Natives;
import io.memsched.solver.OrToolsNatives;
import io.memsched.solver.Readiness;
import java.time.Duration;
import java.util.Optional;

/**
 * The OR-Tools CP-SAT backend (the default): every variable becomes a CP-SAT variable, every row a linear
 * constraint; the hint order is given as a complete solution hint, the time limit as {@code max_time_in_seconds};
 * an interrupt of the calling thread stops the search ({@link CpSat}). Incumbents go to the progress listener as
 * they are found, the final bound when the search ends.
 * The native libraries ({@link OrToolsNatives}) start loading when the backend is created (a process that knows it
 * will solve starts them earlier, see {@link OrToolsNatives#preload()}) and are awaited within the time limit, in
 * slices between polls of the deadline (stage {@code natives}): if they are not ready while more than
 * {@link #MIN_SEARCH} is left, the solve is skipped with status {@code TIME_LIMIT} (no order; the caller keeps its
 * warm start). Transferring the program to CP-SAT polls the deadline too, and gives up the same way.
 *
 * <p>Reference: L. Perron, F. Didier, "CP-SAT", OR-Tools v9, Google, https://developers.google.com/optimization.
 *
 * @see OjAlgoBackend
 */
public final class CpSatBackend implements IlpBackend {
    /**
     * Least time a search needs to be worth starting (model transfer, presolve and the margin below): the natives
     * are awaited at most until this much of the limit is left.
     */
    static final Duration MIN_SEARCH = Duration.ofMillis(300);
    /** Longest wait for the natives between two polls of the deadline. */
    static final Duration WAIT_SLICE = Duration.ofMillis(50);

    private final Natives natives;

    /** A CP-SAT backend; starts loading the native libraries in the background. */
    public CpSatBackend() {
        this(OrToolsNatives.shared());
        OrToolsNatives.shared().preload();
    }

    /** A CP-SAT backend that waits for {@code natives} (tests drive the "not ready in time" path with it). */
    public CpSatBackend(Natives natives) {
        this.natives = java.util.Objects.requireNonNull(natives, "natives");
    }

    @Override
    public String name() {
        return "cpsat";
    }

    @Override
    public Solution solve(TimeIndexedModel m, Request request) {
        long t0 = System.nanoTime();
        Deadline deadline = request.deadline();
        deadline.stage("natives");
        Readiness ready = awaitNatives(deadline);
        if (ready != Readiness.READY) {
            Status why = ready == Readiness.INTERRUPTED ? Status.INTERRUPTED : Status.TIME_LIMIT;
            return new Solution(why, Optional.empty(), 0, seconds(t0));
        }
        return solveLoaded(m, request, t0);
    }

    /**
     * Waits for the natives in slices of at most {@link #WAIT_SLICE}, polling the deadline before each slice:
     * {@code READY}, or {@code NOT_READY} as soon as no more than {@link #MIN_SEARCH} is left or the deadline
     * expired, or {@code INTERRUPTED}.
     */
    private Readiness awaitNatives(Deadline deadline) {
        while (true) {
            Optional<Status> stop = deadline.stopReason();
            if (stop.isPresent()) {
                return stop.get() == Status.INTERRUPTED ? Readiness.INTERRUPTED : Readiness.NOT_READY;
            }
            Duration spare = deadline.remaining().minus(MIN_SEARCH);
            if (spare.isNegative() || spare.isZero()) {
                return Readiness.NOT_READY; // too little time left to load, build and search
            }
            Readiness r = natives.awaitWithin(spare.compareTo(WAIT_SLICE) < 0 ? spare : WAIT_SLICE);
            if (r != Readiness.NOT_READY) {
                return r;
            }
        }
    }

    /** No search: {@code INTERRUPTED} if the caller was interrupted, else {@code TIME_LIMIT}. */
    private static Solution skipped(long t0) {
        Status why = Thread.currentThread().isInterrupted() ? Status.INTERRUPTED : Status.TIME_LIMIT;
        return new Solution(why, Optional.empty(), 0, seconds(t0));
    }

    /** Whether the deadline says stop, or no more than {@link #MIN_SEARCH} is left. */
    private static boolean noTimeToSearch(Deadline deadline) {
        return deadline.expired() || deadline.remaining().compareTo(MIN_SEARCH) <= 0;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The search itself, once the natives are loaded (the OR-Tools classes are resolved here, not before). */
    private Solution solveLoaded(TimeIndexedModel m, Request request, long t0) {
        Deadline deadline = request.deadline();
        long scale = m.scale();
        CpModel model = new CpModel();
        int nv = m.variableCount();
        IntVar[] vars = new IntVar[nv];
        // transferring a large program takes a cold JVM seconds: give up as soon as no useful search would be left
        for (int v = 0; v < nv; v++) {
            if ((v & 1023) == 0 && noTimeToSearch(deadline)) {
                return skipped(t0);
            }
            vars[v] = m.kind(v) == TimeIndexedModel.KIND_PEAK
                    ? model.newIntVar(m.lowerBound(v), m.upperBound(v), "peak")
                    : model.newBoolVar("v" + v);
        }
        int built = 0;
        for (LinearRow r : m.rows()) {
            if ((built++ & 1023) == 0 && noTimeToSearch(deadline)) {
                return skipped(t0);
            }
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
        double left = 0.7 * deadline.remaining().toNanos() - 150_000_000L;
        if (left <= 50_000_000L || deadline.expired()) {
            return skipped(t0);
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
        CpSolverStatus st = CpSat.solve(solver, model, cb);
        boolean found = st == CpSolverStatus.OPTIMAL || st == CpSolverStatus.FEASIBLE;
        Optional<int[]> order = found ? Optional.of(m.decode(v -> solver.value(vars[(int) v]))) : Optional.empty();
        long bound = st == CpSolverStatus.OPTIMAL
                ? Math.round(solver.objectiveValue()) * scale
                : (long) Math.ceil(solver.bestObjectiveBound() - 1e-6) * scale;
        Status status;
        if (st == CpSolverStatus.OPTIMAL) {
            status = Status.OPTIMAL;
        } else if (Thread.currentThread().isInterrupted()) {
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
