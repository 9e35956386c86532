package io.memsched.run;

/**
 * Receives progress of long work: a method starting on a graph, its stages, a better order, a better bound, a line
 * of text, its end. No-op by default; {@link ProgressLine} shows it as one updating line.
 *
 * <p>Entry points ({@code Plan.run}, {@code Memsched.compare}) use the listener they are given, else the
 * {@link #ambient()} one: the display the front end running the thread installed with {@link #bind} (a notebook
 * cell's progress line, the terminal's), {@link #NONE} otherwise. They read it once and pass it on explicitly.
 */
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public String toString() {
            return "no progress";
        }
    };

    /** {@code method} starts on {@code graph} (a plan, one method of a comparison, one run of the bench). */
    default void started(String graph, String method) {
    }

    /** {@code method} enters {@code stage} (a pass, {@code heuristics}, {@code dp}, {@code solve}, ...). */
    default void stage(String method, String stage) {
    }

    /** A new best order was found with this peak. */
    default void incumbent(String method, long peakBytes, double seconds) {
    }

    /** The lower bound rose to this value. */
    default void bound(String method, long lowerBoundBytes, double seconds) {
    }

    /** A free-text progress note. */
    default void message(String method, String text) {
    }

    /** What {@link #started} began ended with this status and peak after {@code seconds}. */
    default void finished(String graph, String method, Status status, long peakBytes, double seconds) {
    }

    /** The listener the front end bound to this thread (inherited by the threads it starts), else {@link #NONE}. */
    static ProgressListener ambient() {
        return AmbientProgress.CURRENT.get();
    }

    /**
     * Runs {@code body} with {@code listener} as this thread's {@link #ambient()} listener, then restores the
     * previous one. For front ends: the notebook kernel binds its progress line to each cell, the command line
     * its terminal line.
     */
    static void bind(ProgressListener listener, Runnable body) {
        ProgressListener previous = AmbientProgress.CURRENT.get();
        AmbientProgress.CURRENT.set(java.util.Objects.requireNonNull(listener, "listener"));
        try {
            body.run();
        } finally {
            AmbientProgress.CURRENT.set(previous);
        }
    }

    /** {@code clock} that also tells this listener each stage {@code method} enters ({@link Deadline#stage}). */
    default Clock stagesOf(Clock clock, String method) {
        if (this == NONE) {
            return clock;
        }
        ProgressListener listener = this;
        return new Clock() {
            @Override
            public long nanoTime() {
                return clock.nanoTime();
            }

            @Override
            public void poll() {
                clock.poll();
            }

            @Override
            public void stage(String name) {
                clock.stage(name);
                listener.stage(method, name);
            }

            @Override
            public String toString() {
                return clock + " reporting stages";
            }
        };
    }
}

/** The per-thread binding behind {@link ProgressListener#ambient()}; threads inherit it from their creator. */
final class AmbientProgress {
    static final InheritableThreadLocal<ProgressListener> CURRENT = new InheritableThreadLocal<>() {
        @Override
        protected ProgressListener initialValue() {
            return ProgressListener.NONE;
        }
    };

    private AmbientProgress() {
    }
}
