package io.memsched.run;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A point in time after which a search stops, plus the calling thread's interrupt flag: long searches poll
 * {@link #stopReason()} or {@link #expired()} (cheap) and return their best order with that status. It reads time
 * only through its {@link Clock}, so a test clock decides every stop.
 *
 * <p>Methods announce their stages with {@link #stage(String)}: {@code fusion}, {@code heuristics} and {@code dp}
 * ({@code best}), {@code dp}, {@code hmcos}, and for {@code ilp}: {@code fusion}, {@code split} (the single-node
 * cuts), {@code ilp} (one program), {@code build} (the program is built), {@code regions} (a graph too large for one
 * program), {@code solve} (the solver backend is about to run) and {@code natives} (CP-SAT waits for its native
 * libraries).
 */
public final class Deadline {
    /** Longest limit kept (longer ones are cut to it, so that end times do not overflow). */
    private static final Duration MAX = Duration.ofDays(365);

    private final Clock clock;
    private final long endNanos;
    /** Start on the system clock: elapsed time is reported in real time whatever the clock. */
    private final long startSystemNanos = System.nanoTime();

    private Deadline(Clock clock, long endNanos) {
        this.clock = clock;
        this.endNanos = endNanos;
    }

    /** A deadline {@code limit} from now on the system clock. */
    public static Deadline after(Duration limit) {
        return after(limit, Clock.system());
    }

    /** A deadline {@code limit} from now on {@code clock}. */
    public static Deadline after(Duration limit, Clock clock) {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(clock, "clock");
        long now = clock.nanoTime();
        long nanos = limit.compareTo(MAX) > 0 ? MAX.toNanos() : Math.max(0, limit.toNanos());
        return new Deadline(clock, now + nanos);
    }

    /** {@link Status#INTERRUPTED} if the thread was interrupted, {@link Status#TIME_LIMIT} if time is up. */
    public Optional<Status> stopReason() {
        clock.poll();
        if (Thread.currentThread().isInterrupted()) {
            return Optional.of(Status.INTERRUPTED);
        }
        if (clock.nanoTime() - endNanos >= 0) {
            return Optional.of(Status.TIME_LIMIT);
        }
        return Optional.empty();
    }

    /** Whether the search should stop now (time up or thread interrupted). */
    public boolean expired() {
        return stopReason().isPresent();
    }

    /** Time left (zero when past). */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - clock.nanoTime()));
    }

    /** A deadline on the same clock ending {@code percent} % of the time left from now (at least 1 ms). */
    public Deadline share(int percent) {
        long left = Math.max(0, endNanos - clock.nanoTime());
        return after(Duration.ofNanos(Math.max(1_000_000, left / 100 * percent)), clock);
    }

    /** Tells the clock that the method enters stage {@code name} (a hook for tests; free otherwise). */
    public void stage(String name) {
        clock.stage(name);
    }

    /** The clock. */
    public Clock clock() {
        return clock;
    }

    /** Real seconds since the deadline was made (reporting only: stop decisions use the clock). */
    public double elapsedSeconds() {
        return (System.nanoTime() - startSystemNanos) / 1e9;
    }

    /** Real time since the deadline was made (reporting only: stop decisions use the clock). */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startSystemNanos);
    }
}
