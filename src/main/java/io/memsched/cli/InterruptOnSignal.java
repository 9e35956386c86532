package io.memsched.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) or SIGTERM during a solve: a shutdown hook interrupts the solving thread, which returns its best
 * order so far (status {@code INTERRUPTED}), and waits up to a grace period for the command to print it before the
 * JVM exits. Open it around the solve; {@link #close()} removes the hook.
 *
 * <pre>{@code
 * try (InterruptOnSignal signal = InterruptOnSignal.install(Duration.ofSeconds(5))) {
 *     ScheduleResult r = scheduler.schedule(g);
 *     print(r);
 * }
 * }</pre>
 */
final class InterruptOnSignal implements AutoCloseable {
    private final Thread worker = Thread.currentThread();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    private InterruptOnSignal(Duration grace) {
        hook = new Thread(() -> {
            deliver();
            try {
                done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "memsched-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The system property that sets the grace period in seconds (default 5). */
    static final String GRACE_PROPERTY = "memsched.interrupt.grace";

    /**
     * Installs the hook for the calling thread, with a grace period of {@value #GRACE_PROPERTY} seconds when that
     * system property is set (a loaded machine may need more than the default to print), else {@code grace}.
     */
    static InterruptOnSignal install(Duration grace) {
        String g = System.getProperty(GRACE_PROPERTY);
        return new InterruptOnSignal(g == null ? grace : Duration.ofMillis((long) (Double.parseDouble(g) * 1000)));
    }

    /** What the signal does first, also callable by tests: interrupts the thread that installed the hook. */
    void deliver() {
        worker.interrupt();
    }

    /** Whether the solve was asked to stop (the calling thread's interrupt flag, left set). */
    boolean stopRequested() {
        return worker.isInterrupted();
    }

    /** Lets a pending shutdown proceed and removes the hook. */
    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running and now returns
        }
    }
}
