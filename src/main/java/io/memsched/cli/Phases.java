package io.memsched.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Start-up timers of a CLI run, for finding where a short run's time goes: with the environment variable
 * {@value #ENV} set (or the system property {@code memsched.times=true}), each {@link #mark} records the end of a
 * phase, and {@link #print} writes every phase to stderr with its seconds since the JVM started and its own length.
 * Off by default, and then free (no clock read, no class loaded).
 */
final class Phases {
    /** The environment variable that turns the timers on. */
    static final String ENV = "MEMSCHED_TIMES";
    private static final boolean ON = System.getenv(ENV) != null || Boolean.getBoolean("memsched.times");
    private static final List<String> NAMES = new ArrayList<>();
    private static final List<Long> NANOS = new ArrayList<>();

    private Phases() {
    }

    /** Whether the timers are on. */
    static boolean on() {
        return ON;
    }

    /** Records the end of {@code phase}. */
    static synchronized void mark(String phase) {
        if (ON) {
            NANOS.add(System.nanoTime());
            NAMES.add(phase);
        }
    }

    /** Prints the phases recorded so far (the JVM's start is read only now, so it does not slow the phases). */
    static synchronized void print(PrintStream err) {
        if (!ON || NANOS.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        long start = now - java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
        long last = start;
        for (int i = 0; i < NANOS.size(); i++) {
            err.printf(Locale.ROOT, "memsched: time %-22s %7.3f s since JVM start, +%6.3f s%n", NAMES.get(i),
                    (NANOS.get(i) - start) / 1e9, (NANOS.get(i) - last) / 1e9);
            last = NANOS.get(i);
        }
    }
}
