package io.memsched.kernel;

/**
 * Stands in for a library solve in the interrupt tests: it runs until its thread is interrupted and then returns its
 * "best result so far" (keeping the interrupt flag set, as memsched's schedulers do). Library code, so it gets no
 * stop checks: only the cell's own code does.
 */
public final class BlockingSolve {
    private BlockingSolve() {
    }

    /** Spins until the thread is interrupted, then returns a result. */
    public static String run() {
        while (!Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait();
        }
        return "best so far";
    }
}
