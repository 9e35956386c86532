package io.memsched.report;

import io.memsched.pass.PassResult;
import io.memsched.schedule.FusionCounts;
import io.memsched.schedule.ilp.IlpStats;
import io.memsched.graph.Ints;
import io.memsched.graph.Sizes;
import io.memsched.memory.MemoryTimeline;
import io.memsched.schedule.ScheduleResult;
import java.util.Collection;
import tech.tablesaw.columns.Column;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tablesaw tables of results, to print, sort and filter:
 * <pre>{@code
 * Tables.timeline(result.timeline(graph)).sortDescendingOn("footprint").first(5)
 * }</pre>
 */
public final class Tables {
    private Tables() {
    }

    /** One row per step: step, op, live before, allocated, workspace, footprint, freed (bytes), in-place. */
    public static Table timeline(MemoryTimeline timeline) {
        var steps = timeline.steps();
        IntColumn step = IntColumn.create("step");
        StringColumn op = StringColumn.create("op");
        LongColumn live = LongColumn.create("liveBefore");
        LongColumn alloc = LongColumn.create("allocated");
        LongColumn ws = LongColumn.create("workspace");
        LongColumn foot = LongColumn.create("footprint");
        LongColumn freed = LongColumn.create("freed");
        BooleanColumn inplace = BooleanColumn.create("inplace");
        for (MemoryTimeline.Step s : steps) {
            step.append(s.step());
            op.append(s.op());
            live.append(s.liveBeforeBytes());
            alloc.append(s.allocatedBytes());
            ws.append(s.workspaceBytes());
            foot.append(s.footprintBytes());
            freed.append(s.freedBytes());
            inplace.append(s.inplace());
        }
        return Table.create("timeline (" + timeline.model() + ", peak " + Sizes.format(timeline.peakBytes()) + ")",
                step, op, live, alloc, ws, foot, freed, inplace);
    }

    /** One row per tensor: name, bytes, first and last step it is alive. */
    public static Table lifetimes(MemoryTimeline timeline) {
        StringColumn name = StringColumn.create("tensor");
        LongColumn bytes = LongColumn.create("bytes");
        IntColumn first = IntColumn.create("firstStep");
        IntColumn last = IntColumn.create("lastStep");
        for (MemoryTimeline.Lifetime l : timeline.lifetimes()) {
            name.append(l.tensor());
            bytes.append(l.bytes());
            first.append(l.firstStep());
            last.append(l.lastStep());
        }
        return Table.create("lifetimes", name, bytes, first, last);
    }

    /**
     * One row per result: graph, method, memory model, peak (bytes and KB), vs best (peak / best peak of the same
     * graph and model), lower bound, proven optimal, gap, status, seconds, ops.
     */
    public static Table comparison(Collection<ScheduleResult> results) {
        StringColumn graph = StringColumn.create("graph");
        StringColumn method = StringColumn.create("method");
        StringColumn model = StringColumn.create("model");
        LongColumn peak = LongColumn.create("peakBytes");
        DoubleColumn peakKb = DoubleColumn.create("peakKB");
        DoubleColumn vsBest = DoubleColumn.create("vsBest");
        LongColumn bound = LongColumn.create("lowerBound");
        BooleanColumn optimal = BooleanColumn.create("optimal");
        DoubleColumn gap = DoubleColumn.create("gap");
        StringColumn status = StringColumn.create("status");
        DoubleColumn secs = DoubleColumn.create("seconds");
        IntColumn ops = IntColumn.create("ops");
        LongColumn fusedOps = LongColumn.create("opsAfterFusion");
        LongColumn vars = LongColumn.create("ilpVariables");
        LongColumn unpruned = LongColumn.create("ilpVariablesUnpruned");
        for (ScheduleResult r : results) {
            var fusion = r.stats().find(FusionCounts.class);
            var ilp = r.stats().find(IlpStats.class);
            appendStat(fusedOps, fusion.map(FusionCounts::opsAfterFusion).orElse(null), null);
            appendStat(vars, ilp.map(IlpStats::variables).orElse(null), null);
            appendStat(unpruned, ilp.map(IlpStats::variables).orElse(null), ilp.map(IlpStats::prunedVariables).orElse(null));
            long best = results.stream().filter(o -> o.graphName().equals(r.graphName())
                    && o.memoryModel().equals(r.memoryModel())).mapToLong(ScheduleResult::peakBytes).min().orElse(0);
            graph.append(r.graphName());
            method.append(r.method());
            model.append(r.memoryModel().id());
            peak.append(r.peakBytes());
            peakKb.append(Math.round(Sizes.toKb(r.peakBytes()) * 10) / 10.0);
            vsBest.append(best == 0 ? 1.0 : Math.round(1000.0 * r.peakBytes() / best) / 1000.0);
            bound.append(r.lowerBoundBytes());
            optimal.append(r.optimal());
            gap.append(Math.round(r.gap() * 10000) / 10000.0);
            status.append(r.status().name());
            secs.append(Math.round(r.seconds() * 1000) / 1000.0);
            ops.append(r.schedule().size());
        }
        return Table.create("comparison", graph, method, model, peak, peakKb, vsBest, bound, optimal, gap, status,
                secs, ops, fusedOps, vars, unpruned);
    }

    /** Appends the statistic {@code a} (plus {@code b} when given), or a missing value when it is absent. */
    private static void appendStat(LongColumn c, Object a, Object b) {
        if (a instanceof Number x && (b == null || b instanceof Number)) {
            c.append(x.longValue() + (b == null ? 0 : ((Number) b).longValue()));
        } else {
            c.appendMissing();
        }
    }

    /**
     * One row per fused operator that runs several original ones: its index in the fused graph, member count, first
     * and last member (in run order) and the member types. The table name carries the pipeline's statistics.
     */
    public static Table fusion(PassResult fused) {
        IntColumn group = IntColumn.create("fusedOp");
        IntColumn count = IntColumn.create("members");
        StringColumn first = StringColumn.create("firstOp");
        StringColumn last = StringColumn.create("lastOp");
        StringColumn types = StringColumn.create("types");
        for (int k = 0; k < fused.graph().opCount(); k++) {
            Ints m = fused.provenance().origins(k);
            if (m.size() < 2) {
                continue;
            }
            java.util.Set<String> ts = new java.util.LinkedHashSet<>();
            for (int j = 0; j < m.size(); j++) {
                ts.add(fused.input().op(m.get(j)).type());
            }
            group.append(k);
            count.append(m.size());
            first.append(fused.input().op(m.get(0)).name());
            last.append(fused.input().op(m.get(m.size() - 1)).name());
            types.append(String.join(",", ts));
        }
        return Table.create("fusion of " + fused.input().name() + " (" + fused.stats() + ")", group, count, first, last,
                types);
    }

    /** One row per fused graph: graph, operators before and after, merges in total and per rule, passes. */
    public static Table fusionSummary(Collection<PassResult> fused) {
        StringColumn graph = StringColumn.create("graph");
        IntColumn before = IntColumn.create("opsBefore");
        IntColumn after = IntColumn.create("opsAfter");
        IntColumn merges = IntColumn.create("merges");
        StringColumn rules = StringColumn.create("mergesPerRule");
        IntColumn passes = IntColumn.create("passes");
        for (PassResult f : fused) {
            graph.append(f.input().name());
            before.append(f.stats().opsBefore());
            after.append(f.stats().opsAfter());
            merges.append(f.stats().totalApplied());
            rules.append(f.stats().applied().toString());
            passes.append(f.stats().rounds());
        }
        return Table.create("fusion summary", graph, before, after, merges, rules, passes);
    }

    /** The whole table as an HTML {@code <table>} (caption = table name; numbers right-aligned). */
    public static String html(Table table) {
        return html(table, Integer.MAX_VALUE);
    }

    /** The first {@code maxRows} rows as an HTML {@code <table>}, with a note of how many rows were left out. */
    public static String html(Table table, int maxRows) {
        StringBuilder b = new StringBuilder("<table class=\"memsched\" style=\"border-collapse:collapse\">");
        b.append("<caption style=\"text-align:left;font-weight:bold\">").append(escape(table.name())).append("</caption>");
        b.append("<thead><tr>");
        for (Column<?> c : table.columns()) {
            b.append("<th style=\"border-bottom:1px solid #999;padding:2px 8px\">").append(escape(c.name())).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        int rows = Math.min(table.rowCount(), maxRows);
        for (int r = 0; r < rows; r++) {
            b.append("<tr>");
            for (Column<?> c : table.columns()) {
                boolean numeric = c.type().equals(tech.tablesaw.api.ColumnType.INTEGER) || c.type().equals(tech.tablesaw.api.ColumnType.LONG)
                        || c.type().equals(tech.tablesaw.api.ColumnType.DOUBLE);
                b.append("<td style=\"padding:2px 8px").append(numeric ? ";text-align:right" : "").append("\">")
                        .append(escape(c.getString(r))).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table>");
        if (rows < table.rowCount()) {
            b.append("<p><i>").append(table.rowCount() - rows).append(" more rows</i></p>");
        }
        return b.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
