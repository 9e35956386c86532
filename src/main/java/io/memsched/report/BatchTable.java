package io.memsched.report;

import io.memsched.batch.BatchRow;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A batch's rows as a Tablesaw table, one row per graph, the columns of {@link BatchRow#COLUMNS}. */
public final class BatchTable {
    private BatchTable() {
    }

    /** The table of {@code rows}, in their order; a failed graph has missing peak, bound, optimal and arena. */
    public static Table of(String name, List<BatchRow> rows) {
        StringColumn graph = StringColumn.create("graph");
        StringColumn arch = StringColumn.create("architecture");
        IntColumn ops = IntColumn.create("ops");
        StringColumn method = StringColumn.create("method");
        StringColumn model = StringColumn.create("memory_model");
        LongColumn peak = LongColumn.create("peak");
        LongColumn bound = LongColumn.create("lower_bound");
        BooleanColumn optimal = BooleanColumn.create("optimal");
        StringColumn status = StringColumn.create("status");
        LongColumn arena = LongColumn.create("arena");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        StringColumn error = StringColumn.create("error");
        for (BatchRow r : rows) {
            graph.append(r.graph());
            arch.append(r.architecture());
            if (r.ops() == null) {
                ops.appendMissing();
            } else {
                ops.append(r.ops());
            }
            method.append(r.method());
            model.append(r.memoryModel());
            appendLong(peak, r.peak());
            appendLong(bound, r.lowerBound());
            if (r.optimal() == null) {
                optimal.appendMissing();
            } else {
                optimal.append(r.optimal());
            }
            status.append(r.status());
            appendLong(arena, r.arena());
            seconds.append(Math.round(r.seconds() * 1e6) / 1e6);
            error.append(r.error());
        }
        return Table.create(name, graph, arch, ops, method, model, peak, bound, optimal, status, arena, seconds,
                error);
    }

    private static void appendLong(LongColumn c, Long v) {
        if (v == null) {
            c.appendMissing();
        } else {
            c.append(v);
        }
    }
}
