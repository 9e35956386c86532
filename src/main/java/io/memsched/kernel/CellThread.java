package io.memsched.kernel;

/**
 * The thread one snippet of a notebook cell runs on. It carries the cell's number, so output from a thread of a
 * finished cell is recognised and dropped, and a stop request, which the stop checks woven into the cell's code
 * ({@link StopCheck}) turn into the end of the cell.
 */
final class CellThread extends Thread {
    private final long cell;
    private volatile boolean stopRequested;

    CellThread(Runnable body, long cell) {
        super(body, "memsched-cell");
        this.cell = cell;
        setDaemon(true);
    }

    /** The number of the cell this thread runs (counted by the evaluator). */
    long cell() {
        return cell;
    }

    /** Asks the cell to stop: sets the flag the stop checks read and interrupts the thread (solvers poll that). */
    void requestStop() {
        stopRequested = true;
        interrupt();
    }

    /** Whether {@link #requestStop()} was called. */
    boolean stopRequested() {
        return stopRequested;
    }
}
