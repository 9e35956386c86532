package io.memsched.report;

import io.memsched.graph.Sizes;
import io.memsched.schedule.ScheduleResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Draws a method comparison as SVG. With one graph: a horizontal bar chart, one bar per method, the peak in
 * B/KB/MB, the best bar green. With several graphs: small multiples, one panel per graph (and memory model) in a
 * grid, one bar per method showing its peak relative to the best method of that graph on a shared scale starting at
 * 1 (the best), each method in its {@link Palette} colour with one legend; the drawing stays within about
 * {@link #MAX_HEIGHT} pixels. Proven-optimal results carry a check mark.
 * <pre>{@code
 * String svg = ComparisonSvg.render(results);
 * }</pre>
 */
public final class ComparisonSvg {
    private static final double WIDTH = 760;
    private static final double LABEL_W = 210;
    private static final double BAR_H = 18;
    private static final double TOP = 50;

    private ComparisonSvg() {
    }

    /** The chart for these results (any graphs, any methods). */
    public static String render(Collection<ScheduleResult> results) {
        Objects.requireNonNull(results, "results");
        Map<String, List<ScheduleResult>> byGraph = new LinkedHashMap<>();
        for (ScheduleResult r : results) {
            byGraph.computeIfAbsent(r.graphName() + " (" + r.memoryModel().id() + ")", k -> new ArrayList<>()).add(r);
        }
        if (byGraph.size() > 1) {
            return facets(byGraph);
        }
        boolean relative = false;
        double maxValue = 0;
        for (List<ScheduleResult> rs : byGraph.values()) {
            long best = best(rs);
            for (ScheduleResult r : rs) {
                maxValue = Math.max(maxValue, relative ? ratio(r, best) : r.peakBytes());
            }
        }
        Svg.ByteUnit unit = relative ? new Svg.ByteUnit("\u00d7 best", 1) : Svg.ByteUnit.forMax(Math.max(1, maxValue));
        List<Double> ticks = Svg.ticks(Math.max(relative ? 1 : 1e-9, maxValue / unit.bytes()), 5);
        double axisMax = ticks.get(ticks.size() - 1) * unit.bytes();
        double plotW = WIDTH - LABEL_W - 150;
        int rows = results.size() + byGraph.size();
        double plotH = rows * (BAR_H + 6);
        double height = TOP + plotH + 50;
        String title = relative ? "Peak memory relative to the best method per graph" : "Peak memory by method";

        StringBuilder s = new StringBuilder();
        s.append(Svg.open(WIDTH, height, title));
        s.append(Svg.text(10, 20, "start", "font-size=\"14\" font-weight=\"bold\"", title));
        s.append(Svg.text(10, 37, "start", "font-size=\"11\" fill=\"#555\"",
                "green: best peak of its graph; \u2713: proven optimal (lower bound = peak)"));
        for (double v : ticks) {
            double x = LABEL_W + plotW * v * unit.bytes() / axisMax;
            s.append(Svg.line(x, TOP, x, TOP + plotH, "stroke=\"#e5e5e5\""));
            s.append(Svg.text(x, TOP + plotH + 16, "middle", "font-size=\"11\"", Svg.tickLabel(v)));
        }
        s.append(Svg.line(LABEL_W, TOP, LABEL_W, TOP + plotH, "stroke=\"#333\""));
        s.append(Svg.line(LABEL_W, TOP + plotH, LABEL_W + plotW, TOP + plotH, "stroke=\"#333\""));
        s.append(Svg.text(LABEL_W + plotW / 2, TOP + plotH + 36, "middle", "font-size=\"12\"",
                relative ? "peak / best peak of the same graph" : "peak memory (" + unit.name() + ")"));
        double y = TOP + 4;
        for (Map.Entry<String, List<ScheduleResult>> e : byGraph.entrySet()) {
            s.append(Svg.text(10, y + BAR_H - 5, "start", "font-weight=\"bold\"", clip(e.getKey(), 34)));
            y += BAR_H + 6;
            long best = best(e.getValue());
            for (ScheduleResult r : e.getValue()) {
                double value = relative ? ratio(r, best) : r.peakBytes();
                double w = plotW * value / axisMax;
                boolean isBest = r.peakBytes() == best;
                String tip = r.toString();
                s.append("<g><title>").append(Svg.esc(tip)).append("</title>");
                s.append(Svg.text(LABEL_W - 8, y + BAR_H - 5, "end", "", clip(r.method(), 28)));
                s.append(Svg.rect(LABEL_W, y, w, BAR_H, "fill=\"" + (isBest ? "#59a14f" : "#4e79a7") + "\""));
                String label = Sizes.format(r.peakBytes())
                        + (best > 0 ? String.format(Locale.ROOT, " (%.2f\u00d7)", ratio(r, best)) : "")
                        + (r.optimal() ? " \u2713" : "");
                s.append(Svg.text(LABEL_W + w + 6, y + BAR_H - 5, "start", "font-size=\"11\"", label));
                s.append("</g>");
                y += BAR_H + 6;
            }
        }
        s.append("</svg>");
        return s.toString();
    }

    /** The height a chart of many graphs aims to stay within, pixels. */
    public static final double MAX_HEIGHT = 1000;

    private static String facets(Map<String, List<ScheduleResult>> byGraph) {
        List<String> methods = new ArrayList<>();
        double maxRatio = 1;
        int rowsPerPanel = 0;
        for (List<ScheduleResult> rs : byGraph.values()) {
            long best = best(rs);
            rowsPerPanel = Math.max(rowsPerPanel, rs.size());
            for (ScheduleResult r : rs) {
                if (!methods.contains(r.method())) {
                    methods.add(r.method());
                }
                maxRatio = Math.max(maxRatio, ratio(r, best));
            }
        }
        double cap = Math.min(maxRatio, 3.0);
        List<Double> ticks = new ArrayList<>();
        double step = cap - 1 <= 0.25 ? 0.05 : cap - 1 <= 0.6 ? 0.1 : cap - 1 <= 1.5 ? 0.25 : 0.5;
        for (double v = 1; v <= cap + 1e-9; v += step) {
            ticks.add(v);
        }
        if (ticks.get(ticks.size() - 1) < cap - 1e-9 || ticks.size() < 2) {
            ticks.add(ticks.get(ticks.size() - 1) + step);
        }
        double axisMax = ticks.get(ticks.size() - 1);
        int panels = byGraph.size();
        // columns: as few as keep the grid within MAX_HEIGHT, at least 2 and at most 5
        double header = 62;
        Legend legend = Legend.layout(methods, Palette::colour, WIDTH - 20, 40);
        header += legend.height();
        int columns = 2;
        double rowH = 13;
        double panelH = 22 + rowsPerPanel * rowH + 22;
        while (columns < 5 && header + Math.ceil(panels / (double) columns) * (panelH + 10) > MAX_HEIGHT) {
            columns++;
        }
        if (header + Math.ceil(panels / (double) columns) * (panelH + 10) > MAX_HEIGHT) {
            rowH = Math.max(8, ((MAX_HEIGHT - header) / Math.ceil(panels / (double) columns) - 54) / rowsPerPanel);
            panelH = 22 + rowsPerPanel * rowH + 22;
        }
        double panelW = (WIDTH - 20 - (columns - 1) * 14) / columns;
        double labelW = Math.min(80, panelW * 0.32);
        double valueW = 52;
        double plotW = panelW - labelW - valueW - 6;
        int gridRows = (int) Math.ceil(panels / (double) columns);
        double height = header + gridRows * (panelH + 10) + 10;
        String title = "Peak memory relative to the best method of each graph";

        StringBuilder s = new StringBuilder();
        s.append(Svg.open(WIDTH, height, title));
        s.append(Svg.text(10, 20, "start", "font-size=\"14\" font-weight=\"bold\"", title));
        s.append(Svg.text(10, 37, "start", "font-size=\"11\" fill=\"#555\"", Svg.fit(String.format(Locale.ROOT,
                "%d graphs, %d methods; bar = peak / best peak of the graph (shared scale from 1 = best%s); "
                        + "\u2713 proven optimal", panels, methods.size(), maxRatio > cap ? ", longer bars cut at " + Svg.tickLabel(cap) : ""),
                WIDTH - 20, 11)));
        legend.draw(s, 10, 48);
        int k = 0;
        for (Map.Entry<String, List<ScheduleResult>> e : byGraph.entrySet()) {
            double px = 10 + (k % columns) * (panelW + 14);
            double py = header + (k / columns) * (panelH + 10);
            k++;
            s.append(Svg.rect(px, py, panelW, panelH, "fill=\"#fbfbfb\" stroke=\"#ddd\""));
            s.append("<g><title>").append(Svg.esc(e.getKey())).append("</title>");
            s.append(Svg.text(px + 6, py + 15, "start", "font-size=\"11\" font-weight=\"bold\"",
                    Svg.fit(e.getKey(), panelW - 12, 11)));
            s.append("</g>");
            double x0 = px + labelW;
            double top = py + 22;
            double plotH = rowsPerPanel * rowH;
            for (double v : ticks) {
                double x = x0 + plotW * (v - 1) / (axisMax - 1);
                s.append(Svg.line(x, top, x, top + plotH, "stroke=\"#e5e5e5\""));
                s.append(Svg.text(x, top + plotH + 12, "middle", "font-size=\"9\" fill=\"#555\"", Svg.tickLabel(v)));
            }
            long best = best(e.getValue());
            double y = top;
            for (ScheduleResult r : e.getValue()) {
                double ratio = ratio(r, best);
                double w = Math.max(2, plotW * (Math.min(ratio, axisMax) - 1) / (axisMax - 1));
                s.append("<g><title>").append(Svg.esc(r.toString())).append("</title>");
                s.append(Svg.text(x0 - 4, y + rowH - 3, "end", "font-size=\"" + Svg.n(Math.min(10, rowH - 2)) + "\"",
                        Svg.fit(r.method(), labelW - 8, Math.min(10, rowH - 2))));
                s.append(Svg.rect(x0, y + 1.5, w, rowH - 3, "fill=\"" + Palette.colour(r.method()) + "\""));
                String label = (r.peakBytes() == best ? "best" : String.format(Locale.ROOT, "\u00d7%.2f", ratio))
                        + (r.optimal() ? " \u2713" : "");
                s.append(Svg.text(x0 + w + 3, y + rowH - 3, "start", "font-size=\"" + Svg.n(Math.min(9.5, rowH - 2.5)) + "\"", label));
                s.append("</g>");
                y += rowH;
            }
        }
        s.append("</svg>");
        return s.toString();
    }

    private static long best(List<ScheduleResult> rs) {
        return rs.stream().mapToLong(ScheduleResult::peakBytes).min().orElse(0);
    }

    private static double ratio(ScheduleResult r, long best) {
        return best == 0 ? 1 : (double) r.peakBytes() / best;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }
}
