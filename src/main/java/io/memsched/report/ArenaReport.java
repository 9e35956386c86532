package io.memsched.report;

import io.memsched.graph.Sizes;
import io.memsched.arena.ArenaPlan;
import io.memsched.arena.ArenaProblem;
import java.util.List;
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
 * ArenaPlan plan = plan.arena("exact");                 // a Plan from the facade
 * ArenaReport.table(plan).sortDescendingOn("bytes").print();
 * Files.writeString(Path.of("arena.svg"), ArenaReport.svg(plan));
 * }</pre>
 */
public final class ArenaReport {
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
                plan.planner(), plan.problem().name(), Sizes.format(plan.arenaBytes()), Sizes.format(plan.peakBytes()),
                plan.fragmentation()), buffer, bytes, offset, end, first, last, ws);
    }

    /**
     * The layout as a standalone SVG document: steps on the x axis, byte addresses on the y axis, one rectangle per
     * buffer (hover for its name, size, offset and steps; workspaces in grey), a dashed red line at the peak.
     */
    public static String svg(ArenaPlan plan) {
        int steps = Math.max(1, plan.problem().steps());
        double arena = Math.max(1, plan.arenaBytes());
        Svg.ByteUnit unit = Svg.ByteUnit.forMax(arena);
        List<Double> ticks = Svg.ticks(arena / unit.bytes(), 5);
        double top = Math.max(arena, ticks.get(ticks.size() - 1) * unit.bytes());
        double plotW = WIDTH - MARGIN - 20.0;
        double plotH = HEIGHT - 2.0 * MARGIN;
        double colW = plotW / (steps + 1);
        String title = String.format(Locale.ROOT, "%s arena of %s: %s for a peak of %s (fragmentation %.3f)",
                plan.planner(), plan.problem().name(), Sizes.format(plan.arenaBytes()),
                Sizes.format(plan.peakBytes()), plan.fragmentation());
        StringBuilder sb = new StringBuilder(Svg.open(WIDTH, HEIGHT, title)).append('\n');
        sb.append(Svg.text(MARGIN, 20, "start", "font-size=\"13\"", title)).append('\n');
        sb.append(Svg.rect(MARGIN, MARGIN, plotW, plotH, "fill=\"#f7f7f7\" stroke=\"#333\"")).append('\n');
        for (double t : ticks) {
            double y = MARGIN + plotH - plotH * t * unit.bytes() / top;
            sb.append(Svg.line(MARGIN - 4, y, MARGIN, y, "stroke=\"#333\""));
            sb.append(Svg.text(MARGIN - 6, y + 4, "end", "", Svg.tickLabel(t))).append('\n');
        }
        sb.append(Svg.text(12, MARGIN - 8, "start", "", unit.name())).append('\n');
        for (ArenaProblem.Buffer b : plan.problem().buffers()) {
            if (b.bytes() == 0) {
                continue;
            }
            double x = MARGIN + b.firstStep() * colW;
            double w = (b.lastStep() - b.firstStep() + 1) * colW;
            double h = plotH * b.bytes() / top;
            double y = MARGIN + plotH - plotH * (plan.offset(b.index()) + b.bytes()) / top;
            String fill = b.workspace() ? "#cccccc" : Svg.PALETTE.get(b.index() % Svg.PALETTE.size());
            sb.append("<g><title>").append(Svg.esc(b.name() + ": " + b.bytes() + " B at " + plan.offset(b.index())
                    + ", steps " + b.firstStep() + "-" + b.lastStep())).append("</title>");
            sb.append(Svg.rect(x, y, w, h, "fill=\"" + fill + "\" fill-opacity=\"0.85\" stroke=\"#222\" "
                    + "stroke-width=\"0.5\"")).append("</g>\n");
        }
        double peakY = MARGIN + plotH - plotH * plan.peakBytes() / top;
        sb.append(Svg.line(MARGIN, peakY, MARGIN + plotW, peakY, "stroke=\"#d00\" stroke-dasharray=\"6 4\""));
        sb.append(Svg.text(MARGIN + plotW, peakY - 4, "end", "fill=\"#d00\"", "peak")).append('\n');
        sb.append(Svg.text(MARGIN, HEIGHT - MARGIN + 16, "start", "", "step 0"));
        sb.append(Svg.text(MARGIN + plotW, HEIGHT - MARGIN + 16, "end", "", "step " + plan.problem().steps()));
        sb.append("\n</svg>\n");
        return sb.toString();
    }
}
