package io.memsched.cli;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Start-up timers of a CLI run, for finding where a short run's time goes: with the environment variable
 * {@value #ENV} set (or the system property {@code memsched.times=true}), each {@link #mark} records the end of a
 * phase, and {@link #print} writes every phase to stderr with its seconds since the JVM started, its own length and,
 * on Linux, the CPU seconds the whole process spent in it (all threads: JIT compilers and GC included), then the CPU
 * seconds of the run by thread kind. Off by default, and then free (no clock read, no class loaded).
 */
final class Phases {
    /** The environment variable that turns the timers on. */
    static final String ENV = "MEMSCHED_TIMES";
    private static final boolean ON = System.getenv(ENV) != null || Boolean.getBoolean("memsched.times");
    /** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on every Linux we run on). */
    private static final double TICKS = 100;
    private static final List<String> NAMES = new ArrayList<>();
    private static final List<Long> NANOS = new ArrayList<>();
    private static final List<Long> CPU_TICKS = new ArrayList<>();

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
            CPU_TICKS.add(cpuTicks(Path.of("/proc/self/stat")));
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
        long lastCpu = 0;
        for (int i = 0; i < NANOS.size(); i++) {
            long cpu = CPU_TICKS.get(i);
            err.printf(Locale.ROOT, "memsched: time %-22s %7.3f s since JVM start, +%6.3f s, cpu +%5.2f s%n",
                    NAMES.get(i), (NANOS.get(i) - start) / 1e9, (NANOS.get(i) - last) / 1e9,
                    cpu < 0 ? Double.NaN : (cpu - lastCpu) / TICKS);
            last = NANOS.get(i);
            lastCpu = cpu;
        }
        Map<String, Long> byKind = threadTicks();
        if (!byKind.isEmpty()) {
            StringBuilder line = new StringBuilder("memsched: cpu by thread");
            byKind.forEach((kind, ticks) -> line.append(String.format(Locale.ROOT, " %s %.2f s;", kind, ticks / TICKS)));
            err.println(line);
        }
    }

    /** User plus system clock ticks in a /proc {@code stat} file, -1 when it cannot be read (not Linux). */
    private static long cpuTicks(Path stat) {
        try (FileInputStream in = new FileInputStream(stat.toFile())) {
            String s = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            // fields after the command name, which is in parentheses and may hold spaces: state is field 3
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU ticks of this process's threads so far, by thread kind (the name without digits), most first. */
    private static Map<String, Long> threadTicks() {
        Map<String, Long> ticks = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                long t = cpuTicks(task.resolve("stat"));
                if (t > 0) {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII).strip()
                            .replaceAll("[0-9]+", "#");
                    ticks.merge(name, t, Long::sum);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return ticks;
    }
}
