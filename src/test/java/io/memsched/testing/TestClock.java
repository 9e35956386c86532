package io.memsched.testing;

import io.memsched.run.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Clock} a test drives, with no timing: its time stands still until a trigger, at the N-th poll of a
 * deadline, when a named stage is entered, or at the N-th poll after a stage was entered, and then either expires
 * every deadline or interrupts the polling thread. A test may also move its time forward ({@link #advance}).
 *
 * <p>Expiry: from the trigger on, every read of the time moves it one day forward, so every deadline made before the
 * trigger, and every one made after it with a limit of at most a day, is past at its next poll (tests use limits
 * below a day). Until the trigger, a deadline's {@code remaining()} is its whole limit, which is what a solver with a
 * wall-clock limit of its own gets; a test keeps that limit short.
 *
 * <p>Interrupt: the thread that polls (or enters the stage) interrupts itself; time stands still.
 *
 * <p>It records the stages entered, the polls, and the polls after the trigger: "stops at its next poll after
 * expiry" means few polls after the trigger (each stage still to come checks once) and a return.
 */
public final class TestClock implements Clock {
    private static final long DAY_NANOS = 86_400L * 1_000_000_000L;

    private enum Action { EXPIRE, INTERRUPT, NONE }

    private final Action action;
    private final long atPoll;
    private final String atStage;
    /** With a stage: the trigger is the {@code atPoll}-th poll after the stage is first entered (0: the entry). */
    private long stagePolls = -1;
    private long now;
    private long polls;
    private long pollsAfterTrigger;
    private boolean triggered;
    private Thread triggerThread;
    private final List<String> stages = new ArrayList<>();

    private TestClock(Action action, long atPoll, String atStage) {
        this.action = action;
        this.atPoll = atPoll;
        this.atStage = atStage;
    }

    /** Time stands still: never expires, only records. */
    public static TestClock frozen() {
        return new TestClock(Action.NONE, 0, null);
    }

    /** Expires at the {@code n}-th poll (1 = the first). */
    public static TestClock expiringAtPoll(long n) {
        return new TestClock(Action.EXPIRE, positive(n), null);
    }

    /** Expires when stage {@code name} is first entered. */
    public static TestClock expiringAtStage(String name) {
        return new TestClock(Action.EXPIRE, 0, Objects.requireNonNull(name, "name"));
    }

    /** Interrupts the polling thread at the {@code n}-th poll (1 = the first). */
    public static TestClock interruptingAtPoll(long n) {
        return new TestClock(Action.INTERRUPT, positive(n), null);
    }

    /** Interrupts the thread that first enters stage {@code name}. */
    public static TestClock interruptingAtStage(String name) {
        return new TestClock(Action.INTERRUPT, 0, Objects.requireNonNull(name, "name"));
    }

    private static long positive(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("poll number must be at least 1, was " + n);
        }
        return n;
    }

    @Override
    public synchronized long nanoTime() {
        if (triggered && action == Action.EXPIRE) {
            now += DAY_NANOS;
        }
        return now;
    }

    /**
     * Expires at the {@code n}-th poll after stage {@code name} is first entered (1 = the first poll after it):
     * stops a method inside the work of that stage.
     */
    public static TestClock expiringAtPollAfterStage(String name, long n) {
        return new TestClock(Action.EXPIRE, positive(n), Objects.requireNonNull(name, "name"));
    }

    /** Interrupts the thread of the {@code n}-th poll after stage {@code name} is first entered. */
    public static TestClock interruptingAtPollAfterStage(String name, long n) {
        return new TestClock(Action.INTERRUPT, positive(n), Objects.requireNonNull(name, "name"));
    }

    /** Moves the time forward by {@code d} (a test's stand-in for time something really waited). */
    public synchronized void advance(java.time.Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + d);
        }
        now += d.toNanos();
    }

    @Override
    public synchronized void poll() {
        polls++;
        if (stagePolls >= 0) {
            stagePolls++;
        }
        if (triggered) {
            pollsAfterTrigger++;
        } else if (atStage == null && atPoll > 0 && polls == atPoll
                || atStage != null && atPoll > 0 && stagePolls == atPoll) {
            trigger();
        }
    }

    @Override
    public synchronized void stage(String name) {
        stages.add(name);
        if (name.equals(atStage) && stagePolls < 0) {
            stagePolls = 0;
            if (!triggered && atPoll == 0) {
                trigger();
            }
        }
    }

    private void trigger() {
        triggered = true;
        triggerThread = Thread.currentThread();
        if (action == Action.INTERRUPT) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the trigger (poll or stage) was reached. */
    public synchronized boolean triggered() {
        return triggered;
    }

    /** The thread that reached the trigger, or null. */
    public synchronized Thread triggerThread() {
        return triggerThread;
    }

    /** Polls so far. */
    public synchronized long polls() {
        return polls;
    }

    /** Polls after the one (or the stage) that triggered. */
    public synchronized long pollsAfterTrigger() {
        return pollsAfterTrigger;
    }

    /** The stages entered, in order. */
    public synchronized List<String> stages() {
        return List.copyOf(stages);
    }

    @Override
    public synchronized String toString() {
        String at = atStage == null ? "poll " + atPoll
                : atPoll == 0 ? "stage " + atStage : "poll " + atPoll + " after stage " + atStage;
        String what = action == Action.NONE ? "frozen clock"
                : (action == Action.EXPIRE ? "expiring" : "interrupting") + " at " + at;
        return what + " (" + polls + " polls, " + pollsAfterTrigger + " after the trigger, stages " + stages + ")";
    }
}
