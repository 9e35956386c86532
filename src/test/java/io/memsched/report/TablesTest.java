package io.memsched.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.graph.Sizes;
import io.memsched.registry.Registry;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.zoo.Zoo;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class TablesTest {
    private static final SchedulerOptions OPTIONS = SchedulerOptions.defaults().withSeed(0);

    private static List<ScheduleResult> run(List<String> graphs, List<String> methods) {
        List<ScheduleResult> out = new ArrayList<>();
        for (String g : graphs) {
            Graph graph = Zoo.get(g);
            for (String m : methods) {
                out.add(Registry.scheduler(m, OPTIONS).schedule(graph));
            }
        }
        return out;
    }

    @Test
    void compactComparisonHasSixColumnsWithUnits() {
        List<ScheduleResult> rs = run(List.of("tiny", "diamond"), List.of("program", "rpo", "greedy"));
        Table t = Tables.comparison(rs);
        assertEquals(List.of("graph", "method", "peak (KB)", "vs best", "proof", "time (s)"), t.columnNames());
        assertEquals("6 results on 2 graphs", t.name());
        for (int i = 0; i < rs.size(); i++) {
            assertEquals(Math.round(Sizes.toKb(rs.get(i).peakBytes()) * 10) / 10.0, t.doubleColumn("peak (KB)").get(i));
            assertTrue(t.doubleColumn("vs best").get(i) >= 1.0);
            assertEquals(rs.get(i).optimal() ? "optimal" : Tables.proof(rs.get(i)), t.stringColumn("proof").get(i));
        }
        assertEquals(1.0, t.doubleColumn("vs best").min());
        Table one = Tables.comparison(rs.subList(0, 1));
        assertEquals("program on tiny (default)", one.name(), "a single result is captioned by what it is");
    }

    @Test
    void peaksOfAMegabyteOrMoreAreInMegabytes() {
        var g = Graph.builder("big").input("x", Sizes.mb(3)).op("a", "Conv").reads("x").writes("y", Sizes.mb(5))
                .output("y").build();
        Table t = Tables.comparison(List.of(Registry.scheduler("greedy", OPTIONS).schedule(g)));
        assertEquals(8.0, t.doubleColumn("peak (MB)").get(0));
    }

    @Test
    void wideComparisonNamesUnitsAndDropsEmptyColumns() {
        Table t = Tables.comparisonWide(run(List.of("tiny"), List.of("program", "greedy")));
        assertTrue(t.columnNames().containsAll(List.of("peakBytes", "lowerBoundBytes", "peak (KB)", "status", "time (s)")));
        assertFalse(t.columnNames().contains("ilpVariables"), "no ILP ran: no ILP columns");
        for (String c : t.columnNames()) {
            assertTrue(t.column(c).countMissing() < t.rowCount(), c + " is empty");
        }
    }

    @Test
    void timelineBytesColumnsSayBytes() {
        Graph g = Zoo.get("toy-cell");
        ScheduleResult r = Registry.scheduler("greedy", OPTIONS).schedule(g);
        Table t = Tables.timeline(r.timeline(g));
        assertEquals(List.of("step", "op", "liveBeforeBytes", "allocatedBytes", "workspaceBytes", "footprintBytes",
                "freedBytes", "inplace"), t.columnNames());
        assertEquals(r.peakBytes(), (long) t.longColumn("footprintBytes").max());
        String html = Tables.html(t);
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "%,d", r.peakBytes())), "bytes with separators");
    }

    @Test
    void reductionsAgainstBaselinesPerGraph() {
        List<ScheduleResult> rs = run(List.of("toy-cell", "diamond", "nasnet-cifar"), List.of("program", "rpo", "greedy", "dp"));
        Table t = Tables.reductions(rs, "rpo", "hmcos");
        assertEquals(3, t.rowCount());
        assertEquals(List.of("graph", "ops", "best method", "best (KB)", "rpo (KB)", "vs rpo (%)", "hmcos (KB)",
                "vs hmcos (%)"), t.columnNames());
        for (int row = 0; row < 3; row++) {
            String graph = t.stringColumn("graph").get(row);
            long rpo = rs.stream().filter(r -> r.graphName().equals(graph) && r.method().equals("rpo")).findFirst()
                    .orElseThrow().peakBytes();
            long best = rs.stream().filter(r -> r.graphName().equals(graph)).mapToLong(ScheduleResult::peakBytes).min().orElseThrow();
            assertEquals(Math.round(1000.0 * (rpo - best) / rpo) / 10.0, t.doubleColumn("vs rpo (%)").get(row), 1e-9, graph);
            assertTrue(t.doubleColumn("vs hmcos (%)").isMissing(row), "hmcos did not run");
        }
        Table v = Tables.versus(rs, "paper", Map.of("diamond", 2 * Sizes.kb(1)));
        assertEquals("best / paper", v.columnNames().get(5));
        assertEquals(1, v.doubleColumn("best / paper").size() - v.doubleColumn("best / paper").countMissing());
    }

    @Test
    void statisticsAreTypedTablesPerMethod() {
        List<ScheduleResult> rs = run(List.of("toy-cell", "diamond"), List.of("greedy", "dp"));
        List<Table> ts = Tables.statistics(rs);
        Table dp = ts.stream().filter(t -> t.name().equals("dp statistics")).findFirst().orElseThrow();
        assertEquals(2, dp.rowCount());
        assertEquals("graph", dp.columnNames().get(0));
        Map<String, Object> stats = rs.stream().filter(r -> r.method().equals("dp")).findFirst().orElseThrow().stats().asMap();
        assertEquals(stats.size() + 1, dp.columnCount(), "one column per statistic");
        stats.forEach((k, v) -> {
            ColumnType type = dp.column(k).type();
            if (v instanceof Long || v instanceof Integer) {
                assertEquals(ColumnType.LONG, type, k);
            } else if (v instanceof Double) {
                assertEquals(ColumnType.DOUBLE, type, k);
            } else if (v instanceof Boolean) {
                assertEquals(ColumnType.BOOLEAN, type, k);
            }
        });
    }

    @Test
    void aComparisonOfManyGraphsIsFacetedAndStaysSmall() throws Exception {
        // 18 graphs x 6 methods, as notebook 02 draws; the results are synthetic copies with scaled peaks
        List<ScheduleResult> base = run(List.of("toy-cell"), List.of("program", "rpo", "greedy", "dfs", "lpmf", "dp"));
        List<ScheduleResult> rs = new ArrayList<>();
        for (int g = 0; g < 18; g++) {
            for (ScheduleResult r : base) {
                rs.add(new ScheduleResult("net-" + g, r.method(), r.memoryModel(), r.schedule(), r.peakBytes() + g * 1024L,
                        0, false, io.memsched.run.Status.FEASIBLE, r.elapsed(), r.stats()));
            }
        }
        String svg = ComparisonSvg.render(rs);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        double h = Double.parseDouble(doc.getDocumentElement().getAttribute("height"));
        assertTrue(h <= ComparisonSvg.MAX_HEIGHT, "chart is " + h + " px tall");
        for (int g = 0; g < 18; g++) {
            assertTrue(svg.contains(">net-" + g + " (default)<"), "a panel per graph");
        }
        assertTrue(svg.contains("fill=\"" + Palette.colour("dp") + "\""), "methods in their palette colours");
    }
}
