package io.memsched.arena;

import io.memsched.run.Clock;
import io.memsched.run.Deadline;
import io.memsched.run.ProgressListener;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The knobs every arena planner shares. Start from {@link #defaults()} and copy with {@code withX(..)}; heuristics
 * read only the capacity (to report whether their layout fits).
 *
 * @param timeLimit wall-clock limit of one {@code plan} call (searches only)
 * @param capacityBytes the arena must fit in this many bytes, if given: a search then decides whether any layout
 *     does; without it, searches minimise the arena
 * @param threads worker threads a solver may use
 * @param seed seed of every random choice
 * @param progress receives progress of long searches
 * @param clock the time source of the {@link Deadline} of each call (tests drive their own)
 */
public record ArenaOptions(Duration timeLimit, OptionalLong capacityBytes, int threads, long seed,
                           ProgressListener progress, Clock clock) {

    /** Checks the fields. */
    public ArenaOptions {
        Objects.requireNonNull(timeLimit, "timeLimit");
        Objects.requireNonNull(capacityBytes, "capacityBytes");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(clock, "clock");
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive, was " + timeLimit);
        }
        if (capacityBytes.isPresent() && capacityBytes.getAsLong() < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacityBytes.getAsLong());
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
    }

    /** 10 s, no capacity, one thread, seed 0, no progress, the system clock. */
    public static ArenaOptions defaults() {
        return new ArenaOptions(Duration.ofSeconds(10), OptionalLong.empty(), 1, 0, ProgressListener.NONE,
                Clock.system());
    }

    /** A copy with this time limit. */
    public ArenaOptions withTimeLimit(Duration d) {
        return new ArenaOptions(d, capacityBytes, threads, seed, progress, clock);
    }

    /** A copy that must fit in {@code bytes}. */
    public ArenaOptions withCapacity(long bytes) {
        return new ArenaOptions(timeLimit, OptionalLong.of(bytes), threads, seed, progress, clock);
    }

    /** A copy with this capacity, or none. */
    public ArenaOptions withCapacity(OptionalLong bytes) {
        return new ArenaOptions(timeLimit, bytes, threads, seed, progress, clock);
    }

    /** A copy with this many threads. */
    public ArenaOptions withThreads(int n) {
        return new ArenaOptions(timeLimit, capacityBytes, n, seed, progress, clock);
    }

    /** A copy with this seed. */
    public ArenaOptions withSeed(long s) {
        return new ArenaOptions(timeLimit, capacityBytes, threads, s, progress, clock);
    }

    /** A copy reporting to this listener. */
    public ArenaOptions withProgress(ProgressListener p) {
        return new ArenaOptions(timeLimit, capacityBytes, threads, seed, p, clock);
    }

    /** A copy whose deadlines read this clock. */
    public ArenaOptions withClock(Clock c) {
        return new ArenaOptions(timeLimit, capacityBytes, threads, seed, progress, c);
    }

    /** A deadline {@link #timeLimit()} from now on {@link #clock()}. */
    public Deadline deadline() {
        return Deadline.after(timeLimit, clock);
    }
}
