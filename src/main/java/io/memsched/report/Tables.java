package io.memsched.report;

import io.memsched.pass.PassResult;
import io.memsched.schedule.FusionCounts;
import io.memsched.schedule.ilp.IlpStats;
import io.memsched.graph.Ints;
import io.memsched.graph.Sizes;
import io.memsched.memory.MemoryTimeline;
import io.memsched.schedule.ScheduleResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Tables.timeline(result.timeline(graph)).sortDescendingOn("footprintBytes").first(5)
 * }</pre>
 */
public final class Tables {
    private Tables() {
    }

    /**
     * One row per step: step, op, then bytes ({@code liveBeforeBytes}, {@code allocatedBytes}, {@code workspaceBytes},
     * {@code footprintBytes}, {@code freedBytes}) and whether the op ran in place.
     */
    public static Table timeline(MemoryTimeline timeline) {
        var steps = timeline.steps();
        IntColumn step = IntColumn.create("step");
        StringColumn op = StringColumn.create("op");
        LongColumn live = LongColumn.create("liveBeforeBytes");
        LongColumn alloc = LongColumn.create("allocatedBytes");
        LongColumn ws = LongColumn.create("workspaceBytes");
        LongColumn foot = LongColumn.create("footprintBytes");
        LongColumn freed = LongColumn.create("freedBytes");
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
     * The compact comparison, one row per result: graph, method (and memory model when the results mix them), peak
     * in KB, or MB when every peak is at least 1 MB (the unit in the header), {@code vs best} (peak / best peak of the same graph
     * and model), proof ({@code optimal} or the gap to the lower bound) and time in seconds. The caption names the
     * graph and method of a single result. {@link #comparisonWide} has every field.
     */
    public static Table comparison(Collection<ScheduleResult> results) {
        boolean models = results.stream().map(r -> r.memoryModel().id()).distinct().count() > 1;
        Unit unit = Unit.of(results);
        StringColumn graph = StringColumn.create("graph");
        StringColumn method = StringColumn.create("method");
        StringColumn model = StringColumn.create("model");
        DoubleColumn peak = DoubleColumn.create("peak (" + unit.name() + ")");
        DoubleColumn vsBest = DoubleColumn.create("vs best");
        StringColumn proof = StringColumn.create("proof");
        DoubleColumn secs = DoubleColumn.create("time (s)");
        for (ScheduleResult r : results) {
            graph.append(r.graphName());
            method.append(r.method());
            model.append(r.memoryModel().id());
            peak.append(unit.of(r.peakBytes()));
            vsBest.append(round(ratioToBest(r, results), 3));
            proof.append(proof(r));
            secs.append(round(r.seconds(), 3));
        }
        Table t = Table.create(caption(results), graph, method);
        if (models) {
            t.addColumns(model);
        }
        return t.addColumns(peak, vsBest, proof, secs);
    }

    /**
     * Every field, one row per result: graph, method, memory model, {@code peakBytes}, peak in KB, vs best,
     * {@code lowerBoundBytes}, optimal, gap, status, seconds, ops, and the fusion and ILP statistics of the methods
     * that have them (columns no result fills are left out).
     */
    public static Table comparisonWide(Collection<ScheduleResult> results) {
        StringColumn graph = StringColumn.create("graph");
        StringColumn method = StringColumn.create("method");
        StringColumn model = StringColumn.create("model");
        LongColumn peak = LongColumn.create("peakBytes");
        DoubleColumn peakKb = DoubleColumn.create("peak (KB)");
        DoubleColumn vsBest = DoubleColumn.create("vs best");
        LongColumn bound = LongColumn.create("lowerBoundBytes");
        BooleanColumn optimal = BooleanColumn.create("optimal");
        DoubleColumn gap = DoubleColumn.create("gap");
        StringColumn status = StringColumn.create("status");
        DoubleColumn secs = DoubleColumn.create("time (s)");
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
            graph.append(r.graphName());
            method.append(r.method());
            model.append(r.memoryModel().id());
            peak.append(r.peakBytes());
            peakKb.append(round(Sizes.toKb(r.peakBytes()), 1));
            vsBest.append(round(ratioToBest(r, results), 3));
            bound.append(r.lowerBoundBytes());
            optimal.append(r.optimal());
            gap.append(round(r.gap(), 4));
            status.append(r.status().name());
            secs.append(round(r.seconds(), 3));
            ops.append(r.schedule().size());
        }
        Table t = Table.create(caption(results) + ", every field", graph, method, model, peak, peakKb, vsBest, bound,
                optimal, gap, status, secs, ops);
        for (LongColumn c : List.of(fusedOps, vars, unpruned)) {
            if (c.countMissing() < c.size()) {
                t.addColumns(c);
            }
        }
        return t;
    }

    /**
     * Reductions against baseline methods, one row per graph (and memory model): graph, ops, the best method and
     * its peak, then for every baseline its peak and the best method's reduction below it in percent (positive =
     * lower; missing where the baseline did not run). Peaks in KB, or MB when all are at least 1 MB.
     * <pre>{@code
     * Tables.reductions(results, "rpo", "hmcos").doubleColumn("vs rpo (%)").mean()
     * }</pre>
     */
    public static Table reductions(Collection<ScheduleResult> results, String... baselines) {
        Map<String, List<ScheduleResult>> groups = byGraph(results);
        Unit unit = Unit.of(results);
        boolean models = results.stream().map(r -> r.memoryModel().id()).distinct().count() > 1;
        StringColumn graph = StringColumn.create("graph");
        StringColumn model = StringColumn.create("model");
        IntColumn ops = IntColumn.create("ops");
        StringColumn bestMethod = StringColumn.create("best method");
        DoubleColumn bestPeak = DoubleColumn.create("best (" + unit.name() + ")");
        List<DoubleColumn> basePeak = new ArrayList<>();
        List<DoubleColumn> reduction = new ArrayList<>();
        for (String b : baselines) {
            basePeak.add(DoubleColumn.create(b + " (" + unit.name() + ")"));
            reduction.add(DoubleColumn.create("vs " + b + " (%)"));
        }
        for (List<ScheduleResult> rs : groups.values()) {
            ScheduleResult best = best(rs);
            graph.append(best.graphName());
            model.append(best.memoryModel().id());
            ops.append(best.schedule().size());
            bestMethod.append(best.method());
            bestPeak.append(unit.of(best.peakBytes()));
            for (int k = 0; k < baselines.length; k++) {
                String b = baselines[k];
                Optional<ScheduleResult> base = rs.stream().filter(r -> r.method().equals(b)).findFirst();
                if (base.isPresent()) {
                    basePeak.get(k).append(unit.of(base.get().peakBytes()));
                    reduction.get(k).append(round(percentBelow(best.peakBytes(), base.get().peakBytes()), 1));
                } else {
                    basePeak.get(k).appendMissing();
                    reduction.get(k).appendMissing();
                }
            }
        }
        Table t = Table.create("reductions of the best method vs " + String.join(", ", baselines), graph);
        if (models) {
            t.addColumns(model);
        }
        t.addColumns(ops, bestMethod, bestPeak);
        for (int k = 0; k < baselines.length; k++) {
            t.addColumns(basePeak.get(k), reduction.get(k));
        }
        return t;
    }

    /**
     * The best peak of every graph next to reference figures (e.g. a paper's), one row per graph: graph, ops, best
     * method, best peak, the reference and best / reference; missing where the reference has no figure.
     * <pre>{@code
     * Tables.versus(results, "HMCOS paper", Map.of("darts_cifar", kb(1386), "resnet18", kb(3920)))
     * }</pre>
     */
    public static Table versus(Collection<ScheduleResult> results, String referenceName, Map<String, Long> referenceBytes) {
        Unit unit = Unit.of(results);
        StringColumn graph = StringColumn.create("graph");
        IntColumn ops = IntColumn.create("ops");
        StringColumn bestMethod = StringColumn.create("best method");
        DoubleColumn bestPeak = DoubleColumn.create("best (" + unit.name() + ")");
        DoubleColumn ref = DoubleColumn.create(referenceName + " (" + unit.name() + ")");
        DoubleColumn ratio = DoubleColumn.create("best / " + referenceName);
        for (List<ScheduleResult> rs : byGraph(results).values()) {
            ScheduleResult best = best(rs);
            graph.append(best.graphName());
            ops.append(best.schedule().size());
            bestMethod.append(best.method());
            bestPeak.append(unit.of(best.peakBytes()));
            Long r = referenceBytes.get(best.graphName());
            if (r == null) {
                ref.appendMissing();
                ratio.appendMissing();
            } else {
                ref.append(unit.of(r));
                ratio.append(r == 0 ? Double.NaN : round((double) best.peakBytes() / r, 3));
            }
        }
        return Table.create("best peak vs " + referenceName, graph, ops, bestMethod, bestPeak, ref, ratio);
    }

    /**
     * The statistics of each method as a typed table, one table per method (in order of first appearance) and one
     * row per result: graph, then one column per statistic (integers as integer columns, fractions rounded to
     * three significant digits, flags as booleans). Methods without statistics are left out.
     * <pre>{@code
     * for (Table t : Tables.statistics(results)) display(t);
     * }</pre>
     */
    public static List<Table> statistics(Collection<ScheduleResult> results) {
        Map<String, List<ScheduleResult>> byMethod = new LinkedHashMap<>();
        for (ScheduleResult r : results) {
            if (!r.stats().asMap().isEmpty()) {
                byMethod.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Table> out = new ArrayList<>();
        byMethod.forEach((method, rs) -> out.add(statistics(method, rs)));
        return out;
    }

    private static Table statistics(String method, List<ScheduleResult> rs) {
        Map<String, Object> kinds = new LinkedHashMap<>();
        for (ScheduleResult r : rs) {
            r.stats().asMap().forEach((k, v) -> kinds.merge(k, v, (a, b) -> a instanceof Double || b instanceof Double
                    || a instanceof Float || b instanceof Float ? Double.valueOf(0) : a));
        }
        boolean models = rs.stream().map(r -> r.memoryModel().id()).distinct().count() > 1;
        StringColumn graph = StringColumn.create("graph");
        StringColumn model = StringColumn.create("model");
        Map<String, Column<?>> cols = new LinkedHashMap<>();
        kinds.forEach((k, v) -> cols.put(k, v instanceof Double || v instanceof Float ? DoubleColumn.create(k)
                : v instanceof Number ? LongColumn.create(k) : v instanceof Boolean ? BooleanColumn.create(k)
                : StringColumn.create(k)));
        for (ScheduleResult r : rs) {
            graph.append(r.graphName());
            model.append(r.memoryModel().id());
            Map<String, Object> m = r.stats().asMap();
            cols.forEach((k, c) -> {
                Object v = m.get(k);
                if (v == null) {
                    c.appendMissing();
                } else if (c instanceof DoubleColumn d) {
                    d.append(significant(((Number) v).doubleValue(), 3));
                } else if (c instanceof LongColumn l) {
                    l.append(((Number) v).longValue());
                } else if (c instanceof BooleanColumn b) {
                    b.append((Boolean) v);
                } else {
                    ((StringColumn) c).append(v.toString());
                }
            });
        }
        Table t = Table.create(method + " statistics", graph);
        if (models) {
            t.addColumns(model);
        }
        cols.values().forEach(t::addColumns);
        return t;
    }

    private static double significant(double v, int digits) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).doubleValue();
    }

    /** The caption of a comparison: "greedy on tiny", "methods on tiny (default)", "12 results on 3 graphs". */
    private static String caption(Collection<ScheduleResult> results) {
        long graphs = results.stream().map(r -> r.graphName() + "\u0000" + r.memoryModel().id()).distinct().count();
        if (results.size() == 1) {
            ScheduleResult r = results.iterator().next();
            return r.method() + " on " + r.graphName() + " (" + r.memoryModel().id() + ")";
        }
        if (graphs == 1) {
            ScheduleResult r = results.iterator().next();
            return results.size() + " methods on " + r.graphName() + " (" + r.memoryModel().id() + ")";
        }
        return results.size() + " results on " + graphs + " graphs";
    }

    private static Map<String, List<ScheduleResult>> byGraph(Collection<ScheduleResult> results) {
        Map<String, List<ScheduleResult>> m = new LinkedHashMap<>();
        for (ScheduleResult r : results) {
            m.computeIfAbsent(r.graphName() + "\u0000" + r.memoryModel().id(), k -> new ArrayList<>()).add(r);
        }
        return m;
    }

    /** The lowest peak of a group; on ties a proven-optimal one, then the first. */
    private static ScheduleResult best(List<ScheduleResult> rs) {
        return rs.stream().min(java.util.Comparator.comparingLong(ScheduleResult::peakBytes)
                .thenComparing(r -> !r.optimal())).orElseThrow();
    }

    private static double ratioToBest(ScheduleResult r, Collection<ScheduleResult> all) {
        long best = all.stream().filter(o -> o.graphName().equals(r.graphName())
                && o.memoryModel().equals(r.memoryModel())).mapToLong(ScheduleResult::peakBytes).min().orElse(0);
        return best == 0 ? 1.0 : (double) r.peakBytes() / best;
    }

    /** "optimal", or the gap to the lower bound in percent. */
    static String proof(ScheduleResult r) {
        return r.optimal() ? "optimal" : String.format(java.util.Locale.ROOT, "gap %.1f%%", 100 * r.gap());
    }

    private static double percentBelow(long value, long reference) {
        return reference == 0 ? 0 : 100.0 * (reference - value) / reference;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** A table unit for bytes as {@link Sizes} names them: KB (one decimal), MB (two) or GB (three). */
    record Unit(String name, double bytes, int digits) {
        /** MB when every value is at least 1 MB, GB when every value is at least 1 GB, else KB. */
        static Unit forMin(long min) {
            return min >= 1024L * 1024 * 1024 ? new Unit("GB", 1024.0 * 1024 * 1024, 3)
                    : min >= 1024L * 1024 ? new Unit("MB", 1024.0 * 1024, 2) : new Unit("KB", 1024.0, 1);
        }

        static Unit of(Collection<ScheduleResult> results) {
            return forMin(results.stream().mapToLong(ScheduleResult::peakBytes).min().orElse(0));
        }

        double of(long bytes) {
            return round(bytes / this.bytes, digits);
        }
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
                String v = c.getString(r);
                if (c instanceof LongColumn l && (c.name().endsWith("Bytes") || c.name().equals("bytes")) && !l.isMissing(r)) {
                    v = String.format(java.util.Locale.ROOT, "%,d", l.get(r));
                }
                b.append("<td style=\"padding:2px 8px").append(numeric ? ";text-align:right" : "").append("\">")
                        .append(escape(v)).append("</td>");
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
