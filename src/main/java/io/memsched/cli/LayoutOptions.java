package io.memsched.cli;

import io.memsched.graph.BadInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memsched.graph.Graph;
import io.memsched.graph.Sizes;
import io.memsched.ArenaObjective;
import io.memsched.Objective;
import io.memsched.arena.ArenaOptions;
import io.memsched.arena.ArenaOrderChoice;
import io.memsched.arena.ArenaPlan;
import io.memsched.registry.Registry;
import io.memsched.memory.MemoryModel;
import io.memsched.rewrite.RewriteResult;
import io.memsched.rewrite.SerenityRewrites;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.Scheduler;
import io.memsched.schedule.SchedulerOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --rewrite}, {@code --arena}, {@code --objective} and {@code --peak-tolerance} of {@code schedule}: graph
 * rewrites before scheduling, the order chosen for the arena and offsets after.
 */
final class LayoutOptions {
    @Option(names = "--rewrite", paramLabel = "R",
            description = "Rewrite the graph before scheduling: none, serenity (channel-wise and kernel-wise "
                    + "partitioning of concats where it cannot raise the optimal peak under the memory model) or "
                    + "serenity-all (wherever the pattern matches); also schedules the original to report the peak "
                    + "without.",
            defaultValue = "none")
    String rewrite;

    @Option(names = "--arena", paramLabel = "P",
            description = "Plan tensor offsets in one arena for the order found: greedy, bestfit, contention, exact "
                    + "(canonical search, bounded by --time-limit) or cpsat; adds \"arena\" and \"offsets\" to the JSON.")
    String arena;

    @Option(names = "--objective", paramLabel = "O",
            description = "peak (default): the method's order; arena: among the orders whose peak is within "
                    + "--peak-tolerance of the method's, the one with the smallest arena (every order placed greedily, "
                    + "the best few by the --arena planner, exact if none is given; a time limit of its own, "
                    + "--time-limit); adds \"arenaSearch\" to the JSON.",
            defaultValue = "peak")
    String objective;

    @Option(names = "--peak-tolerance", paramLabel = "F",
            description = "With --objective arena: how far above the method's peak an order may go, as a fraction "
                    + "(default: ${DEFAULT-VALUE}, only orders of the same peak; 0.05 allows 5 %%).",
            defaultValue = "0")
    double peakTolerance;

    /** What the extras did for one graph. */
    record Outcome(Graph graph, Optional<RewriteResult> rewrite, Optional<ScheduleResult> withoutRewrite) {
    }

    /** Checks the option values before any graph is read. */
    void validate() {
        if (!List.of("none", "serenity", "serenity-all").contains(rewrite)) {
            throw new BadInputException("unknown --rewrite '" + rewrite
                    + "' (use none, serenity or serenity-all)");
        }
        if (arena != null) {
            Registry.arenaPlanner(arena);
        }
        if (!(peakTolerance >= 0) || Double.isInfinite(peakTolerance)) {
            throw new BadInputException("--peak-tolerance must be a fraction of at least 0 (0.05 = 5 %), was "
                    + peakTolerance);
        }
        if (Objective.of(objective) == Objective.PEAK && peakTolerance != 0) {
            throw new BadInputException("--peak-tolerance " + peakTolerance + " needs --objective arena");
        }
    }

    /**
     * The order and layout of one graph: the method's result and, with {@code --arena}, its layout; with
     * {@code --objective arena}, the chosen order (as a result of the same method), its layout and the search.
     */
    record Layout(ScheduleResult result, Optional<ArenaPlan> plan, Optional<ArenaOrderChoice> choice) {
    }

    /** Applies the rewrite (when asked) and schedules the original as well, for the comparison. */
    Outcome rewrite(Graph g, MemoryModel model, Scheduler scheduler) {
        if (rewrite.equals("none")) {
            return new Outcome(g, Optional.empty(), Optional.empty());
        }
        RewriteResult r = SerenityRewrites.apply(g, SerenityRewrites.Options.defaults().withMemoryModel(model)
                .withOnlyIfNoWorse(rewrite.equals("serenity")));
        return new Outcome(r.graph(), Optional.of(r), Optional.of(scheduler.schedule(g)));
    }

    /**
     * The layout of {@code result}'s order on {@code graph} when {@code --arena} is given (within the time limit), or
     * with {@code --objective arena} the order chosen for the smallest arena and its layout.
     */
    Layout layout(Graph graph, ScheduleResult result, SchedulerOptions options) {
        if (Objective.of(objective) == Objective.ARENA) {
            ArenaObjective.Outcome o = ArenaObjective.choose(graph, result, options, arena == null ? "exact" : arena,
                    peakTolerance);
            return new Layout(o.result(), Optional.of(o.choice().plan()), Optional.of(o.choice()));
        }
        if (arena == null) {
            return new Layout(result, Optional.empty(), Optional.empty());
        }
        ArenaOptions o = ArenaOptions.defaults().withTimeLimit(options.timeLimit()).withSeed(options.seed())
                .withThreads(options.threads()).withClock(options.clock()).withProgress(options.progress());
        return new Layout(result, Optional.of(Registry.arenaPlanners().create(arena, o).plan(graph,
                result.memoryModel(), result.schedule().indicesIn(graph))), Optional.empty());
    }

    /** Adds {@code rewrite}, {@code arena} and {@code arenaSearch} fields to a result's JSON object. */
    void addJson(ObjectNode o, Outcome outcome, Layout layout) {
        Optional<ArenaPlan> plan = layout.plan();
        outcome.rewrite().ifPresent(r -> {
            ObjectNode w = o.putObject("rewrite");
            w.put("rules", rewrite);
            w.setAll((ObjectNode) JsonOutput.MAPPER.valueToTree(r.stats()));
            outcome.withoutRewrite().ifPresent(s -> {
                w.put("peakWithout", s.peakBytes());
                w.put("optimalWithout", s.optimal());
            });
        });
        plan.ifPresent(p -> {
            o.put("arena", p.arenaBytes());
            o.put("arenaPlanner", p.planner());
            o.put("arenaOptimal", p.optimal());
            o.put("arenaLowerBound", p.lowerBoundBytes());
            o.put("arenaStatus", p.status().name());
            o.put("fragmentation", Math.round(p.fragmentation() * 1e6) / 1e6);
            ObjectNode offs = o.putObject("offsets");
            for (Map.Entry<String, Long> e : p.tensorOffsets().entrySet()) {
                offs.put(e.getKey(), e.getValue());
            }
        });
        layout.choice().ifPresent(c -> {
            o.put("objective", Objective.ARENA.id());
            ObjectNode s = o.putObject("arenaSearch");
            s.put("peakTolerance", peakTolerance);
            s.put("peakLimit", c.peakLimitBytes());
            s.put("startPeak", c.startPeakBytes());
            s.put("startArena", c.startArenaBytes());
            s.put("proven", c.proven());
            s.put("proof", c.proof().name());
            s.put("status", c.status().name());
            s.put("ordersTried", c.ordersTried());
            s.put("ordersPlanned", c.ordersPlanned());
            s.put("exhaustive", c.exhaustive());
        });
    }

    /** Prints the extras as indented text lines. */
    void printText(PrintWriter out, Outcome outcome, Layout layout) {
        outcome.rewrite().ifPresent(r -> {
            out.println("  rewrite " + rewrite + ": " + r.stats().applied() + " applied, " + r.stats().skipped()
                    + " skipped, ops " + r.stats().opsBefore() + " -> " + r.stats().opsAfter());
            outcome.withoutRewrite().ifPresent(s -> out.println("  peak without rewrites: "
                    + Sizes.format(s.peakBytes()) + " (" + s.peakBytes() + " B)" + (s.optimal() ? ", optimal" : "")));
            r.skipped().forEach(s -> out.println("    skipped at " + s.anchor() + ": " + s.reason()));
        });
        layout.plan().ifPresent(p -> out.println(String.format(Locale.ROOT,
                "  arena (%s): %s (%d B) for a peak of %s, fragmentation %.3f, %s", p.planner(),
                Sizes.format(p.arenaBytes()), p.arenaBytes(), Sizes.format(p.peakBytes()), p.fragmentation(),
                p.optimal() ? "minimal for this order" : "not proven minimal for this order (" + p.status() + ")")));
        layout.choice().ifPresent(c -> out.println(String.format(Locale.ROOT,
                "  objective arena: peak %s within the limit %s (tolerance %s), arena %s vs %s for the method's "
                        + "order; %s; %d orders tried, %d placed%s", Sizes.format(c.peakBytes()),
                Sizes.format(c.peakLimitBytes()), peakTolerance, Sizes.format(c.arenaBytes()),
                Sizes.format(c.startArenaBytes()), switch (c.proof()) {
                    case AT_PEAK_BOUND -> "proven smallest over every order (arena = peak lower bound)";
                    case EXHAUSTIVE -> "proven smallest within the limit (every order enumerated)";
                    case NONE -> "not proven (" + c.status() + ")";
                }, c.ordersTried(), c.ordersPlanned(), c.exhaustive() ? ", all orders enumerated" : "")));
    }
}
