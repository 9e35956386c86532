package io.memsched.kernel;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What a running cell sends to the notebook (its printed text, displays, progress updates), handed from the cell's
 * threads to the one thread that serves the cell and is never interrupted. A cell thread therefore never touches
 * the Jupyter sockets: an interrupt that lands while it prints cannot break the transport (JeroMQ answers an
 * interrupted send with {@code ZMQException: Errno 4}). Everything a cell sends is delivered before its reply, and
 * what a finished cell's leftover threads send is dropped, so nothing reaches a later cell.
 */
final class Outbox {
    private static final long POLL_MILLIS = 20;

    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Runnable idle;
    private volatile Thread server;
    private volatile long cell = -1;

    /** An outbox that does nothing while it waits. */
    Outbox() {
        this(() -> {
        });
    }

    /** An outbox that runs {@code idle} on the serving thread whenever it has waited a while for work. */
    Outbox(Runnable idle) {
        this.idle = idle;
    }

    /** The open cell's number, -1 when closed. */
    long cell() {
        return cell;
    }

    /** Opens the outbox for cell {@code number}; the calling thread is the one that delivers. */
    synchronized void open(long number) {
        tasks.clear();
        cell = number;
        server = Thread.currentThread();
    }

    /** Delivers what is left and closes: later posts are dropped until the next {@link #open(long)}. */
    synchronized void close() {
        drain();
        server = null;
        cell = -1;
        tasks.clear();
    }

    /** Whether a cell is open. */
    boolean isOpen() {
        return server != null;
    }

    /**
     * Whether {@code t} may send now: a cell is open and {@code t} is not a thread of another (finished) cell.
     * Threads the cell started from a pool count as the cell's.
     */
    boolean accepts(Thread t) {
        long open = cell;
        return server != null && !(t instanceof CellThread c && c.cell() != open);
    }

    /**
     * Runs {@code task} on the serving thread: now when called from it, else at its next {@link #serveUntilDone}
     * or {@link #close()}. Returns false (and drops the task) when the caller may not send ({@link #accepts}).
     */
    boolean post(Runnable task) {
        Thread me = Thread.currentThread();
        if (!accepts(me)) {
            return false;
        }
        if (me == server) {
            task.run();
        } else {
            tasks.add(task);
        }
        return true;
    }

    /** Delivers posted tasks until {@code worker} ends, then the rest. Called by the serving thread. */
    void serveUntilDone(Thread worker) {
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                Runnable r = tasks.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (r != null) {
                    r.run();
                } else {
                    idle.run();
                }
            } catch (InterruptedException e) {
                interrupted = true; // the serving thread is not the one to stop; keep serving
            }
        }
        drain();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs every queued task on the calling thread. */
    void drain() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            r.run();
        }
    }
}
