package io.memsched.report;

import io.memsched.graph.Graph;
import io.memsched.graph.Sizes;
import io.memsched.io.GraphJson;
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
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import tech.tablesaw.api.Table;

/**
 * A shareable analysis of one graph as one standalone HTML file (inline SVG and CSS, no script, no network): the
 * graph summary and drawing, the method comparison (table and chart), the memory timeline and tensor lifetimes of
 * the best result, an optional fusion summary, and what is needed to rerun it (graph name and SHA-256 of its
 * memsched-graph/1 JSON, methods and options, memory model, seed, memsched and Java versions).
 * <pre>{@code
 * Report.of(Memsched.compare(graph)).save(Path.of("report.html"));   // or plan.report().save(..)
 * }</pre>
 *
 * @param title the heading
 * @param comparison the methods run on the graph
 * @param fusion a fusion summary table, if fusion ran
 */
public record Report(String title, Comparison comparison, Optional<Table> fusion) {
    /** Graphs above this many operators are summarised but not drawn. */
    public static final int MAX_DRAWN_OPS = 400;

    /** Checks the fields. */
    public Report {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(fusion, "fusion");
    }

    /** A report titled after the graph. */
    public static Report of(Comparison comparison) {
        return new Report("memsched report: " + comparison.graph().name(), comparison, Optional.empty());
    }

    /** A copy with this title. */
    public Report withTitle(String newTitle) {
        return new Report(newTitle, comparison, fusion);
    }

    /** A copy with a fusion summary table. */
    public Report withFusion(Table fusionSummary) {
        return new Report(title, comparison, Optional.of(fusionSummary));
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

    /** The report's content as an HTML fragment (for a notebook cell). */
    public String bodyHtml() {
        Graph g = comparison.graph();
        ScheduleResult best = comparison.best();
        var timeline = best.timeline(g);
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"memsched-report\">");
        b.append("<h1>").append(esc(title)).append("</h1>");
        b.append("<h2>Graph</h2><p>").append(esc(GraphSvg.summary(g))).append("</p>");
        if (g.opCount() <= MAX_DRAWN_OPS) {
            b.append("<div>").append(GraphSvg.render(g)).append("</div>");
        } else {
            b.append("<p><i>").append(g.opCount()).append(" operators: too many to draw.</i></p>");
        }
        b.append("<h2>Method comparison</h2>");
        b.append(comparison.html());
        b.append("<h2>Memory timeline of the best result (").append(esc(best.method())).append(", peak ")
                .append(esc(Sizes.format(best.peakBytes()))).append(")</h2>");
        b.append("<div>").append(TimelineSvg.stacked(timeline, best.method() + " on " + g.name())).append("</div>");
        b.append(Tables.html(Tables.timeline(timeline), 500));
        b.append("<h2>Tensor lifetimes</h2>");
        b.append(Tables.html(Tables.lifetimes(timeline), 500));
        fusion.ifPresent(t -> b.append("<h2>Fusion summary</h2>").append(Tables.html(t)));
        b.append("<h2>Reproduce</h2>");
        b.append(Tables.html(provenance()));
        b.append("<p>Order of the best result: <code>").append(esc(String.join(" ", best.schedule().opNames())))
                .append("</code></p>");
        b.append("</div>");
        return b.toString();
    }

    /** The standalone HTML document. */
    public String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>"
                + "<style>body{font-family:Helvetica,Arial,sans-serif;margin:2em;max-width:1100px}"
                + "table{margin:0.5em 0 1.5em 0;font-size:13px}tr:nth-child(even){background:#f4f4f4}"
                + "code{word-break:break-all}</style></head><body>\n" + bodyHtml() + "\n</body></html>\n";
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
