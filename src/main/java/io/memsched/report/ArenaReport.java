package io.memsched.report;

import io.memsched.graph.Sizes;
import io.memsched.memory.ArenaPlan;
import io.memsched.memory.ArenaProblem;
import java.util.Locale;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Views of an {@link ArenaPlan}: a Tablesaw table of the layout and an SVG picture of it (time across, addresses
 * up, one rectangle per buffer), for notebooks and reports.
 * <pre>{@code
 * ArenaPlan plan = ArenaPlanners.create("exact").plan(graph, MemoryModel.INPLACE, order);
 * ArenaReport.table(plan).sortDescendingOn("bytes").print();
 * Files.writeString(Path.of("arena.svg"), ArenaReport.svg(plan));
 * }</pre>
 */
public final class ArenaReport {
    private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
        "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
    private static final int WIDTH = 800;
    private static final int HEIGHT = 400;
    private static final int MARGIN = 50;

    private ArenaReport() {
    }

    /** One row per buffer: buffer (its tensors), bytes, offset, end, first and last step, workspace or not. */
    public static Table table(ArenaPlan plan) {
        StringColumn buffer = StringColumn.create("buffer");
        LongColumn bytes = LongColumn.create("bytes");
        LongColumn offset = LongColumn.create("offset");
        LongColumn end = LongColumn.create("end");
        IntColumn first = IntColumn.create("firstStep");
        IntColumn last = IntColumn.create("lastStep");
        BooleanColumn ws = BooleanColumn.create("workspace");
        for (ArenaProblem.Buffer b : plan.problem().buffers()) {
            buffer.append(b.name());
            bytes.append(b.bytes());
            offset.append(plan.offset(b.index()));
            end.append(plan.offset(b.index()) + b.bytes());
            first.append(b.firstStep());
            last.append(b.lastStep());
            ws.append(b.workspace());
        }
        return Table.create(String.format(Locale.ROOT, "arena %s of %s: %s, peak %s, fragmentation %.3f",
                plan.planner(), plan.problem().graphName(), Sizes.format(plan.arenaBytes()), Sizes.format(plan.peakBytes()),
                plan.fragmentation()), buffer, bytes, offset, end, first, last, ws);
    }

    /**
     * The layout as a standalone SVG document: steps on the x axis, byte addresses on the y axis, one rectangle per
     * buffer (hover for its name, size, offset and steps), a dashed line at the peak and the arena's top edge.
     */
    public static String svg(ArenaPlan plan) {
        int steps = Math.max(1, plan.problem().steps());
        long arena = Math.max(1, plan.arenaBytes());
        double plotW = WIDTH - 2.0 * MARGIN;
        double plotH = HEIGHT - 2.0 * MARGIN;
        double colW = plotW / (steps + 1);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"13\">%s</text>%n", MARGIN,
                escape(String.format(Locale.ROOT, "%s arena of %s: %s for a peak of %s (fragmentation %.3f)",
                        plan.planner(), plan.problem().graphName(), Sizes.format(plan.arenaBytes()),
                        Sizes.format(plan.peakBytes()), plan.fragmentation()))));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"#f7f7f7\" "
                + "stroke=\"#333\"/>%n", MARGIN, MARGIN, plotW, plotH));
        for (ArenaProblem.Buffer b : plan.problem().buffers()) {
            if (b.bytes() == 0) {
                continue;
            }
            double x = MARGIN + b.firstStep() * colW;
            double w = (b.lastStep() - b.firstStep() + 1) * colW;
            double h = plotH * b.bytes() / arena;
            double y = MARGIN + plotH - plotH * (plan.offset(b.index()) + b.bytes()) / arena;
            String fill = b.workspace() ? "#cccccc" : PALETTE[b.index() % PALETTE.length];
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                    + "fill=\"%s\" fill-opacity=\"0.85\" stroke=\"#222\" stroke-width=\"0.5\"><title>%s</title></rect>%n",
                    x, y, w, h, fill, escape(b.name() + ": " + b.bytes() + " B at " + plan.offset(b.index())
                            + ", steps " + b.firstStep() + "-" + b.lastStep())));
        }
        double peakY = MARGIN + plotH - plotH * plan.peakBytes() / arena;
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.2f\" x2=\"%.1f\" y2=\"%.2f\" stroke=\"#d00\" "
                + "stroke-dasharray=\"6 4\"><title>peak %d B</title></line>%n", MARGIN, peakY, MARGIN + plotW, peakY,
                plan.peakBytes()));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">step 0</text>%n", MARGIN, HEIGHT - MARGIN + 15));
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"end\">step %d</text>%n",
                MARGIN + plotW, HEIGHT - MARGIN + 15, plan.problem().steps()));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>%n", MARGIN - 4,
                HEIGHT - MARGIN));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", MARGIN - 4,
                MARGIN + 4, escape(Sizes.format(plan.arenaBytes()))));
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
