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
import io.memsched.report.Tables;
import io.memsched.report.Timeline;
import io.memsched.zoo.Zoo;
import java.util.ServiceLoader;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

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

    @Test
    void graphRendersAsSvgWithSummaryText() {
        Graph g = Zoo.get("tiny");
        DisplayData d = renderer().render(g);
        assertTrue(data(d, MIMEType.IMAGE_SVG).startsWith("<svg"), "svg");
        assertTrue(data(d, MIMEType.IMAGE_SVG).contains("convA"));
        assertEquals(GraphSvg.summary(g), data(d, MIMEType.TEXT_PLAIN));
        assertTrue(data(d, MIMEType.TEXT_HTML).contains(data(d, MIMEType.IMAGE_SVG)), "same picture inline in HTML");
    }

    @Test
    void timelineRendersAsSvgWithThePeakMarked() {
        Graph g = Zoo.get("diamond");
        var c = io.memsched.Memsched.compare(g);
        DisplayData d = renderer().render(c.best().timeline(g));
        assertTrue(data(d, MIMEType.IMAGE_SVG).contains("peak "), "peak label");
        assertTrue(data(d, MIMEType.TEXT_PLAIN).startsWith("memory timeline: 4 steps"), data(d, MIMEType.TEXT_PLAIN));
    }

    @Test
    void planRendersAsItsResultTableAndTimelineChart() {
        Plan p = Memsched.plan(Zoo.get("toy-cell")).passes(Passes.fusion()).method("dp").run();
        DisplayData d = renderer().render(p);
        String html = data(d, MIMEType.TEXT_HTML);
        assertTrue(html.contains("<table") && html.contains("<td"), "result table");
        assertTrue(html.contains("<svg") && html.contains("peak "), "timeline chart with the peak marked");
        assertTrue(html.contains(p.timeline().svg()), "the plan's own timeline");
        assertEquals(p.toString(), data(d, MIMEType.TEXT_PLAIN));
    }

    @Test
    void timelineOfAPlanRendersAsItsChart() {
        Timeline t = Memsched.plan(Zoo.get("diamond")).method("greedy").run().timeline();
        DisplayData d = renderer().render(t);
        assertTrue(data(d, MIMEType.IMAGE_SVG).startsWith("<svg") && data(d, MIMEType.IMAGE_SVG).contains("peak "));
        assertTrue(data(d, MIMEType.TEXT_HTML).contains(data(d, MIMEType.IMAGE_SVG)), "same picture inline in HTML");
        assertEquals(t.toString(), data(d, MIMEType.TEXT_PLAIN));
    }

    @Test
    void tablesResultsComparisonsAndReportsRenderAsHtml() {
        Graph g = Zoo.get("toy-cell");
        var c = io.memsched.Memsched.compare(g);
        Renderer r = renderer();
        assertTrue(data(r.render(Tables.lifetimes(c.best().timeline(g))), MIMEType.TEXT_HTML).contains("<table"));
        assertTrue(data(r.render(c.best()), MIMEType.TEXT_HTML).contains("<td"));
        String comparison = data(r.render(c), MIMEType.TEXT_HTML);
        assertTrue(comparison.contains("<table") && comparison.contains("<svg"), "table and chart");
        String view = data(r.render(io.memsched.report.ScheduleView.of(g, c.best())), MIMEType.TEXT_HTML);
        assertTrue(view.contains("<table") && view.contains("peak "), "result table and timeline");
        String report = data(r.render(Report.of(c)), MIMEType.TEXT_HTML);
        assertTrue(report.contains("Tensor lifetimes"));
    }

    @Test
    void arenaPlanRendersAsItsLayout() {
        Graph g = Zoo.get("tiny");
        var plan = io.memsched.registry.Registry.arenaPlanner("greedy")
                .plan(g, io.memsched.memory.MemoryModel.DEFAULT, new int[] {0, 1, 2});
        String svg = data(renderer().render(plan), MIMEType.IMAGE_SVG);
        assertTrue(svg.startsWith("<svg") && svg.contains("greedy arena of tiny"), svg);
    }

    @Test
    void otherValuesKeepPlainText() {
        DisplayData d = renderer().render(42);
        assertTrue(data(d, MIMEType.TEXT_PLAIN).contains("42"));
        assertFalse(d.hasDataForType(MIMEType.IMAGE_SVG));
    }

    @Test
    void theExtensionIsFoundByServiceLoaderAsJJavaDoes() {
        assertTrue(ServiceLoader.load(Extension.class).stream()
                .anyMatch(p -> p.type() == MemschedExtension.class), "META-INF/services entry");
    }
}
