package io.memsched.report;

import io.memsched.graph.Graph;
import io.memsched.schedule.ScheduleResult;
import java.util.List;
import java.util.Objects;

/**
 * A schedule result together with its graph, so it can show its summary table and its memory timeline (a
 * {@link ScheduleResult} alone does not hold the graph the timeline needs).
 * <pre>{@code
 * ScheduleView.of(graph, result)            // in a notebook: table + SVG timeline
 * }</pre>
 *
 * @param graph the scheduled graph
 * @param result a result of scheduling {@code graph}
 * @param stacked whether the timeline is split by tensor
 */
public record ScheduleView(Graph graph, ScheduleResult result, boolean stacked) {
    /** Checks that the result belongs to the graph. */
    public ScheduleView {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(result, "result");
        if (!result.graphName().equals(graph.name()) || result.schedule().size() != graph.opCount()) {
            throw new IllegalArgumentException("result of '" + result.graphName() + "' (" + result.schedule().size()
                    + " ops) does not belong to graph '" + graph.name() + "' (" + graph.opCount() + " ops)");
        }
    }

    /** The view with a plain (unstacked) timeline. */
    public static ScheduleView of(Graph graph, ScheduleResult result) {
        return new ScheduleView(graph, result, false);
    }

    /** A copy whose timeline is stacked by tensor. */
    public ScheduleView stackedByTensor() {
        return new ScheduleView(graph, result, true);
    }

    /** The timeline chart. */
    public String timelineSvg() {
        String title = result.method() + " on " + graph.name();
        return stacked ? TimelineSvg.stacked(result.timeline(graph), title) : TimelineSvg.render(result.timeline(graph), title);
    }

    /** Summary table and timeline chart as one HTML fragment. */
    public String html() {
        return Tables.html(Tables.comparison(List.of(result))) + timelineSvg();
    }

    /** The result's one line. */
    @Override
    public String toString() {
        return result.toString();
    }
}
