package io.memsched.arena;

import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.NoOverlap2dConstraint;
import io.memsched.solver.CpSat;
import io.memsched.solver.Natives;
import io.memsched.solver.OrToolsNatives;
import io.memsched.solver.Readiness;
import java.time.Duration;
import java.util.Objects;

/**
 * Exact arena planning with CP-SAT: each live buffer is a rectangle in time x address whose time extent is fixed
 * (its lifetime) and whose address is a variable; a no-overlap-2D constraint keeps rectangles apart and the solver
 * minimises the arena. The best heuristic layout ({@link GreedyBySizeArenaPlanner} or {@link BestFitArenaPlanner})
 * bounds the domain and is given as a hint, so the result is never worse than it; sizes are divided by their
 * greatest common divisor first (lossless: pushing every buffer down as far as it goes puts offsets at sums of
 * sizes). Optimal when the solver proves it within the time limit (or when the heuristic already meets the peak);
 * otherwise the best layout found, with the solver's bound. Problems with more than {@code maxBuffers} buffers get
 * the heuristic layout. An interrupt of the calling thread stops the search and returns the best layout so far
 * ({@link CpSat}). The native libraries ({@link OrToolsNatives}) are awaited within the time limit; if they are not
 * ready in time, the heuristic layout is returned (no bound).
 * This is the address part of the OLLA/MODeL formulation (Steiner et al., "OLLA: Optimizing the
 * Lifetime and Location of Arrays to Reduce the Memory Usage of Neural Networks", arXiv 2210.12924) with the order
 * fixed. Worst case exponential in the number of buffers.
 *
 * @see GreedyBySizeArenaPlanner
 * @see BestFitArenaPlanner
 */
public final class CpSatArenaPlanner implements ArenaPlanner {
    private final Options options;
    private final Natives natives;

    /**
     * Options.
     *
     * @param timeLimit solver time limit
     * @param threads solver workers
     * @param seed solver seed
     * @param maxBuffers above this many buffers the heuristic layout is returned without solving
     */
    public record Options(Duration timeLimit, int threads, long seed, int maxBuffers) {
        /** Checks the fields. */
        public Options {
            Objects.requireNonNull(timeLimit, "timeLimit");
            if (timeLimit.isNegative() || timeLimit.isZero()) {
                throw new IllegalArgumentException("timeLimit must be positive, was " + timeLimit);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
            if (maxBuffers < 0) {
                throw new IllegalArgumentException("maxBuffers must not be negative, was " + maxBuffers);
            }
        }

        /** 10 s, one worker, seed 0, at most 600 buffers. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(10), 1, 0, 600);
        }

        /** A copy with another time limit. */
        public Options withTimeLimit(Duration limit) {
            return new Options(limit, threads, seed, maxBuffers);
        }

        /** A copy with another number of workers. */
        public Options withThreads(int n) {
            return new Options(timeLimit, n, seed, maxBuffers);
        }

        /** A copy with another seed. */
        public Options withSeed(long s) {
            return new Options(timeLimit, threads, s, maxBuffers);
        }

        /** A copy with another buffer limit. */
        public Options withMaxBuffers(int n) {
            return new Options(timeLimit, threads, seed, n);
        }
    }

    /** A planner with default options. */
    public CpSatArenaPlanner() {
        this(Options.defaults());
    }

    /** A planner with these options. */
    public CpSatArenaPlanner(Options options) {
        this(options, OrToolsNatives.shared());
    }

    /** A planner with these options that waits for {@code natives} (tests drive the "not ready" path with it). */
    public CpSatArenaPlanner(Options options, Natives natives) {
        this.options = Objects.requireNonNull(options, "options");
        this.natives = Objects.requireNonNull(natives, "natives");
    }

    @Override
    public String name() {
        return "cpsat";
    }

    @Override
    public ArenaPlan plan(ArenaProblem problem) {
        long start = System.nanoTime();
        ArenaPlan a = new GreedyBySizeArenaPlanner().plan(problem);
        ArenaPlan b = new BestFitArenaPlanner().plan(problem);
        ArenaPlan heuristic = b.arenaBytes() < a.arenaBytes() ? b : a;
        long[] offsets = heuristic.offsets().stream().mapToLong(Long::longValue).toArray();
        if (heuristic.optimal() || problem.buffers().size() > options.maxBuffers()
                || Thread.currentThread().isInterrupted()) {
            return ArenaPlan.verified(name(), problem, offsets, 0, Duration.ofNanos(System.nanoTime() - start));
        }
        long unit = 0;
        for (ArenaProblem.Buffer buf : problem.buffers()) {
            unit = gcd(unit, buf.bytes());
        }
        long ub = heuristic.arenaBytes() / unit;
        long lb = (problem.peakBytes() + unit - 1) / unit;
        Duration left = options.timeLimit().minus(Duration.ofNanos(System.nanoTime() - start));
        if (natives.awaitWithin(left) != Readiness.READY) {
            return ArenaPlan.verified(name(), problem, offsets, 0, Duration.ofNanos(System.nanoTime() - start));
        }
        return solve(problem, heuristic, offsets, unit, lb, ub, start);
    }

    /** The CP-SAT search, once the natives are loaded (the OR-Tools classes are resolved here, not before). */
    private ArenaPlan solve(ArenaProblem problem, ArenaPlan heuristic, long[] offsets, long unit, long lb, long ub,
                            long start) {
        CpModel model = new CpModel();
        IntVar arena = model.newIntVar(lb, ub, "arena");
        NoOverlap2dConstraint noOverlap = model.addNoOverlap2D();
        IntVar[] vars = new IntVar[problem.buffers().size()];
        for (ArenaProblem.Buffer buf : problem.buffers()) {
            if (buf.bytes() == 0) {
                continue;
            }
            long size = buf.bytes() / unit;
            IntVar off = model.newIntVar(0, ub - size, "off" + buf.index());
            vars[buf.index()] = off;
            noOverlap.addRectangle(model.newFixedInterval(buf.firstStep(), buf.lastStep() - buf.firstStep() + 1,
                    "t" + buf.index()), model.newFixedSizeIntervalVar(off, size, "a" + buf.index()));
            model.addGreaterOrEqual(arena, LinearExpr.affine(off, 1, size));
            model.addHint(off, offsets[buf.index()] / unit);
        }
        model.minimize(arena);
        CpSolver solver = new CpSolver();
        long leftNanos = options.timeLimit().toNanos() - (System.nanoTime() - start);
        solver.getParameters().setMaxTimeInSeconds(Math.max(0.001, leftNanos / 1e9))
                .setNumWorkers(options.threads()).setRandomSeed((int) options.seed());
        CpSolverStatus status = CpSat.solve(solver, model, null);
        long bound = 0;
        if (status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.FEASIBLE) {
            if (solver.objectiveValue() < ub) {
                for (ArenaProblem.Buffer buf : problem.buffers()) {
                    offsets[buf.index()] = vars[buf.index()] == null ? 0 : solver.value(vars[buf.index()]) * unit;
                }
            }
            bound = status == CpSolverStatus.OPTIMAL ? Math.round(solver.objectiveValue()) * unit
                    : (long) Math.ceil(solver.bestObjectiveBound() - 1e-6) * unit;
        }
        long arenaNow = 0;
        for (ArenaProblem.Buffer buf : problem.buffers()) {
            arenaNow = Math.max(arenaNow, offsets[buf.index()] + buf.bytes());
        }
        return ArenaPlan.verified(name(), problem, offsets, Math.min(bound, arenaNow),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a == 0 ? 1 : a;
    }
}
