package io.memsched.solver;

import java.util.Objects;

/**
 * Stops a native search when the thread that started it is interrupted (a notebook cell's stop button, Ctrl-C in
 * the CLI): native solvers do not see Java interrupts, so a daemon thread polls the caller's interrupt flag every
 * {@value #POLL_MILLIS} ms and, while it is set, calls {@code stop} (again at every poll, so a stop requested before
 * the native search has started is not lost). A caller already interrupted when the watch starts gets its
 * {@code stop} called at once, on the calling thread. Close it when the search returns.
 *
 * @see CpSat
 */
public final class InterruptWatcher implements AutoCloseable {
    /** Poll interval of the watching thread. */
    static final long POLL_MILLIS = 20;

    private final Thread caller;
    private final Runnable stop;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean stopRequested;

    private InterruptWatcher(Thread caller, Runnable stop) {
        this.caller = caller;
        this.stop = stop;
        this.thread = new Thread(this::watch, "memsched-solver-interrupt-watch");
        thread.setDaemon(true);
    }

    /** Watches the calling thread; {@code stop} is called while it is interrupted, until {@link #close()}. */
    public static InterruptWatcher watch(Runnable stop) {
        return watch(Thread.currentThread(), stop);
    }

    /** Watches {@code caller}; {@code stop} is called while it is interrupted, until {@link #close()}. */
    public static InterruptWatcher watch(Thread caller, Runnable stop) {
        InterruptWatcher w = new InterruptWatcher(Objects.requireNonNull(caller, "caller"),
                Objects.requireNonNull(stop, "stop"));
        w.check();
        w.thread.start();
        return w;
    }

    /** Whether {@code stop} was called (the caller was interrupted while watched). */
    public boolean stopRequested() {
        return stopRequested;
    }

    private void check() {
        if (!closed && caller.isInterrupted()) {
            stopRequested = true;
            stop.run();
        }
    }

    private void watch() {
        while (!closed) {
            check();
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Ends the watch (the search returned). */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
