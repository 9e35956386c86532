package io.memsched.report;

import io.memsched.graph.Graph;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.SchedulerOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * Several methods run on one graph with the same options: the results, their table and their bar chart.
 * <pre>{@code
 * Comparison c = Memsched.compare(graph, "rpo", "dp");    // or plan.compare("rpo", "dp")
 * c.best(); c.table(); c.wideTable(); c.statistics(); c.chartSvg();
 * }</pre>
 *
 * @param graph the scheduled graph
 * @param options the options every method ran with
 * @param results one result per method, in the order given
 */
public record Comparison(Graph graph, SchedulerOptions options, List<ScheduleResult> results) {

    /** Copies the list; at least one result. */
    public Comparison {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(options, "options");
        results = List.copyOf(results);
        if (results.isEmpty()) {
            throw new IllegalArgumentException("a comparison of graph '" + graph.name() + "' needs at least one result");
        }
    }

    /** The result with the lowest peak; on ties a proven-optimal one, then the first listed. */
    public ScheduleResult best() {
        return results.stream().min(Comparator.comparingLong(ScheduleResult::peakBytes)
                .thenComparing(r -> !r.optimal())).orElseThrow();
    }

    /** The compact comparison table of {@link Tables#comparison}: method, peak, vs best, proof, time. */
    public Table table() {
        return Tables.comparison(results);
    }

    /** Every field of every result ({@link Tables#comparisonWide}). */
    public Table wideTable() {
        return Tables.comparisonWide(results);
    }

    /** One typed statistics table per method that reports statistics ({@link Tables#statistics}). */
    public List<Table> statistics() {
        return Tables.statistics(results);
    }

    /** The bar chart of {@link ComparisonSvg}. */
    public String chartSvg() {
        return ComparisonSvg.render(results);
    }

    /** Table and chart as one HTML fragment. */
    public String html() {
        return Tables.html(table()) + chartSvg();
    }

    /** One line per method. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("comparison on " + graph.name() + ":");
        for (ScheduleResult r : results) {
            b.append("\n  ").append(r);
        }
        return b.toString();
    }
}
