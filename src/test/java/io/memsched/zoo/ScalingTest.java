package io.memsched.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.io.GraphJson;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.run.Clock;
import io.memsched.run.Status;
import io.memsched.schedule.DpScheduler;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.Scheduler;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.registry.Registry;
import io.memsched.testing.TestClock;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scale (issue 8): very large generated graphs load (JSON round trip), simulate and schedule with every heuristic and
 * with {@code dp} and {@code best} (when registered) under a time limit. The default run checks 10,000 operators; the slow run
 * measures the curve up to 100,000 operators and writes it to {@code target/scaling.md}:
 * {@code mvn -B -o test -DexcludedGroups=none -Dgroups=slow -Dtest=ScalingTest}.
 */
class ScalingTest {
    /** Heuristics, dp (registered or not) and the time-limited pipeline, in the order of the table. */
    static Map<String, Function<SchedulerOptions, Scheduler>> methods() {
        Map<String, Function<SchedulerOptions, Scheduler>> m = new LinkedHashMap<>();
        for (String id : List.of("program", "rpo", "greedy", "dp", "best")) {
            if (Registry.schedulers().ids().contains(id)) {
                m.put(id, o -> Registry.scheduler(id, o));
            } else if (id.equals("dp")) {
                m.put(id, DpScheduler::new);
            }
        }
        return m;
    }

    record Phase(String name, double seconds, long peakHeapBytes, String note) {
    }

    /** Runs {@code work}, timing it and recording the peak heap it reached (heap pools' peak after a GC). */
    static <T> T measure(String name, List<Phase> phases, Supplier<T> work) {
        System.gc();
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        T result = work.get();
        double s = (System.nanoTime() - start) / 1e9;
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        phases.add(new Phase(name, s, peak, result instanceof ScheduleResult r ? r.status() + ", peak "
                + io.memsched.graph.Sizes.format(r.peakBytes()) : ""));
        return result;
    }

    /**
     * Every phase on one generated graph; asserts validity along the way, and either the time limit on the wall
     * clock ({@code timed}, for a quiet machine) or, without timing, that each search stops at the poll after its
     * deadline passes (a test clock that expires at the third poll).
     */
    static List<Phase> exercise(Supplier<Graph> generator, Duration limit, boolean timed) {
        List<Phase> phases = new ArrayList<>();
        Graph g = measure("generate", phases, generator);
        String json = measure("write JSON", phases, () -> GraphJson.write(g));
        Graph back = measure("read JSON", phases, () -> GraphJson.parse(json, "scale"));
        assertEquals(g, back);
        int[] program = java.util.stream.IntStream.range(0, g.opCount()).toArray();
        long peak = measure("simulate", phases, () -> MemorySimulator.peak(g, MemoryModel.DEFAULT, program));
        assertTrue(peak > 0);
        for (var e : methods().entrySet()) {
            String m = e.getKey();
            TestClock clock = TestClock.expiringAtPoll(3);
            SchedulerOptions o = SchedulerOptions.defaults().withTimeLimit(limit).withThreads(2)
                    .withClock(timed ? Clock.system() : clock);
            ScheduleResult r = measure(m, phases, () -> e.getValue().apply(o).schedule(g));
            assertEquals(MemorySimulator.peak(g, MemoryModel.DEFAULT, r.schedule().indicesIn(g)), r.peakBytes());
            if (!timed) {
                if (clock.triggered()) {
                    assertEquals(Status.TIME_LIMIT, r.status(), m + ": " + clock);
                    assertTrue(clock.pollsAfterTrigger() <= 16, m + ": " + clock);
                } else {
                    // a one-pass heuristic (never polls) or a search that refused the graph before searching
                    assertTrue(r.status() != Status.TIME_LIMIT && r.status() != Status.INTERRUPTED, m + ": " + r);
                }
                continue;
            }
            double allowed = limit.toNanos() / 1e9 * 1.1 + 5;
            assertTrue(phases.get(phases.size() - 1).seconds() <= allowed, m + " took "
                    + phases.get(phases.size() - 1).seconds() + " s with a limit of " + limit);
        }
        return phases;
    }

    @Test
    void tenThousandOperatorsLoadSimulateAndSchedule() {
        for (Supplier<Graph> gen : List.<Supplier<Graph>>of(() -> LargeGraphs.randomlyWired(10_000, 3),
                () -> LargeGraphs.multiScale(10_000, 3))) {
            exercise(gen, Duration.ofSeconds(2), false);
        }
    }

    /** The wall-clock budgets of the same phases, for a quiet machine (excluded by default). */
    @Test
    @Tag("slow")
    void tenThousandOperatorsWithinWallClockBudgets() {
        for (Supplier<Graph> gen : List.<Supplier<Graph>>of(() -> LargeGraphs.randomlyWired(10_000, 3),
                () -> LargeGraphs.multiScale(10_000, 3))) {
            List<Phase> phases = exercise(gen, Duration.ofSeconds(2), true);
            for (Phase p : phases) {
                if (!p.name().equals("best") && !p.name().equals("dp")) {
                    assertTrue(p.seconds() < 5, p.toString());
                }
            }
        }
    }

    @Test
    void generatorsAreDeterministicAndNearTheirTarget() {
        assertEquals(LargeGraphs.randomlyWired(2_000, 5), LargeGraphs.randomlyWired(2_000, 5));
        assertEquals(LargeGraphs.multiScale(2_000, 5), LargeGraphs.multiScale(2_000, 5));
        for (int target : new int[] {1_000, 10_000}) {
            int rw = LargeGraphs.randomlyWired(target, 1).opCount();
            int ms = LargeGraphs.multiScale(target, 1).opCount();
            assertTrue(Math.abs(rw - target) < target * 0.15, "randwire " + rw);
            assertTrue(Math.abs(ms - target) < target * 0.05, "multiscale " + ms);
        }
    }

    @Test
    @Tag("slow")
    void scalingCurve() throws IOException {
        StringBuilder md = new StringBuilder("| graph | ops | phase | seconds | peak heap (MB) | result |\n"
                + "|---|---:|---|---:|---:|---|\n");
        for (int n : new int[] {1_000, 3_000, 10_000, 30_000, 100_000}) {
            for (String family : List.of("randwire", "multiscale")) {
                Supplier<Graph> gen = family.equals("randwire") ? () -> LargeGraphs.randomlyWired(n, 1)
                        : () -> LargeGraphs.multiScale(n, 1);
                int ops = gen.get().opCount();
                for (Phase p : exercise(gen, Duration.ofSeconds(10), true)) {
                    md.append(String.format(Locale.ROOT, "| %s | %d | %s | %.3f | %.0f | %s |%n", family, ops,
                            p.name(), p.seconds(), p.peakHeapBytes() / 1048576.0, p.note()));
                }
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "scaling.md"), md);
    }
}
