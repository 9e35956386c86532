package io.memsched.report;

import static io.memsched.report.Svg.n;

import io.memsched.graph.Sizes;
import io.memsched.memory.MemoryTimeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Draws a memory timeline as an SVG bar chart: one bar per step with its footprint, the y axis in B/KB/MB/GB, the
 * peak marked by a red dashed line and a label naming step and operator. The stacked variant splits each bar into
 * the largest tensors alive at that step, the workspace, and the rest.
 * <pre>{@code
 * String svg = TimelineSvg.render(result.timeline(graph), "greedy on tiny");
 * String stacked = TimelineSvg.stacked(result.timeline(graph), "greedy on tiny");
 * }</pre>
 */
public final class TimelineSvg {
    /** Tensors shown by name in the stacked chart; the others are summed as "other tensors". */
    public static final int STACKED_TENSORS = 8;

    private static final double WIDTH = 760;
    private static final double HEIGHT = 340;
    private static final double LEFT = 70;
    private static final double RIGHT = 20;
    private static final double TOP = 44;
    private static final double BOTTOM = 50;

    private TimelineSvg() {
    }

    /** Footprint per step, the peak marked. */
    public static String render(MemoryTimeline timeline, String title) {
        return draw(timeline, title, false);
    }

    /** Footprint per step split by tensor (the {@link #STACKED_TENSORS} largest, workspace, other), peak marked. */
    public static String stacked(MemoryTimeline timeline, String title) {
        return draw(timeline, title, true);
    }

    private static String draw(MemoryTimeline t, String title, boolean stacked) {
        Objects.requireNonNull(t, "timeline");
        Objects.requireNonNull(title, "title");
        List<MemoryTimeline.Step> steps = t.steps();
        int n = steps.size();
        List<MemoryTimeline.Lifetime> named = stacked ? largest(t) : List.of();
        List<String> keys = new ArrayList<>();
        named.forEach(l -> keys.add(l.tensor()));
        keys.add("workspace");
        keys.add("other tensors");
        var colours = Svg.colours(keys);
        Legend legend = Legend.layout(stacked ? keys : List.of(), colours::get, WIDTH - LEFT - RIGHT, STACKED_TENSORS + 2);
        double legendH = stacked ? legend.height() + 4 : 0;
        double height = HEIGHT + legendH;
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double maxBytes = Math.max(1, t.peakBytes());
        Svg.ByteUnit unit = Svg.ByteUnit.forMax(maxBytes);
        List<Double> ticks = Svg.ticks(maxBytes / unit.bytes(), 5);
        double axisMax = ticks.get(ticks.size() - 1) * unit.bytes();
        double barW = n == 0 ? plotW : plotW / n;
        double gap = barW > 6 ? Math.min(2, barW * 0.15) : 0;

        StringBuilder s = new StringBuilder();
        s.append(Svg.open(WIDTH, height, title));
        s.append(Svg.text(LEFT, 20, "start", "font-size=\"14\" font-weight=\"bold\"", title));
        s.append(Svg.text(LEFT, 36, "start", "font-size=\"11\" fill=\"#555\"", n + " steps, memory model " + t.model()
                + ", peak " + Sizes.format(t.peakBytes()) + " (" + t.peakBytes() + " B)"));
        // grid and y axis
        for (double v : ticks) {
            double y = TOP + plotH - plotH * (v * unit.bytes()) / axisMax;
            s.append(Svg.line(LEFT, y, LEFT + plotW, y, "stroke=\"#e5e5e5\""));
            s.append(Svg.text(LEFT - 6, y + 4, "end", "font-size=\"11\"", Svg.tickLabel(v) + " " + unit.name()));
        }
        s.append(Svg.line(LEFT, TOP, LEFT, TOP + plotH, "stroke=\"#333\""));
        s.append(Svg.line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "stroke=\"#333\""));
        s.append("<text transform=\"translate(16," + n(TOP + plotH / 2) + ") rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">memory ("
                + unit.name() + ")</text>");
        s.append(Svg.text(LEFT + plotW / 2, TOP + plotH + 38, "middle", "font-size=\"12\"", "step (operator in schedule order)"));
        // x ticks
        int every = Math.max(1, (int) Math.ceil(n / 20.0));
        for (int i = 0; i < n; i++) {
            int step = i + 1;
            if (step % every == 0 || step == 1) {
                double x = LEFT + barW * i + barW / 2;
                s.append(Svg.line(x, TOP + plotH, x, TOP + plotH + 4, "stroke=\"#333\""));
                s.append(Svg.text(x, TOP + plotH + 16, "middle", "font-size=\"10\"", Integer.toString(step)));
            }
        }
        // bars
        for (int i = 0; i < n; i++) {
            MemoryTimeline.Step st = steps.get(i);
            double x = LEFT + barW * i + gap / 2;
            double w = barW - gap;
            String tip = "step " + st.step() + ": " + st.op() + ", footprint " + Sizes.format(st.footprintBytes());
            s.append("<g><title>").append(Svg.esc(tip)).append("</title>");
            if (!stacked) {
                double h = plotH * st.footprintBytes() / axisMax;
                String fill = st.step() == t.peakStep() ? "#e15759" : "#4e79a7";
                s.append(Svg.rect(x, TOP + plotH - h, w, h, "fill=\"" + fill + "\""));
            } else {
                long base = 0;
                long budget = st.footprintBytes();
                for (MemoryTimeline.Lifetime l : named) {
                    if (Math.max(1, l.firstStep()) <= st.step() && st.step() <= l.lastStep()) {
                        long b = Math.min(l.bytes(), budget - base);
                        base = segment(s, x, w, base, b, axisMax, plotH, colours.get(l.tensor()));
                    }
                }
                long ws = Math.min(st.workspaceBytes(), budget - base);
                base = segment(s, x, w, base, ws, axisMax, plotH, colours.get("workspace"));
                segment(s, x, w, base, budget - base, axisMax, plotH, colours.get("other tensors"));
            }
            s.append("</g>");
        }
        // peak
        if (n > 0) {
            double py = TOP + plotH - plotH * t.peakBytes() / axisMax;
            s.append(Svg.line(LEFT, py, LEFT + plotW, py, "stroke=\"#d62728\" stroke-width=\"1.5\" stroke-dasharray=\"6,4\""));
            int pi = t.peakStep() - 1;
            double px = LEFT + barW * pi + barW / 2;
            s.append("<circle cx=\"" + n(px) + "\" cy=\"" + n(py) + "\" r=\"4\" fill=\"#d62728\"/>");
            String prefix = "peak " + Sizes.format(t.peakBytes()) + " at step " + t.peakStep() + " (";
            boolean right = px < LEFT + plotW * 0.6;
            double room = (right ? LEFT + plotW - px - 8 : px - LEFT - 8) - Svg.textWidth(prefix + ")", 12);
            String label = prefix + Svg.fit(steps.get(pi).op(), Math.max(40, room), 12) + ")";
            s.append(Svg.text(px + (right ? 8 : -8), py - 8, right ? "start" : "end",
                    "font-size=\"12\" font-weight=\"bold\" fill=\"#d62728\" stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\"", label));
        }
        if (stacked) {
            legend.draw(s, LEFT, HEIGHT + 4);
        }
        s.append("</svg>");
        return s.toString();
    }

    private static long segment(StringBuilder s, double x, double w, long base, long bytes, double axisMax, double plotH,
                                String fill) {
        if (bytes <= 0) {
            return base;
        }
        double y0 = TOP + plotH - plotH * base / axisMax;
        double h = plotH * bytes / axisMax;
        s.append(Svg.rect(x, y0 - h, w, h, "fill=\"" + fill + "\" stroke=\"white\" stroke-width=\"0.5\""));
        return base + bytes;
    }

    /** The tensors with the most byte-steps (bytes times steps alive), at most {@link #STACKED_TENSORS}. */
    private static List<MemoryTimeline.Lifetime> largest(MemoryTimeline t) {
        return t.lifetimes().stream()
                .filter(l -> l.lastStep() >= Math.max(1, l.firstStep()))
                .sorted(Comparator.comparingLong((MemoryTimeline.Lifetime l) ->
                        -l.bytes() * (l.lastStep() - Math.max(1, l.firstStep()) + 1)).thenComparing(MemoryTimeline.Lifetime::tensor))
                .limit(STACKED_TENSORS)
                .toList();
    }
}
