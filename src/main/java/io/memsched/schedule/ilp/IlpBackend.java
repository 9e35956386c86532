package io.memsched.schedule.ilp;

import io.memsched.run.Deadline;
import io.memsched.run.ProgressListener;
import io.memsched.run.Status;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A solver for a {@link TimeIndexedModel}. Implementations map their own outcome once to {@link Status}, honour the
 * time limit and the calling thread's interrupt, and return their best order and their proven lower bound.
 *
 * @see CpSatBackend
 * @see OjAlgoBackend
 */
public interface IlpBackend {
    /** The backend id, as {@code --solver} names it ({@code cpsat}, {@code ojalgo}). */
    String name();

    /**
     * Whether a program of {@code variables} variables and {@code constraints} rows fits this backend's time and heap
     * (checked before the solver model is built; larger programs are refused). Every program fits by default.
     */
    default boolean fits(long variables, long constraints) {
        return true;
    }

    /** Solves {@code model}, starting from {@code request.hint()}. */
    Solution solve(TimeIndexedModel model, Request request);

    /**
     * What to solve with.
     *
     * @param hint a valid order of the model's graph (a warm start; its peak is the program's upper bound)
     * @param deadline when to stop: a solver with a wall-clock limit of its own gets {@link #timeLimit()}, and skips
     *     the solve when nothing is left
     * @param threads worker threads
     * @param seed solver seed
     * @param progress receives incumbents and bounds (in bytes)
     */
    record Request(int[] hint, Deadline deadline, int threads, long seed, ProgressListener progress) {
        /** Checks the fields. */
        public Request {
            Objects.requireNonNull(hint, "hint");
            Objects.requireNonNull(deadline, "deadline");
            Objects.requireNonNull(progress, "progress");
        }

        /** The time left until the deadline, now (zero when past). */
        public Duration timeLimit() {
            return deadline.remaining();
        }
    }

    /**
     * A solver's answer.
     *
     * @param status {@link Status#OPTIMAL} when the solver proved its order optimal, else how it stopped
     * @param order the best order found, if the solver found one (else the caller keeps the hint)
     * @param lowerBoundBytes the solver's proven bound on the optimum, in bytes (0 if it proved none)
     * @param seconds solver wall time
     */
    record Solution(Status status, Optional<int[]> order, long lowerBoundBytes, double seconds) {
        /** Checks the fields. */
        public Solution {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(order, "order");
        }
    }
}
