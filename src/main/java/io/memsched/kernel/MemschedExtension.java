package io.memsched.kernel;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryTimeline;
import io.memsched.report.Comparison;
import io.memsched.report.GraphSvg;
import io.memsched.report.Report;
import io.memsched.report.Tables;
import io.memsched.report.TimelineSvg;
import io.memsched.schedule.ScheduleResult;
import java.util.List;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.api.Table;

/**
 * Registers the memsched renderers with a JJava kernel: a {@link Graph} as an SVG drawing, a
 * {@link MemoryTimeline} as an SVG chart, a {@link ScheduleResult} as a one-row HTML table, a Tablesaw
 * {@link Table} as an HTML table, a {@link Comparison} as a table and a bar chart, a {@link Report} as its HTML body.
 * Found by JJava's {@code ServiceLoader} when the memsched jar is loaded ({@code %jars memsched-all.jar}); or call
 * {@code new io.memsched.kernel.MemschedExtension().install(BaseKernel.notebookKernel())} once.
 */
public final class MemschedExtension implements Extension {
    /** Registers every memsched renderer with {@code kernel}'s renderer. */
    @Override
    public void install(BaseKernel kernel) {
        register(kernel.getRenderer());
    }

    /** Registers every memsched renderer with {@code renderer}. */
    public static void register(Renderer renderer) {
        renderer.createRegistration(Graph.class).preferring(MIMEType.IMAGE_SVG).supporting(MIMEType.IMAGE_SVG)
                .register((g, ctx) -> ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> GraphSvg.render(g)));
        renderer.createRegistration(MemoryTimeline.class).preferring(MIMEType.IMAGE_SVG).supporting(MIMEType.IMAGE_SVG)
                .register((t, ctx) -> ctx.renderIfRequested(MIMEType.IMAGE_SVG,
                        () -> TimelineSvg.render(t, "Memory timeline")));
        renderer.createRegistration(ScheduleResult.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_HTML)
                .register((r, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML,
                        () -> Tables.html(Tables.comparison(List.of(r)))));
        renderer.createRegistration(Table.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_HTML)
                .register((t, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> Tables.html(t, 200)));
        renderer.createRegistration(Comparison.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_HTML)
                .register((c, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML, c::html));
        renderer.createRegistration(Report.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_HTML)
                .register((r, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML, r::bodyHtml));
    }
}
