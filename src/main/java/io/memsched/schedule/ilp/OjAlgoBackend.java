package io.memsched.schedule.ilp;

import io.memsched.run.Status;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The pure-Java ojAlgo backend: an {@link ExpressionsBasedModel} with binary variables and the integer peak,
 * solved by ojAlgo's branch-and-bound MIP solver with the time limit as {@code time_abort}. ojAlgo takes no
 * warm start (its "known solution" is a debugging aid), so the hint enters only as the upper bound of the peak, and
 * the caller keeps the hint order when ojAlgo finds nothing better. ojAlgo does not poll interrupts, so the solve runs on a daemon worker thread the caller waits
 * on; an interrupt, or the time limit passing while ojAlgo is still in a relaxation it does not leave, returns at once
 * without an order (the worker stops at its next time check). ojAlgo reports no bound of an unfinished
 * search: the bound is the optimum when proven, else 0. Suited to small programs (see {@link #fits}); prefer
 * {@link CpSatBackend}.
 *
 * <p>Reference: A. Persson, ojAlgo, https://www.ojalgo.org.
 */
public final class OjAlgoBackend implements IlpBackend {
    /** An ojAlgo backend. */
    public OjAlgoBackend() {
    }

    @Override
    public String name() {
        return "ojalgo";
    }

    /**
     * ojAlgo's simplex keeps dense tableaux of about {@code variables * constraints} doubles: a program fits when
     * that takes at most a quarter of the maximum heap (7,000 x 15,000 solves in 6 GB; 28,000 x 60,000 ran out).
     */
    @Override
    public boolean fits(long variables, long constraints) {
        long cells = Runtime.getRuntime().maxMemory() / Double.BYTES / 4;
        return variables <= cells / Math.max(1, constraints);
    }

    private static volatile boolean quiet;

    /**
     * Loads ojAlgo's environment class once with standard output muted: its static initialiser prints a
     * hardware-profile notice that would corrupt the command line's JSON output.
     */
    private static void loadQuietly() {
        if (quiet) {
            return;
        }
        synchronized (OjAlgoBackend.class) {
            if (quiet) {
                return;
            }
            java.io.PrintStream out = System.out;
            try {
                System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
                Class.forName("org.ojalgo.OjAlgoUtils", true, OjAlgoBackend.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("ojAlgo is not on the class path", e);
            } finally {
                System.setOut(out);
            }
            quiet = true;
        }
    }

    @Override
    public Solution solve(TimeIndexedModel m, Request request) {
        loadQuietly();
        long start = System.nanoTime();
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        int nv = m.variableCount();
        Variable[] vars = new Variable[nv];
        // transferring the program polls the deadline: a stop there keeps the caller's warm start
        for (int v = 0; v < nv; v++) {
            Optional<Status> stop = (v & 1023) == 0 ? request.deadline().stopReason() : Optional.empty();
            if (stop.isPresent()) {
                return new Solution(stop.get(), Optional.empty(), 0, seconds(start));
            }
            Variable x = model.addVariable("v" + v);
            if (m.kind(v) == TimeIndexedModel.KIND_PEAK) {
                x.integer(true).lower(m.lowerBound(v)).upper(m.upperBound(v)).weight(1);
            } else {
                x.binary();
            }
            vars[v] = x;
        }
        int k = 0;
        for (LinearRow r : m.rows()) {
            Optional<Status> stop = (k & 1023) == 0 ? request.deadline().stopReason() : Optional.empty();
            if (stop.isPresent()) {
                return new Solution(stop.get(), Optional.empty(), 0, seconds(start));
            }
            Expression e = model.addExpression("r" + k++);
            for (int j = 0; j < r.vars().length; j++) {
                e.set(vars[r.vars()[j]], r.coefs()[j]);
            }
            if (r.lo() != Long.MIN_VALUE) {
                e.lower(r.lo());
            }
            if (r.hi() != Long.MAX_VALUE) {
                e.upper(r.hi());
            }
        }
        // the limit counts from the call: building the model took part of it, and ojAlgo overshoots its own limit
        long millis = request.deadline().remaining().toMillis();
        if (millis <= 0) {
            return new Solution(Status.TIME_LIMIT, Optional.empty(), 0, seconds(start));
        }
        model.options.time_abort = Math.max(1, millis * 4 / 5);
        model.options.time_suffice = model.options.time_abort;
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ojalgo-solve");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Optimisation.Result> f = exec.submit(model::minimise);
            Optimisation.Result res;
            try {
                res = f.get(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Solution(Status.INTERRUPTED, Optional.empty(), 0, seconds(start));
            } catch (TimeoutException e) {
                return new Solution(Status.TIME_LIMIT, Optional.empty(), 0, seconds(start));
            } catch (ExecutionException e) {
                throw new IllegalStateException("ojalgo failed on the program of graph '" + m.graph().name() + "': "
                        + e.getCause(), e.getCause());
            }
            Optimisation.State st = res.getState();
            if (!st.isFeasible()) {
                return new Solution(Status.TIME_LIMIT, Optional.empty(), 0, seconds(start));
            }
            int[] order = m.decode(v -> Math.round(res.doubleValue((int) v)));
            long scale = m.scale();
            if (st.isOptimal()) {
                long value = Math.round(res.getValue());
                return new Solution(Status.OPTIMAL, Optional.of(order), value * scale, seconds(start));
            }
            return new Solution(Status.TIME_LIMIT, Optional.of(order), 0, seconds(start));
        } finally {
            exec.shutdownNow();
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public String toString() {
        return name();
    }
}
