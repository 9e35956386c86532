package io.memsched.run;

/** Receives progress of a long search: a better order, a better bound, or a line of text. No-op by default. */
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
    };

    /** A new best order was found with this peak. */
    default void incumbent(String method, long peakBytes, double seconds) {
    }

    /** The lower bound rose to this value. */
    default void bound(String method, long lowerBoundBytes, double seconds) {
    }

    /** A free-text progress note. */
    default void message(String method, String text) {
    }
}
