package io.memsched.report;

import io.memsched.memory.MemoryTimeline;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * A memory timeline ready to show: in a notebook it renders as its chart; {@link #table()} gives the Tablesaw table
 * (one row per step), {@link #lifetimes()} the tensor lifetimes.
 *
 * @param data the simulated timeline
 * @param title the chart title
 */
public record Timeline(MemoryTimeline data, String title) {
    /** Checks the fields. */
    public Timeline {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(title, "title");
    }

    /** One row per step: operator, live bytes before, allocated, workspace, footprint. */
    public Table table() {
        return Tables.timeline(data);
    }

    /** One row per tensor: bytes, first and last step. */
    public Table lifetimes() {
        return Tables.lifetimes(data);
    }

    /** The chart. */
    public String svg() {
        return TimelineSvg.render(data, title);
    }

    /** The chart with the largest tensors stacked. */
    public String stackedSvg() {
        return TimelineSvg.stacked(data, title);
    }

    /** The peak of the timeline, bytes. */
    public long peakBytes() {
        return data.peakBytes();
    }

    /** One line: steps, model, peak. */
    @Override
    public String toString() {
        return title + ": " + data.steps().size() + " steps, model " + data.model() + ", peak "
                + io.memsched.graph.Sizes.format(data.peakBytes());
    }
}
