package io.memsched.kernel;

import io.memsched.Plan;
import io.memsched.graph.Graph;
import io.memsched.arena.ArenaPlan;
import io.memsched.memory.MemoryTimeline;
import io.memsched.report.ArenaReport;
import io.memsched.report.Comparison;
import io.memsched.report.GraphSvg;
import io.memsched.report.Report;
import io.memsched.report.ScheduleView;
import io.memsched.report.Tables;
import io.memsched.report.Timeline;
import io.memsched.report.TimelineSvg;
import io.memsched.schedule.ScheduleResult;
import java.util.List;
import java.util.function.Function;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.api.Table;

/**
 * Registers the memsched renderers with a JJava kernel: a {@link Plan} as its result table and timeline chart, a
 * {@link Graph} as an SVG drawing, a {@link Timeline} or {@link MemoryTimeline} as an SVG chart (these three also as
 * HTML with the SVG inline), a {@link ScheduleResult} as a one-row HTML table, a Tablesaw {@link Table} as an HTML
 * table, a {@link ScheduleView} (result + graph) as its table and timeline chart, a {@link Comparison} as a table and
 * a bar chart, a {@link Report} as its HTML body, an {@link ArenaPlan} as its layout drawing (time x address).
 * Found by JJava's {@code ServiceLoader} when the memsched jar is loaded ({@code %jars memsched-all.jar}); or call
 * {@code new io.memsched.kernel.MemschedExtension().install(BaseKernel.notebookKernel())} once.
 */
public final class MemschedExtension implements Extension {
    /** Registers every memsched renderer with {@code kernel}'s renderer. */
    @Override
    public void install(BaseKernel kernel) {
        register(kernel.getRenderer());
    }

    /**
     * Registers a picture as {@code image/svg+xml} and as {@code text/html} holding the same inline SVG: nbconvert
     * (6.5+) strips the elements of {@code image/svg+xml} outputs in its HTML export, while HTML outputs, which
     * Jupyter front ends prefer, keep them.
     */
    private static <T> void svgAndHtml(Renderer renderer, Class<T> type, Function<T, String> svg,
                                       Function<T, String> text) {
        renderer.createRegistration(type).preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_SVG, MIMEType.TEXT_PLAIN)
                .supporting(MIMEType.TEXT_HTML, MIMEType.IMAGE_SVG, MIMEType.TEXT_PLAIN)
                .register((v, ctx) -> {
                    String picture = svg.apply(v);
                    ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> picture);
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> htmlOf(picture));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text.apply(v));
                });
    }

    /** As {@link #svgAndHtml(Renderer, Class, Function, Function)} with {@code toString()} as the text form. */
    private static <T> void svgAndHtml(Renderer renderer, Class<T> type, Function<T, String> svg) {
        svgAndHtml(renderer, type, svg, Object::toString);
    }

    /** One line for a timeline's text form: steps, model, peak and where it is. */
    static String summary(MemoryTimeline t) {
        String at = t.steps().isEmpty() ? "" : " at step " + t.peakStep() + " (" + t.steps().get(t.peakStep() - 1).op() + ")";
        return "memory timeline: " + t.steps().size() + " steps, model " + t.model() + ", peak "
                + io.memsched.graph.Sizes.format(t.peakBytes()) + at;
    }

    /** An SVG picture wrapped for a {@code text/html} output. */
    static String htmlOf(String svg) {
        return "<div class=\"memsched-svg\">" + svg + "</div>";
    }

    /** Registers every memsched renderer with {@code renderer}. */
    public static void register(Renderer renderer) {
        svgAndHtml(renderer, Graph.class, GraphSvg::render, GraphSvg::summary);
        svgAndHtml(renderer, MemoryTimeline.class, t -> TimelineSvg.render(t, "Memory timeline"),
                MemschedExtension::summary);
        svgAndHtml(renderer, Timeline.class, Timeline::svg);
        renderer.createRegistration(Plan.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_HTML,
                MIMEType.TEXT_PLAIN).register((p, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> ScheduleView.of(p.graph(), p.result()).html());
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, p::toString);
                });
        renderer.createRegistration(ScheduleResult.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_HTML)
                .register((r, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML,
                        () -> Tables.html(Tables.comparison(List.of(r)))));
        renderer.createRegistration(ScheduleView.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_HTML)
                .register((v, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML, v::html));
        renderer.createRegistration(Table.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_HTML)
                .register((t, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> Tables.html(t, 200)));
        renderer.createRegistration(Comparison.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_HTML)
                .register((c, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML, c::html));
        svgAndHtml(renderer, ArenaPlan.class, ArenaReport::svg);
        renderer.createRegistration(Report.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_HTML)
                .register((r, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML, r::bodyHtml));
    }
}
