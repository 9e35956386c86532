package io.memsched.schedule;

import io.memsched.memory.MemoryModel;
import io.memsched.run.Clock;
import io.memsched.run.Deadline;
import io.memsched.run.ProgressListener;
import java.time.Duration;
import java.util.Objects;

/**
 * The knobs every scheduler shares. Start from {@link #defaults()} and copy with {@code withX(..)}.
 *
 * @param memoryModel the memory model to minimise under
 * @param timeLimit wall-clock limit of one {@code schedule} call
 * @param seed seed of every random choice
 * @param threads worker threads a solver may use
 * @param stateLimit most search states (DP) or variables (ILP) an exact method may build before it gives up
 * @param progress receives progress of long searches
 * @param solver id of the ILP/CP backend every method that solves uses ({@code cpsat} or {@code ojalgo}; the
 *     registry resolves it)
 * @param clock the time source of every {@link Deadline} a scheduler makes (the system clock; tests drive their own)
 */
public record SchedulerOptions(MemoryModel memoryModel, Duration timeLimit, long seed, int threads, long stateLimit,
                               ProgressListener progress, String solver, Clock clock) {

    /** Checks the fields. */
    public SchedulerOptions {
        Objects.requireNonNull(memoryModel, "memoryModel");
        Objects.requireNonNull(timeLimit, "timeLimit");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(solver, "solver");
        Objects.requireNonNull(clock, "clock");
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive, was " + timeLimit);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (stateLimit < 1) {
            throw new IllegalArgumentException("stateLimit must be positive, was " + stateLimit);
        }
    }

    /** Default model, 60 s, seed 0, all cores, 4 million states, no progress, CP-SAT, the system clock. */
    public static SchedulerOptions defaults() {
        return new SchedulerOptions(MemoryModel.DEFAULT, Duration.ofSeconds(60), 0,
                Math.max(1, Runtime.getRuntime().availableProcessors()), 4_000_000, ProgressListener.NONE,
                "cpsat", Clock.system());
    }

    /** A copy with this memory model. */
    public SchedulerOptions withMemoryModel(MemoryModel m) {
        return new SchedulerOptions(m, timeLimit, seed, threads, stateLimit, progress, solver, clock);
    }

    /** A copy with this time limit. */
    public SchedulerOptions withTimeLimit(Duration d) {
        return new SchedulerOptions(memoryModel, d, seed, threads, stateLimit, progress, solver, clock);
    }

    /** A copy with this seed. */
    public SchedulerOptions withSeed(long s) {
        return new SchedulerOptions(memoryModel, timeLimit, s, threads, stateLimit, progress, solver, clock);
    }

    /** A copy with this many threads. */
    public SchedulerOptions withThreads(int n) {
        return new SchedulerOptions(memoryModel, timeLimit, seed, n, stateLimit, progress, solver, clock);
    }

    /** A copy with this state limit. */
    public SchedulerOptions withStateLimit(long n) {
        return new SchedulerOptions(memoryModel, timeLimit, seed, threads, n, progress, solver, clock);
    }

    /** A copy whose solving methods use the backend {@code id} ({@code cpsat}, {@code ojalgo}). */
    public SchedulerOptions withSolver(String id) {
        return new SchedulerOptions(memoryModel, timeLimit, seed, threads, stateLimit, progress, id, clock);
    }

    /** A copy with this progress listener. */
    public SchedulerOptions withProgress(ProgressListener p) {
        return new SchedulerOptions(memoryModel, timeLimit, seed, threads, stateLimit, p, solver, clock);
    }

    /** A copy with this clock. */
    public SchedulerOptions withClock(Clock c) {
        return new SchedulerOptions(memoryModel, timeLimit, seed, threads, stateLimit, progress, solver, c);
    }

    /** A deadline {@link #timeLimit()} from now on {@link #clock()}: every scheduler starts its run with it. */
    public Deadline deadline() {
        return Deadline.after(timeLimit, clock);
    }
}
