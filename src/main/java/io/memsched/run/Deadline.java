package io.memsched.run;

import java.time.Duration;
import java.util.Optional;

/**
 * A point in time after which a search stops, plus the calling thread's interrupt flag: long searches poll
 * {@link #stopReason()} (cheap) and return their best order with that status.
 */
public final class Deadline {
    private final long startNanos;
    private final long endNanos;

    private Deadline(long startNanos, long endNanos) {
        this.startNanos = startNanos;
        this.endNanos = endNanos;
    }

    /** A deadline {@code limit} from now. */
    public static Deadline after(Duration limit) {
        long now = System.nanoTime();
        long nanos = limit.compareTo(Duration.ofDays(365)) > 0 ? Duration.ofDays(365).toNanos() : limit.toNanos();
        return new Deadline(now, now + nanos);
    }

    /** {@link Status#INTERRUPTED} if the thread was interrupted, {@link Status#TIME_LIMIT} if time is up. */
    public Optional<Status> stopReason() {
        if (Thread.currentThread().isInterrupted()) {
            return Optional.of(Status.INTERRUPTED);
        }
        if (System.nanoTime() - endNanos >= 0) {
            return Optional.of(Status.TIME_LIMIT);
        }
        return Optional.empty();
    }

    /** Whether the search should stop now. */
    public boolean expired() {
        return Thread.currentThread().isInterrupted() || System.nanoTime() - endNanos >= 0;
    }

    /** Time left (zero when past). */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    /** Seconds since the start. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Time since the start. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
