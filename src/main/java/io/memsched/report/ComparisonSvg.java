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
 * Draws a method comparison as a horizontal SVG bar chart, one bar per result, grouped by graph. With one graph the
 * bars show the peak in B/KB/MB; with several they show the peak relative to the best method of the same graph
 * (1.0 = best). The best bar of each graph is green and proven-optimal results carry a check mark.
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
        boolean relative = byGraph.size() > 1;
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
