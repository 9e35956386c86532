package io.memsched.cli;

import io.memsched.graph.BadInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memsched.graph.Graph;
import io.memsched.graph.Sizes;
import io.memsched.arena.ArenaOptions;
import io.memsched.arena.ArenaPlan;
import io.memsched.registry.Registry;
import io.memsched.memory.MemoryModel;
import io.memsched.rewrite.RewriteResult;
import io.memsched.rewrite.SerenityRewrites;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.Scheduler;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --rewrite} and {@code --arena} of {@code schedule}: graph rewrites before scheduling, offsets after. */
final class LayoutOptions {
    @Option(names = "--rewrite", paramLabel = "R",
            description = "Rewrite the graph before scheduling: none, serenity (channel-wise and kernel-wise "
                    + "partitioning of concats where it cannot raise the optimal peak under the memory model) or "
                    + "serenity-all (wherever the pattern matches); also schedules the original to report the peak "
                    + "without.",
            defaultValue = "none")
    String rewrite;

    @Option(names = "--arena", paramLabel = "P",
            description = "Plan tensor offsets in one arena for the order found: greedy, bestfit, exact (canonical "
                    + "search, bounded by --time-limit) or cpsat; adds \"arena\" and \"offsets\" to the JSON.")
    String arena;

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

    /** The arena plan of {@code result} on {@code graph}, when {@code --arena} is given. */
    Optional<ArenaPlan> arena(Graph graph, ScheduleResult result, Duration timeLimit) {
        if (arena == null) {
            return Optional.empty();
        }
        return Optional.of(Registry.arenaPlanners().create(arena, ArenaOptions.defaults().withTimeLimit(timeLimit)).plan(graph, result.memoryModel(),
                result.schedule().indicesIn(graph)));
    }

    /** Adds {@code rewrite} and {@code arena} fields to a result's JSON object. */
    void addJson(ObjectNode o, Outcome outcome, Optional<ArenaPlan> plan) {
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
            o.put("fragmentation", Math.round(p.fragmentation() * 1e6) / 1e6);
            ObjectNode offs = o.putObject("offsets");
            for (Map.Entry<String, Long> e : p.tensorOffsets().entrySet()) {
                offs.put(e.getKey(), e.getValue());
            }
        });
    }

    /** Prints the extras as indented text lines. */
    void printText(PrintWriter out, Outcome outcome, Optional<ArenaPlan> plan) {
        outcome.rewrite().ifPresent(r -> {
            out.println("  rewrite " + rewrite + ": " + r.stats().applied() + " applied, " + r.stats().skipped()
                    + " skipped, ops " + r.stats().opsBefore() + " -> " + r.stats().opsAfter());
            outcome.withoutRewrite().ifPresent(s -> out.println("  peak without rewrites: "
                    + Sizes.format(s.peakBytes()) + " (" + s.peakBytes() + " B)" + (s.optimal() ? ", optimal" : "")));
            r.skipped().forEach(s -> out.println("    skipped at " + s.anchor() + ": " + s.reason()));
        });
        plan.ifPresent(p -> out.println(String.format(Locale.ROOT,
                "  arena (%s): %s (%d B), fragmentation %.3f%s", p.planner(), Sizes.format(p.arenaBytes()),
                p.arenaBytes(), p.fragmentation(), p.optimal() ? ", optimal" : "")));
    }
}
