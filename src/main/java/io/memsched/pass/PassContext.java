package io.memsched.pass;

import io.memsched.memory.MemoryModel;
import io.memsched.run.Deadline;
import io.memsched.run.ProgressListener;
import java.time.Duration;
import java.util.Objects;

/**
 * What every pass of a run shares (as TVM's {@code PassContext}): the memory model a pass must preserve or improve
 * the peak under, the deadline (time limit and thread interrupt) long passes poll between steps, and where progress
 * goes.
 *
 * @param memoryModel the memory model of the run
 * @param deadline when to stop; a pass that stops early returns a valid graph (the work done so far)
 * @param progress receives progress notes
 */
public record PassContext(MemoryModel memoryModel, Deadline deadline, ProgressListener progress) {
    /** Checks the fields. */
    public PassContext {
        Objects.requireNonNull(memoryModel, "memoryModel");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(progress, "progress");
    }

    /** A context under {@code model} with no time limit and no progress. */
    public static PassContext of(MemoryModel model) {
        return new PassContext(model, Deadline.after(Duration.ofDays(365)), ProgressListener.NONE);
    }

    /** A copy with this deadline. */
    public PassContext withDeadline(Deadline d) {
        return new PassContext(memoryModel, d, progress);
    }

    /** A copy with this progress listener. */
    public PassContext withProgress(ProgressListener p) {
        return new PassContext(memoryModel, deadline, p);
    }

    /** Whether a pass should stop now (time limit or interrupt). */
    public boolean expired() {
        return deadline.expired();
    }
}
