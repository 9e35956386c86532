package io.memsched.cli;

import io.memsched.arena.ArenaOptions;
import io.memsched.arena.ArenaPlan;
import io.memsched.arena.ArenaProblem;
import io.memsched.arena.ArenaProblems;
import io.memsched.arena.MiniMallocCsv;
import io.memsched.registry.Registry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code memsched bench --arena}: the arena planners on MiniMalloc's problems (every CSV file of a directory, with
 * the capacity in the file name, else 1 MiB) and on generated large problems ({@link ArenaProblems#generated} with
 * 20,000, 40,000 and 60,000 buffers), one row per problem and planner.
 */
final class ArenaBench {
    /** Planners run on the MiniMalloc problems. */
    static final List<String> SUITE_PLANNERS = List.of("greedy", "bestfit", "contention", "exact");
    /** Planners run on the generated large problems (no exact search at that size). */
    static final List<String> LARGE_PLANNERS = List.of("greedy", "bestfit", "contention");
    /** Buffers of the generated problems. */
    static final List<Integer> LARGE_SIZES = List.of(20_000, 40_000, 60_000);
    /** The capacity of a MiniMalloc file whose name gives none. */
    static final long DEFAULT_CAPACITY = 1L << 20;

    /** One problem to run: its name, how to make it, the capacity planners are given, the planners. */
    record Problem(String name, Supplier<ArenaProblem> problem, OptionalLong capacity, List<String> planners) {
    }

    private ArenaBench() {
    }

    /** The CSV files of {@code dir} (sorted; none when it is missing), then the generated problems of {@code seed}. */
    static List<Problem> problems(Path dir, long seed) {
        List<Problem> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")).sorted()
                        .forEach(p -> {
                            OptionalLong cap = MiniMallocCsv.capacityInName(p);
                            out.add(new Problem(p.getFileName().toString().replaceFirst("(?i)\\.csv$", ""),
                                    () -> MiniMallocCsv.read(p), OptionalLong.of(cap.orElse(DEFAULT_CAPACITY)),
                                    SUITE_PLANNERS));
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (int n : LARGE_SIZES) {
            out.add(new Problem("generated-" + n + "-s" + seed, () -> ArenaProblems.generated(n, seed),
                    OptionalLong.empty(), LARGE_PLANNERS));
        }
        return out;
    }

    /**
     * Runs every planner of every problem with {@code base} (plus the problem's capacity) and returns the finished
     * plans; stops at a Ctrl-C ({@code signal}), dropping the run it cut short. {@code afterRow} is called after
     * each finished row (tests deliver the signal through it).
     */
    static List<ArenaPlan> run(List<Problem> problems, ArenaOptions base, InterruptOnSignal signal,
                               PrintWriter err, java.util.function.Consumer<InterruptOnSignal> afterRow) {
        List<ArenaPlan> plans = new ArrayList<>();
        all:
        for (Problem pr : problems) {
            if (signal.stopRequested()) {
                break;
            }
            ArenaProblem p = pr.problem().get();
            ArenaOptions o = base.withCapacity(pr.capacity());
            for (String id : pr.planners()) {
                if (signal.stopRequested()) {
                    break all;
                }
                ArenaPlan plan = Registry.arenaPlanners().create(id, o).plan(p);
                if (signal.stopRequested()) {
                    break all; // cut short: not a finished row
                }
                plans.add(plan);
                err.printf(Locale.ROOT, "bench --arena %s (%d buffers) %s: %d B, %.4f x load bound, %s, %.2f s%n",
                        p.name(), p.buffers().size(), id, plan.arenaBytes(), p.loadBoundBytes() == 0 ? 1.0
                                : plan.arenaBytes() / (double) p.loadBoundBytes(), plan.status(),
                        plan.elapsed().toNanos() / 1e9);
                err.flush();
                afterRow.accept(signal);
            }
        }
        return plans;
    }
}
