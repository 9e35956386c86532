package io.memsched.solver;

import java.time.Duration;

/**
 * Native libraries a solve waits for within its time limit. {@link OrToolsNatives#shared()} is the real one; tests
 * pass a lambda to drive the "not ready in time" path deterministically.
 *
 * @see OrToolsNatives
 */
@FunctionalInterface
public interface Natives {
    /**
     * Waits at most {@code timeout} for the libraries; never longer, and never waits once the calling thread is
     * interrupted.
     *
     * @return {@link Readiness#READY}, {@link Readiness#NOT_READY} or {@link Readiness#INTERRUPTED}
     * @throws IllegalStateException if loading failed (the libraries will not become ready)
     */
    Readiness awaitWithin(Duration timeout);
}
