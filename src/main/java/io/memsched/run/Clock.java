package io.memsched.run;

/**
 * The time source of a {@link Deadline}, with two hooks for tests: {@link #poll()} runs each time a search asks its
 * deadline whether to stop, {@link #stage(String)} each time a composite method enters a named stage. The system
 * clock ignores both; a test clock can expire (or interrupt the thread) at the N-th poll or at a stage, so a test
 * proves "stops at the next poll after expiry" without timing anything.
 */
public interface Clock {
    /** A monotonic time in nanoseconds (only differences mean anything). */
    long nanoTime();

    /** Called by {@link Deadline#stopReason()} and {@link Deadline#expired()} before they look at the time. */
    default void poll() {
    }

    /** Called when a method enters the stage {@code name} (see {@link Deadline#stage(String)}). */
    default void stage(String name) {
    }

    /** {@link System#nanoTime()}, no hooks. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}

/** The system clock. */
enum SystemClock implements Clock {
    INSTANCE;

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public String toString() {
        return "system clock";
    }
}
