package io.memsched.report;

import io.memsched.schedule.ScheduleResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The tables of {@code memsched bench}: one row per graph, memory model and method, with the reductions against
 * the reverse post-order and HMCOS on the same graph and model.
 * <pre>{@code
 * List<BenchmarkRow> rows = BenchmarkTable.rows(results);
 * BenchmarkTable.byMemoryModel(rows).get("inplace").print();
 * }</pre>
 */
public final class BenchmarkTable {
    private BenchmarkTable() {
    }

    /** The rows of {@code results}, in their order; reductions refer to the rpo and hmcos results among them. */
    public static List<BenchmarkRow> rows(List<ScheduleResult> results) {
        Map<String, Long> rpo = new LinkedHashMap<>();
        Map<String, Long> hmcos = new LinkedHashMap<>();
        for (ScheduleResult r : results) {
            if (r.method().equals("rpo")) {
                rpo.put(key(r), r.peakBytes());
            } else if (r.method().equals("hmcos")) {
                hmcos.put(key(r), r.peakBytes());
            }
        }
        List<BenchmarkRow> rows = new ArrayList<>(results.size());
        for (ScheduleResult r : results) {
            int ops = r.schedule().size();
            int after = r.stats().find(io.memsched.schedule.FusionCounts.class)
                    .map(io.memsched.schedule.FusionCounts::opsAfterFusion).orElse(ops);
            rows.add(new BenchmarkRow(r.graphName(), r.memoryModel().id(), ops, after, r.method(), r.peakBytes(),
                    r.lowerBoundBytes(), r.optimal(), r.gap(), reduction(r, rpo.get(key(r))),
                    reduction(r, hmcos.get(key(r))), r.status().name(), r.seconds()));
        }
        return rows;
    }

    private static String key(ScheduleResult r) {
        return r.graphName() + "\u0000" + r.memoryModel().id();
    }

    private static double reduction(ScheduleResult r, Long reference) {
        if (reference == null) {
            return Double.NaN;
        }
        return reference == 0 ? 0 : 100.0 * (reference - r.peakBytes()) / reference;
    }

    /**
     * One table: graph, ops, fused (ops after fusion), method, peakKB, vsRPO% and vsHMCOS% (reduction, positive =
     * lower), proof ("optimal" or the gap), status, seconds.
     */
    public static Table table(String title, List<BenchmarkRow> rows) {
        StringColumn graph = StringColumn.create("graph");
        IntColumn ops = IntColumn.create("ops");
        IntColumn fused = IntColumn.create("fused");
        StringColumn method = StringColumn.create("method");
        DoubleColumn peak = DoubleColumn.create("peakKB");
        DoubleColumn vsRpo = DoubleColumn.create("vsRPO%");
        DoubleColumn vsHmcos = DoubleColumn.create("vsHMCOS%");
        StringColumn proof = StringColumn.create("proof");
        StringColumn status = StringColumn.create("status");
        DoubleColumn secs = DoubleColumn.create("seconds");
        for (BenchmarkRow r : rows) {
            graph.append(r.graph());
            ops.append(r.ops());
            fused.append(r.opsAfterFusion());
            method.append(r.method());
            peak.append(round(r.peakKb(), 1));
            appendPercent(vsRpo, r.reductionVsRpo());
            appendPercent(vsHmcos, r.reductionVsHmcos());
            proof.append(r.proof());
            status.append(r.status());
            secs.append(round(r.seconds(), 3));
        }
        return Table.create(title, graph, ops, fused, method, peak, vsRpo, vsHmcos, proof, status, secs);
    }

    /** One table per memory model id, in order of first appearance, titled with the model. */
    public static Map<String, Table> byMemoryModel(List<BenchmarkRow> rows) {
        Map<String, List<BenchmarkRow>> split = new LinkedHashMap<>();
        for (BenchmarkRow r : rows) {
            split.computeIfAbsent(r.memoryModel(), k -> new ArrayList<>()).add(r);
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        split.forEach((model, rs) -> tables.put(model, table("memory model: " + model, rs)));
        return tables;
    }

    /** All rows in one table with a memoryModel column and exact bytes, for CSV. */
    public static Table flat(List<BenchmarkRow> rows) {
        Table t = table("bench", rows);
        StringColumn model = StringColumn.create("memoryModel");
        tech.tablesaw.api.LongColumn peak = tech.tablesaw.api.LongColumn.create("peakBytes");
        tech.tablesaw.api.LongColumn bound = tech.tablesaw.api.LongColumn.create("lowerBoundBytes");
        for (BenchmarkRow r : rows) {
            model.append(r.memoryModel());
            peak.append(r.peakBytes());
            bound.append(r.lowerBoundBytes());
        }
        t.insertColumn(1, model);
        t.addColumns(peak, bound);
        return t;
    }

    private static void appendPercent(DoubleColumn c, double v) {
        if (Double.isNaN(v)) {
            c.appendMissing();
        } else {
            c.append(round(v, 1));
        }
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
