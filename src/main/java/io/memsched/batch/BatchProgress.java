package io.memsched.batch;

/** Receives a batch's progress: how many graphs are done. Called from one thread at a time. */
@FunctionalInterface
public interface BatchProgress {
    /** Ignores progress. */
    BatchProgress NONE = (done, total) -> {
    };

    /** {@code done} of {@code total} graphs have their rows. */
    void done(int done, int total);
}
