package io.memsched.kernel;

/**
 * The stop check that {@link StopCheckWeaver} puts into the code of every notebook cell, at the start of each method
 * and before each backward jump (every loop iteration). When the user stops a cell, its thread's current solve sees
 * the interrupt and returns its best result; the next check then ends the cell, so a loop of solves stops after
 * the solve that was running instead of going on with the next one. Public only because cell classes, in JShell's
 * own package, call it.
 */
public final class StopCheck {
    private StopCheck() {
    }

    /** Ends the running cell if its stop was requested; free otherwise (one field read). */
    public static void check() {
        if (Thread.currentThread() instanceof CellThread t && t.stopRequested()) {
            throw new CellStopped();
        }
    }
}
