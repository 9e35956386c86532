package io.memsched.solver;

/** How a wait for native solver libraries ended. */
public enum Readiness {
    /** The libraries are loaded: the native stage can run. */
    READY,
    /** Time ran out first (loading goes on in the background): the native stage is skipped, status TIME_LIMIT. */
    NOT_READY,
    /** The waiting thread was interrupted: the native stage is skipped, status INTERRUPTED. */
    INTERRUPTED
}
