package io.memsched.kernel;

import io.memsched.Plan;
import io.memsched.graph.Graph;
import io.memsched.arena.ArenaPlan;
import io.memsched.graph.Sizes;
import io.memsched.memory.MemoryTimeline;
import io.memsched.report.ArenaReport;
import io.memsched.report.Comparison;
import io.memsched.report.GraphSvg;
import io.memsched.report.GraphView;
import io.memsched.report.Report;
import io.memsched.report.ScheduleView;
import io.memsched.report.Tables;
import io.memsched.report.Timeline;
import io.memsched.report.TimelineSvg;
import io.memsched.schedule.ScheduleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.api.Table;

/**
 * Registers the memsched renderers with a JJava kernel. Pictures ({@link Graph}, {@link GraphView}, {@link Timeline},
 * {@link MemoryTimeline}, {@link ArenaPlan}) render as {@code image/svg+xml} with a one-line {@code text/plain},
 * never as SVG inside HTML (a notebook opened untrusted, GitHub and nbviewer strip that); tables
 * ({@link ScheduleResult}, Tablesaw {@link Table}) as plain HTML tables. Values that hold tables and pictures
 * ({@link Plan}, {@link ScheduleView}, {@link Comparison}, {@link Report}) are <em>composites</em>: the memsched
 * kernel shows them as several outputs, HTML parts and SVG pictures in turn ({@link #parts(Renderer, Object)});
 * a stock JJava kernel, which shows one bundle per value, gets their HTML with the pictures as {@code <img>}
 * elements. Found by JJava's {@code ServiceLoader} when the memsched jar is loaded ({@code %jars memsched-all.jar});
 * or call {@code new io.memsched.kernel.MemschedExtension().install(BaseKernel.notebookKernel())} once.
 */
public final class MemschedExtension implements Extension {
    /** A value type whose rendering is one HTML fragment with inline pictures, and its text form. */
    private record Composite<T>(Class<T> type, Function<T, String> html, Function<T, String> text) {
        Optional<String> htmlOf(Object value) {
            return type.isInstance(value) ? Optional.of(html.apply(type.cast(value))) : Optional.empty();
        }
    }

    private static final List<Composite<?>> COMPOSITES = List.of(
            new Composite<>(Plan.class, p -> ScheduleView.of(p.graph(), p.result()).html(), Plan::toString),
            new Composite<>(ScheduleView.class, ScheduleView::html, ScheduleView::toString),
            new Composite<>(Comparison.class, Comparison::html, Comparison::toString),
            new Composite<>(Report.class, Report::bodyHtml, Report::toString));

    /** Registers every memsched renderer with {@code kernel}'s renderer. */
    @Override
    public void install(BaseKernel kernel) {
        register(kernel.getRenderer());
    }

    /** Registers every memsched renderer with {@code renderer}. */
    public static void register(Renderer renderer) {
        picture(renderer, Graph.class, GraphSvg::render, GraphSvg::summary);
        picture(renderer, GraphView.class, GraphView::svg, GraphView::toString);
        picture(renderer, MemoryTimeline.class, t -> TimelineSvg.render(t, "Memory timeline"), MemschedExtension::summary);
        picture(renderer, Timeline.class, Timeline::svg, Timeline::toString);
        picture(renderer, ArenaPlan.class, ArenaReport::svg, ArenaPlan::toString);
        table(renderer, ScheduleResult.class, r -> Tables.html(Tables.comparison(List.of(r))), ScheduleResult::toString);
        table(renderer, Table.class, t -> Tables.html(t, 200), Table::toString);
        for (Composite<?> c : COMPOSITES) {
            composite(renderer, c);
        }
    }

    private static <T> void picture(Renderer renderer, Class<T> type, Function<T, String> svg, Function<T, String> text) {
        renderer.createRegistration(type).preferring(MIMEType.IMAGE_SVG, MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .supporting(MIMEType.IMAGE_SVG, MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .register((v, ctx) -> {
                    String picture = svg.apply(v);
                    ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> picture);
                    SvgPng.base64(picture).ifPresent(png -> ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> png));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text.apply(v));
                });
    }

    private static <T> void table(Renderer renderer, Class<T> type, Function<T, String> html, Function<T, String> text) {
        renderer.createRegistration(type).preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((v, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> html.apply(v));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text.apply(v));
                });
    }

    private static <T> void composite(Renderer renderer, Composite<T> c) {
        renderer.createRegistration(c.type()).preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((v, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> Displays.inlineImages(c.html().apply(v)));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> c.text().apply(v));
                });
    }

    /**
     * How {@code value} shows as notebook outputs, in order: a composite as its HTML parts and pictures (the value's
     * text form on the last one), anything else as the one bundle of {@code renderer}.
     */
    static List<DisplayData> parts(Renderer renderer, Object value) {
        for (Composite<?> c : COMPOSITES) {
            Optional<String> html = c.htmlOf(value);
            if (html.isPresent()) {
                List<DisplayData> out = new ArrayList<>();
                for (Displays.Part p : Displays.split(html.get())) {
                    DisplayData d = new DisplayData();
                    d.putData(p.mimeType(), p.content());
                    if (p.picture()) {
                        SvgPng.base64(p.content()).ifPresent(png -> d.putData("image/png", png));
                    }
                    out.add(d);
                }
                if (out.isEmpty()) {
                    out.add(new DisplayData());
                }
                out.get(out.size() - 1).putText(value.toString());
                return out;
            }
        }
        return List.of(renderer.render(value));
    }

    /** One line for a timeline's text form: steps, model, peak and where it is. */
    static String summary(MemoryTimeline t) {
        String at = t.steps().isEmpty() ? "" : " at step " + t.peakStep() + " (" + t.steps().get(t.peakStep() - 1).op() + ")";
        return "memory timeline: " + t.steps().size() + " steps, model " + t.model() + ", peak "
                + Sizes.format(t.peakBytes()) + at;
    }
}
