package io.memsched.kernel;

/**
 * Stands in for a library solve in the interrupt tests: it runs until its thread is interrupted and then returns its
 * "best result so far" (keeping the interrupt flag set, as memsched's schedulers do). Library code, so it gets no
 * stop checks: only the cell's own code does.
 */
public final class BlockingSolve {
    private BlockingSolve() {
    }

    /** Sets system property {@code running} (the tests' "it runs now" mark), then as {@link #run()}. */
    public static String run(String running) {
        System.setProperty(running, "1");
        return run();
    }

    /** Spins until the thread is interrupted, then returns a result. */
    public static String run() {
        while (!Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait();
        }
        return "best so far";
    }
}
