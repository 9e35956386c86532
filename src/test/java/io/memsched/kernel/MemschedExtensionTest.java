package io.memsched.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.Memsched;
import io.memsched.Passes;
import io.memsched.Plan;
import io.memsched.graph.Graph;
import io.memsched.report.Comparison;
import io.memsched.report.GraphSvg;
import io.memsched.report.Report;
import io.memsched.report.ScheduleView;
import io.memsched.report.Tables;
import io.memsched.report.Timeline;
import io.memsched.zoo.Zoo;
import java.util.List;
import java.util.ServiceLoader;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

/**
 * The renderers' MIME bundles follow the rule that keeps notebooks readable when opened untrusted (and on GitHub,
 * nbviewer): pictures are {@code image/svg+xml} only, tables plain HTML tables, and no {@code text/html} holds an
 * {@code <svg>}; composite values become several such outputs.
 */
class MemschedExtensionTest {
    private static Renderer renderer() {
        Renderer r = new Renderer();
        MemschedExtension.register(r);
        return r;
    }

    private static String data(DisplayData d, MIMEType type) {
        Object o = d.getData(type);
        return o == null ? "" : o.toString();
    }

    /** The rule every output obeys: a picture is not also HTML; HTML holds no SVG. */
    static void assertRenderableUntrusted(DisplayData d, String what) {
        String html = data(d, MIMEType.TEXT_HTML);
        assertFalse(html.toLowerCase().contains("<svg"), what + ": SVG inside text/html");
        if (d.hasDataForType(MIMEType.IMAGE_SVG)) {
            assertTrue(data(d, MIMEType.IMAGE_SVG).startsWith("<svg"), what + ": image/svg+xml is an SVG document");
            assertFalse(d.hasDataForType(MIMEType.TEXT_HTML), what + ": a picture is also text/html");
            // Jupyter Notebook shows no SVG of an untrusted notebook: the PNG fallback is what it shows (a picture
            // with a size; an empty <svg/> has nothing to rasterise)
            if (data(d, MIMEType.IMAGE_SVG).contains("height=")) {
                byte[] png = java.util.Base64.getDecoder().decode(data(d, MIMEType.IMAGE_PNG));
                assertTrue(png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G',
                        what + ": image/png fallback");
            }
        }
    }

    private static Plan plan() {
        return Memsched.plan(Zoo.get("toy-cell")).passes(Passes.fusion()).method("dp").run();
    }

    @Test
    void graphRendersAsSvgOnlyWithSummaryText() {
        Graph g = Zoo.get("tiny");
        DisplayData d = renderer().render(g);
        assertRenderableUntrusted(d, "graph");
        assertTrue(data(d, MIMEType.IMAGE_SVG).contains("convA"));
        assertEquals(GraphSvg.summary(g), data(d, MIMEType.TEXT_PLAIN));
        var view = io.memsched.report.GraphView.of(Zoo.get("toy-cell"));
        DisplayData v = renderer().render(view);
        assertRenderableUntrusted(v, "graph view");
        assertEquals(view.svg(), data(v, MIMEType.IMAGE_SVG));
    }

    @Test
    void timelinesRenderAsSvgOnlyWithThePeakMarked() {
        Graph g = Zoo.get("diamond");
        DisplayData d = renderer().render(Memsched.compare(g).best().timeline(g));
        assertRenderableUntrusted(d, "memory timeline");
        assertTrue(data(d, MIMEType.IMAGE_SVG).contains("peak "), "peak label");
        assertTrue(data(d, MIMEType.TEXT_PLAIN).startsWith("memory timeline: 4 steps"), data(d, MIMEType.TEXT_PLAIN));
        Timeline t = Memsched.plan(g).method("greedy").run().timeline();
        DisplayData dt = renderer().render(t);
        assertRenderableUntrusted(dt, "timeline");
        assertEquals(t.svg(), data(dt, MIMEType.IMAGE_SVG));
        assertEquals(t.toString(), data(dt, MIMEType.TEXT_PLAIN));
    }

    @Test
    void arenaPlanRendersAsItsLayoutPicture() {
        var plan = io.memsched.registry.Registry.arenaPlanner("greedy")
                .plan(Zoo.get("tiny"), io.memsched.memory.MemoryModel.DEFAULT, new int[] {0, 1, 2});
        DisplayData d = renderer().render(plan);
        assertRenderableUntrusted(d, "arena");
        assertTrue(data(d, MIMEType.IMAGE_SVG).contains("greedy arena of tiny"));
    }

    @Test
    void tablesAndResultsRenderAsPlainHtmlTables() {
        Graph g = Zoo.get("toy-cell");
        Comparison c = Memsched.compare(g);
        for (Object v : List.of(Tables.lifetimes(c.best().timeline(g)), c.best(), c.table())) {
            DisplayData d = renderer().render(v);
            assertRenderableUntrusted(d, v.getClass().getSimpleName());
            assertTrue(data(d, MIMEType.TEXT_HTML).startsWith("<table") && data(d, MIMEType.TEXT_HTML).contains("<td"));
            assertFalse(data(d, MIMEType.TEXT_PLAIN).isEmpty(), "text form");
        }
    }

    @Test
    void aPlanIsItsResultTableThenItsTimelinePicture() {
        Plan p = plan();
        List<DisplayData> parts = MemschedExtension.parts(renderer(), p);
        parts.forEach(d -> assertRenderableUntrusted(d, "plan part"));
        assertEquals(2, parts.size(), "table, picture");
        assertTrue(data(parts.get(0), MIMEType.TEXT_HTML).contains("<table"), "result table first");
        assertEquals(p.timeline().svg(), data(parts.get(1), MIMEType.IMAGE_SVG), "then the plan's own timeline");
        assertEquals(p.toString(), data(parts.get(1), MIMEType.TEXT_PLAIN), "the text form on the last part");
    }

    @Test
    void everyCompositeSplitsIntoTablesAndPictures() {
        Graph g = Zoo.get("toy-cell");
        Comparison c = Memsched.compare(g, "rpo", "greedy", "dp");
        for (Object v : List.of(plan(), c, ScheduleView.of(g, c.best()), Report.of(c))) {
            List<DisplayData> parts = MemschedExtension.parts(renderer(), v);
            parts.forEach(d -> assertRenderableUntrusted(d, v.getClass().getSimpleName()));
            assertTrue(parts.stream().anyMatch(d -> d.hasDataForType(MIMEType.IMAGE_SVG)), v + ": a picture");
            assertTrue(parts.stream().anyMatch(d -> data(d, MIMEType.TEXT_HTML).contains("<table")), v + ": a table");
            assertEquals(v.toString(), data(parts.get(parts.size() - 1), MIMEType.TEXT_PLAIN));
        }
        List<DisplayData> report = MemschedExtension.parts(renderer(), Report.of(c));
        assertTrue(report.stream().anyMatch(d -> data(d, MIMEType.TEXT_HTML).contains("Tensor lifetimes")), "report body");
    }

    @Test
    void aStockKernelGetsCompositesAsOneHtmlBundleWithImages() {
        Plan p = plan();
        DisplayData d = renderer().render(p);
        assertRenderableUntrusted(d, "plan as one bundle");
        String html = data(d, MIMEType.TEXT_HTML);
        assertTrue(html.contains("<table") && html.contains("<img src=\"data:image/svg+xml;base64,"), html);
        assertEquals(p.toString(), data(d, MIMEType.TEXT_PLAIN));
    }

    @Test
    void otherValuesKeepPlainText() {
        DisplayData d = renderer().render(42);
        assertTrue(data(d, MIMEType.TEXT_PLAIN).contains("42"));
        assertFalse(d.hasDataForType(MIMEType.IMAGE_SVG));
        assertEquals(List.of(d.getData(MIMEType.TEXT_PLAIN)),
                MemschedExtension.parts(renderer(), 42).stream().map(x -> x.getData(MIMEType.TEXT_PLAIN)).toList());
    }

    @Test
    void theExtensionIsFoundByServiceLoaderAsJJavaDoes() {
        assertTrue(ServiceLoader.load(Extension.class).stream()
                .anyMatch(p -> p.type() == MemschedExtension.class), "META-INF/services entry");
    }
}
