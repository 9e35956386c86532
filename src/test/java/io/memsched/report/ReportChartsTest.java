package io.memsched.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.graph.Sizes;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.memory.MemoryTimeline;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.registry.Registry;
import io.memsched.zoo.Zoo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportChartsTest {
    private static void assertWellFormedXml(String svg) throws Exception {
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static int count(String s, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void graphDrawingHasEveryOpEdgeLabelAndLegend() throws Exception {
        Graph g = Zoo.get("tiny");
        String svg = GraphSvg.render(g);
        assertWellFormedXml(svg);
        for (String op : List.of("convA", "convB", "cat")) {
            assertTrue(svg.contains(">" + op + "<"), op);
        }
        assertTrue(svg.contains(">Conv<") && svg.contains(">Concat<"), "legend / type labels");
        assertTrue(count(svg, ">8 KB<") >= 2, "edge labels a and b");
        assertTrue(svg.contains(Svg.esc(GraphSvg.summary(g))));
        assertTrue(GraphSvg.summary(g).contains("3 ops"));
    }

    @Test
    void graphDrawingColoursByTheGivenKey() {
        Graph g = Zoo.get("toy-cell");
        String byType = GraphSvg.render(g);
        String byBranch = GraphSvg.render(g, op -> op.name().substring(0, 1));
        assertNotEquals(byType, byBranch);
        assertTrue(byBranch.contains(">a<") && byBranch.contains(">b<"), "legend shows the keys");
    }

    @Test
    void timelineHasAxesWithUnitsAndMarksThePeak() throws Exception {
        Graph g = Zoo.get("diamond");
        MemoryTimeline t = MemorySimulator.simulate(g, MemoryModel.DEFAULT, List.of("stem", "big", "small", "add"));
        String svg = TimelineSvg.render(t, "diamond");
        assertWellFormedXml(svg);
        assertTrue(svg.contains("memory (KB)"), "y axis title with unit");
        assertTrue(svg.contains(" KB<"), "tick labels with unit");
        assertTrue(svg.contains("peak " + Sizes.format(t.peakBytes()) + " at step " + t.peakStep()), "peak label");
        assertTrue(svg.contains("stroke-dasharray"), "peak line");
        assertEquals(1, count(svg, "fill=\"#e15759\""), "one highlighted peak bar");
        assertEquals(4, count(svg, "<title>step "), "one bar per step");
    }

    @Test
    void timelineUnitsFollowTheScale() {
        var b = Graph.builder("big").input("x", Sizes.mb(3));
        Graph g = b.op("a", "Conv").reads("x").writes("y", Sizes.mb(5)).output("y").build();
        String svg = TimelineSvg.render(MemorySimulator.simulate(g, MemoryModel.DEFAULT, List.of("a")), "mb");
        assertTrue(svg.contains("memory (MB)"));
        assertTrue(svg.contains("peak 8 MB"));
    }

    @Test
    void stackedTimelineNamesTheLargestTensors() throws Exception {
        Graph g = Zoo.get("toy-cell");
        ScheduleResult r = Registry.scheduler("greedy", SchedulerOptions.defaults()).schedule(g);
        String svg = TimelineSvg.stacked(r.timeline(g), "toy");
        assertWellFormedXml(svg);
        assertTrue(svg.contains(">a1<"), "largest tensor in the legend");
        assertTrue(svg.contains(">other tensors<"));
        assertTrue(svg.contains("peak "));
    }

    @Test
    void comparisonChartHasABarPerMethodAndMarksTheBest() throws Exception {
        Comparison c = io.memsched.Memsched.compare(Zoo.get("diamond"));
        String svg = c.chartSvg();
        assertWellFormedXml(svg);
        for (ScheduleResult r : c.results()) {
            assertTrue(svg.contains(">" + r.method() + "<"), r.method());
        }
        assertTrue(svg.contains("#59a14f"), "best bar is green");
        assertTrue(svg.contains("peak memory (KB)"));
    }

    @Test
    void comparisonOfSeveralGraphsIsRelative() {
        var rs = new java.util.ArrayList<ScheduleResult>();
        for (String n : List.of("tiny", "diamond")) {
            rs.addAll(io.memsched.Memsched.compare(Zoo.get(n)).results());
        }
        String svg = ComparisonSvg.render(rs);
        assertTrue(svg.contains("relative to the best"));
        assertTrue(svg.contains(">tiny (default)<") && svg.contains(">diamond (default)<"));
    }

    @Test
    void htmlTablesEscapeAndLimitRows() {
        var col = tech.tablesaw.api.StringColumn.create("name", "a<b", "c", "d");
        String html = Tables.html(tech.tablesaw.api.Table.create("t&t", col), 2);
        assertTrue(html.contains("a&lt;b"));
        assertTrue(html.contains("t&amp;t"));
        assertTrue(html.contains("1 more rows"));
        assertEquals(2, count(html, "<td"));
    }

    @Test
    void reportIsStandaloneAndRecordsProvenance(@TempDir Path dir) throws Exception {
        Graph g = Zoo.get("toy-cell");
        Comparison c = io.memsched.Memsched.compare(g, SchedulerOptions.defaults().withSeed(7), Registry.schedulers().ids());
        Path file = Report.of(c).withFusion(tech.tablesaw.api.Table.create("fusion",
                tech.tablesaw.api.IntColumn.create("merges", 3))).save(dir.resolve("sub/r.html"));
        String html = Files.readString(file);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("http://") && !html.contains("http://www.w3.org/2000/svg"), "no network");
        assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("http"), "no links");
        assertTrue(html.contains(Report.graphHash(g)));
        assertTrue(html.contains(">seed<") && html.contains(">7<"));
        assertTrue(html.contains(Runtime.version().toString()));
        assertTrue(html.contains("Fusion summary"));
        assertTrue(count(html, "<svg") >= 3, "graph, comparison and timeline charts");
        for (String m : Registry.schedulers().ids()) {
            assertTrue(html.contains(">" + m + "<"), m);
        }
    }

    @Test
    void fusionTablesAndGroupColoursFollowTheFusedGraph() {
        Graph g = Zoo.get("toy-cell");
        var fused = io.memsched.fusion.Fusion.fuse(g, MemoryModel.DEFAULT);
        tech.tablesaw.api.Table t = Tables.fusion(fused);
        int inGroups = 0;
        for (int k = 0; k < fused.graph().opCount(); k++) {
            inGroups += fused.members().get(k).size() > 1 ? fused.members().get(k).size() : 0;
        }
        assertEquals(inGroups, (int) t.intColumn("members").sum());
        assertTrue(t.name().contains(fused.stats().toString()));
        var s = Tables.fusionSummary(List.of(fused));
        assertEquals(g.opCount(), s.intColumn("opsBefore").get(0));
        assertEquals(fused.graph().opCount(), s.intColumn("opsAfter").get(0));
        var key = GraphSvg.fusedGroups(fused);
        for (int k = 0; k < fused.graph().opCount(); k++) {
            var m = fused.members().get(k);
            for (int j = 0; j < m.size(); j++) {
                String expected = m.size() > 1 ? fused.graph().op(k).name() : "unfused";
                assertEquals(expected, key.apply(g.op(m.get(j))));
            }
        }
    }

    @Test
    void scheduleViewShowsTableAndTimelineAndRefusesAForeignResult() throws Exception {
        Graph g = Zoo.get("diamond");
        ScheduleResult r = Registry.scheduler("greedy", SchedulerOptions.defaults()).schedule(g);
        ScheduleView v = ScheduleView.of(g, r);
        assertTrue(v.html().contains("<table") && v.html().contains("peak " + Sizes.format(r.peakBytes())));
        assertWellFormedXml(v.stackedByTensor().timelineSvg());
        assertTrue(v.stackedByTensor().timelineSvg().contains("other tensors"));
        var e = assertThrows(IllegalArgumentException.class, () -> ScheduleView.of(Zoo.get("tiny"), r));
        assertTrue(e.getMessage().contains("diamond") && e.getMessage().contains("tiny"), e.getMessage());
    }

    @Test
    void bestPrefersAProvenOptimalResultOnTies() {
        Graph g = Zoo.get("tiny");
        ScheduleResult a = Registry.scheduler("program", SchedulerOptions.defaults()).schedule(g);
        ScheduleResult proven = ScheduleResult.verified("oracle", g, a.memoryModel(), a.schedule().indicesIn(g),
                a.peakBytes(), io.memsched.run.Status.OPTIMAL, java.time.Duration.ZERO,
                io.memsched.schedule.AlgorithmStats.NONE);
        ScheduleResult unproven = new ScheduleResult(g.name(), "heuristic", a.memoryModel(), a.schedule(), a.peakBytes(),
                0, false, io.memsched.run.Status.FEASIBLE, java.time.Duration.ZERO, io.memsched.schedule.AlgorithmStats.NONE);
        assertEquals("oracle", new Comparison(g, SchedulerOptions.defaults(), List.of(unproven, proven)).best().method());
    }

    @Test
    void graphHashIsStableAndDiscriminates() {
        assertEquals(Report.graphHash(Zoo.get("tiny")), Report.graphHash(Zoo.get("tiny")));
        assertNotEquals(Report.graphHash(Zoo.get("tiny")), Report.graphHash(Zoo.get("diamond")));
    }

    @Test
    void emptyComparisonIsRefusedNamingTheGraph() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Comparison(Zoo.get("tiny"), SchedulerOptions.defaults(), List.of()));
        assertTrue(e.getMessage().contains("tiny"));
    }

    @Test
    void reportOpensWithASummaryAndFoldsTheOrder() throws Exception {
        Graph g = io.memsched.io.onnx.OnnxImporter.read(Path.of("examples/models/darts_cifar.onnx"));
        ScheduleResult r = Registry.scheduler("greedy", SchedulerOptions.defaults()).schedule(g);
        Report rep = Report.of(new Comparison(g, SchedulerOptions.defaults(), List.of(r)));
        String html = rep.bodyHtml();
        int summary = html.indexOf(">summary<");
        assertTrue(summary > 0 && summary < html.indexOf("<h2>Graph</h2>"), "the summary comes first");
        assertTrue(html.contains(">peak<") && html.contains(">lower bound<") && html.contains(Sizes.format(r.peakBytes())));
        assertFalse(html.contains("too many to draw"), "large graphs are drawn (collapsed)");
        int order = html.indexOf("Order of the best result (725 operators)");
        assertTrue(order > 0 && html.lastIndexOf("<details>", order) > 0, "the order is folded");
        // every SVG picture of the report is human-sized
        Matcher m = Pattern.compile("<svg [^>]*height=\"([0-9.]+)\"").matcher(html);
        int pictures = 0;
        while (m.find()) {
            assertTrue(Double.parseDouble(m.group(1)) <= 1000, "picture of " + m.group(1) + " px");
            pictures++;
        }
        assertTrue(pictures >= 3, "graph, comparison and timeline pictures: " + pictures);
    }

    @Test
    void stackedTimelineLegendLabelsDoNotOverlap() throws Exception {
        Graph g = io.memsched.io.onnx.OnnxImporter.read(Path.of("examples/models/resnet18.onnx"));
        ScheduleResult r = Registry.scheduler("greedy", SchedulerOptions.defaults()).schedule(g);
        String svg = TimelineSvg.stacked(r.timeline(g), "resnet18");
        assertWellFormedXml(svg);
        // legend entries: a 10x10 swatch followed by its label; on one row, each label ends before the next swatch
        Matcher m = Pattern.compile("<rect x=\"([0-9.]+)\" y=\"([0-9.]+)\" width=\"10\" height=\"10\"[^>]*/>"
                + "<text x=\"([0-9.]+)\" y=\"[0-9.]+\" text-anchor=\"start\" font-size=\"11\">([^<]*)</text>").matcher(svg);
        List<double[]> entries = new java.util.ArrayList<>();
        List<String> labels = new java.util.ArrayList<>();
        while (m.find()) {
            entries.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
            labels.add(m.group(4));
        }
        assertEquals(TimelineSvg.STACKED_TENSORS + 2, entries.size(), "every legend entry found");
        for (int i = 1; i < entries.size(); i++) {
            double[] a = entries.get(i - 1);
            double[] b = entries.get(i);
            if (a[1] == b[1]) {
                assertTrue(a[2] + Svg.textWidth(labels.get(i - 1).replace("&amp;", "&"), 11) < b[0],
                        "'" + labels.get(i - 1) + "' runs into the next entry");
            }
            assertTrue(b[2] + Svg.textWidth(labels.get(i), 11) <= 760, "legend inside the picture");
        }
    }
}
