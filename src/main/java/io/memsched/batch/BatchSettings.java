package io.memsched.batch;

import io.memsched.graph.BadInputException;
import java.io.Serializable;
import java.util.Objects;

/**
 * How every graph of a batch is scheduled: the options of {@code memsched schedule}, by id.
 *
 * @param method scheduler id ({@code best}, {@code dp}, ...)
 * @param memoryModel memory model id ({@code default}, {@code inplace})
 * @param timeLimitSeconds time limit per graph
 * @param solver solver backend id of the methods that solve
 * @param seed seed of every random choice
 * @param threads solver threads per graph (1: one graph per core)
 * @param arena arena planner id, or {@code null} for no arena plan
 */
public record BatchSettings(String method, String memoryModel, double timeLimitSeconds, String solver, long seed,
                            int threads, String arena) implements Serializable {
    /** Checks the values that need no registry. */
    public BatchSettings {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(memoryModel, "memoryModel");
        Objects.requireNonNull(solver, "solver");
        if (!(timeLimitSeconds > 0) || Double.isInfinite(timeLimitSeconds)) {
            throw new BadInputException("--time-limit must be a positive number of seconds, was " + timeLimitSeconds);
        }
        if (threads < 1) {
            throw new BadInputException("--threads must be at least 1, was " + threads);
        }
    }

    /** {@code best}, default memory model, 60 s, CP-SAT, seed 0, one thread, no arena. */
    public static BatchSettings defaults() {
        return new BatchSettings("best", "default", 60, "cpsat", 0, 1, null);
    }

    /** With another method. */
    public BatchSettings withMethod(String m) {
        return new BatchSettings(m, memoryModel, timeLimitSeconds, solver, seed, threads, arena);
    }

    /** With another memory model. */
    public BatchSettings withMemoryModel(String m) {
        return new BatchSettings(method, m, timeLimitSeconds, solver, seed, threads, arena);
    }

    /** With another time limit per graph. */
    public BatchSettings withTimeLimitSeconds(double s) {
        return new BatchSettings(method, memoryModel, s, solver, seed, threads, arena);
    }

    /** With another solver backend. */
    public BatchSettings withSolver(String s) {
        return new BatchSettings(method, memoryModel, timeLimitSeconds, s, seed, threads, arena);
    }

    /** With another seed. */
    public BatchSettings withSeed(long s) {
        return new BatchSettings(method, memoryModel, timeLimitSeconds, solver, s, threads, arena);
    }

    /** With another number of solver threads per graph. */
    public BatchSettings withThreads(int n) {
        return new BatchSettings(method, memoryModel, timeLimitSeconds, solver, seed, n, arena);
    }

    /** With an arena plan by this planner ({@code null}: none). */
    public BatchSettings withArena(String planner) {
        return new BatchSettings(method, memoryModel, timeLimitSeconds, solver, seed, threads, planner);
    }
}
