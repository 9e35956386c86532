package io.memsched.report;

import io.memsched.graph.Graph;
import io.memsched.graph.Sizes;
import io.memsched.io.GraphJson;
import io.memsched.arena.ArenaPlan;
import io.memsched.pass.PassResult;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.SchedulerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import tech.tablesaw.api.Table;

/**
 * A shareable analysis of one graph as one standalone HTML file (inline SVG and CSS, no script, no network). It
 * opens with a summary (graph, method, peak, lower bound and proof, arena, what the passes did), then the graph
 * drawing ({@link GraphView}, collapsed when large), the method comparison (table and chart), the memory timeline
 * of the best result, its largest tensors, an optional fusion table, and what is needed to rerun it (graph name and
 * SHA-256 of its memsched-graph/1 JSON, methods and options, memory model, seed, memsched and Java versions). Long
 * parts (the order, the per-step table, every lifetime) are folded ({@code <details>}).
 * <pre>{@code
 * Report.of(Memsched.compare(graph)).save(Path.of("report.html"));   // or plan.report().save(..)
 * }</pre>
 *
 * @param title the heading
 * @param comparison the methods run on the graph
 * @param fusion a fusion summary table, if fusion ran
 * @param passes the passes applied before scheduling, for the summary (may be empty)
 * @param arena an arena layout of the best order, for the summary
 */
public record Report(String title, Comparison comparison, Optional<Table> fusion, List<PassResult> passes,
                     Optional<ArenaPlan> arena) {
    /** Largest tensors listed unfolded. */
    public static final int LARGEST_TENSORS = 12;

    /** Checks the fields. */
    public Report {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(fusion, "fusion");
        passes = List.copyOf(passes);
        Objects.requireNonNull(arena, "arena");
    }

    /** A report titled after the graph. */
    public static Report of(Comparison comparison) {
        return new Report("memsched report: " + comparison.graph().name(), comparison, Optional.empty(), List.of(),
                Optional.empty());
    }

    /** A copy with this title. */
    public Report withTitle(String newTitle) {
        return new Report(newTitle, comparison, fusion, passes, arena);
    }

    /** A copy with a fusion summary table. */
    public Report withFusion(Table fusionSummary) {
        return new Report(title, comparison, Optional.of(fusionSummary), passes, arena);
    }

    /** A copy whose summary says what these passes did (each pass's name and statistics). */
    public Report withPasses(List<PassResult> applied) {
        return new Report(title, comparison, fusion, applied, arena);
    }

    /** A copy whose summary gives this arena layout of the best order. */
    public Report withArena(ArenaPlan plan) {
        return new Report(title, comparison, fusion, passes, Optional.of(plan));
    }

    /** A copy with the fusion table of {@link Tables#fusion} for {@code fused}. */
    public Report withFusion(io.memsched.pass.PassResult fused) {
        return withFusion(Tables.fusion(fused));
    }

    /** SHA-256 (hex) of the graph's memsched-graph/1 JSON: the same graph always gives the same hash. */
    public static String graphHash(Graph g) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(GraphJson.write(g).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The memsched version of the running jar ({@code dev} when run from classes). */
    public static String memschedVersion() {
        String v = Report.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** What is needed to rerun the analysis, as a two-column table. */
    public Table provenance() {
        Graph g = comparison.graph();
        SchedulerOptions o = comparison.options();
        var key = tech.tablesaw.api.StringColumn.create("item");
        var value = tech.tablesaw.api.StringColumn.create("value");
        add(key, value, "graph", g.name());
        add(key, value, "graph SHA-256", graphHash(g));
        add(key, value, "methods", comparison.results().stream().map(ScheduleResult::method).collect(Collectors.joining(", ")));
        add(key, value, "memory model", o.memoryModel().id());
        add(key, value, "time limit", o.timeLimit().toMillis() / 1000.0 + " s");
        add(key, value, "seed", Long.toString(o.seed()));
        add(key, value, "threads", Integer.toString(o.threads()));
        add(key, value, "state limit", Long.toString(o.stateLimit()));
        add(key, value, "memsched", memschedVersion());
        add(key, value, "Java", System.getProperty("java.vendor", "?") + " " + Runtime.version());
        return Table.create("provenance", key, value);
    }

    private static void add(tech.tablesaw.api.StringColumn k, tech.tablesaw.api.StringColumn v, String key, String value) {
        k.append(key);
        v.append(value);
    }

    /**
     * The summary as a two-column table: graph, method, memory model, peak, lower bound and proof, status and time,
     * the arena when given, and one row per pass with its statistics.
     */
    public Table summary() {
        Graph g = comparison.graph();
        ScheduleResult best = comparison.best();
        var key = tech.tablesaw.api.StringColumn.create("item");
        var value = tech.tablesaw.api.StringColumn.create("value");
        add(key, value, "graph", g.name() + ": " + g.opCount() + " ops, " + g.tensorCount() + " tensors, "
                + Sizes.format(g.totalBytes()) + " of tensors");
        add(key, value, "method", best.method() + (comparison.results().size() > 1
                ? " (lowest peak of " + comparison.results().size() + " methods)" : ""));
        add(key, value, "memory model", best.memoryModel().id());
        add(key, value, "peak", Sizes.format(best.peakBytes()) + " (" + String.format(java.util.Locale.ROOT, "%,d", best.peakBytes()) + " B)");
        add(key, value, "lower bound", Sizes.format(best.lowerBoundBytes()) + " (" + String.format(java.util.Locale.ROOT, "%,d", best.lowerBoundBytes())
                + " B): " + (best.optimal() ? "the peak is optimal" : Tables.proof(best)));
        add(key, value, "status", best.status().name() + String.format(java.util.Locale.ROOT, ", %.3f s", best.seconds()));
        arena.ifPresent(a -> add(key, value, "arena", String.format(java.util.Locale.ROOT, "%s (%s planner), %.3f x the peak%s",
                Sizes.format(a.arenaBytes()), a.planner(), 1 + a.fragmentation(), a.optimal() ? ", optimal" : "")));
        for (PassResult p : passes) {
            add(key, value, "pass " + p.name(), p.stats().toString());
        }
        fusion.ifPresent(t -> add(key, value, "fusion", t.name()));
        return Table.create("summary", key, value);
    }

    /** The report's content as an HTML fragment (for a notebook cell). */
    public String bodyHtml() {
        Graph g = comparison.graph();
        ScheduleResult best = comparison.best();
        var timeline = best.timeline(g);
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"memsched-report\">");
        b.append("<h1>").append(esc(title)).append("</h1>");
        b.append(Tables.html(summary()));
        b.append("<h2>Graph</h2><p>").append(esc(GraphSvg.summary(g))).append("</p>");
        GraphView view = GraphView.of(g);
        b.append("<div>").append(view.svg()).append("</div>");
        if (!view.collapsed().isEmpty()) {
            b.append("<p class=\"note\">Drawn collapsed: ").append(view.collapsed().size())
                    .append(" groups shown as one box each. In Java, <code>GraphView.of(graph).expand(\"")
                    .append(esc(view.collapsed().get(0))).append("\")</code> draws one opened.</p>");
        }
        b.append("<h2>Method comparison</h2>");
        b.append(Tables.html(comparison.table()));
        b.append(comparison.chartSvg());
        b.append("<h2>Memory timeline of the best result (").append(esc(best.method())).append(", peak ")
                .append(esc(Sizes.format(best.peakBytes()))).append(")</h2>");
        b.append("<div>").append(TimelineSvg.stacked(timeline, best.method() + " on " + g.name())).append("</div>");
        b.append(details("Every step (" + timeline.steps().size() + " rows)", Tables.html(Tables.timeline(timeline))));
        b.append("<h2>Tensor lifetimes</h2>");
        Table lifetimes = Tables.lifetimes(timeline).sortDescendingOn("bytes");
        b.append(Tables.html(lifetimes.first(LARGEST_TENSORS).setName("the " + Math.min(LARGEST_TENSORS, lifetimes.rowCount())
                + " largest of " + lifetimes.rowCount() + " tensors")));
        b.append(details("Every tensor lifetime (" + lifetimes.rowCount() + " rows)", Tables.html(Tables.lifetimes(timeline))));
        fusion.ifPresent(t -> b.append("<h2>Fusion summary</h2>").append(details(t.name() + " (" + t.rowCount() + " fused operators)",
                Tables.html(t))));
        b.append("<h2>Reproduce</h2>");
        b.append(Tables.html(provenance()));
        b.append(details("Order of the best result (" + best.schedule().size() + " operators)",
                "<ol class=\"order\">" + best.schedule().opNames().stream().map(o -> "<li><code>" + esc(o) + "</code></li>")
                        .collect(Collectors.joining()) + "</ol>"));
        b.append("</div>");
        return b.toString();
    }

    private static String details(String summary, String body) {
        return "<details><summary>" + esc(summary) + "</summary>" + body + "</details>";
    }

    /** The standalone HTML document. */
    public String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>"
                + "<style>body{font-family:Helvetica,Arial,sans-serif;margin:2em;max-width:1100px}"
                + "table{margin:0.5em 0 1.5em 0;font-size:13px}tr:nth-child(even){background:#f4f4f4}"
                + "code{word-break:break-all}details{margin:0.5em 0 1em 0}summary{cursor:pointer;color:#235}"
                + "ol.order{columns:3 22em;font-size:12px}.note{color:#555;font-size:13px}"
                + "svg{max-width:100%;height:auto}</style></head><body>\n" + bodyHtml() + "\n</body></html>\n";
    }

    /** Writes {@link #html()} to {@code file}; an {@link UncheckedIOException} naming the file otherwise. */
    public Path save(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, html(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + file + ": " + e.getMessage(), e);
        }
    }

    /** One line: title, methods, best. */
    @Override
    public String toString() {
        return title + " (" + comparison.results().size() + " methods, best " + comparison.best() + ")";
    }

    private static String esc(String s) {
        return Svg.esc(s);
    }

}
