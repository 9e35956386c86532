package io.memsched.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Small helpers shared by the SVG charts: escaping, number formatting, a palette, byte axes. */
final class Svg {
    /** Tableau-10 colours, readable on white and distinct in print. */
    static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
            "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac");
    static final String FONT = "font-family=\"Helvetica,Arial,sans-serif\"";

    private Svg() {
    }

    /** XML-escapes text for element content and attribute values. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A coordinate with at most one decimal. */
    static String n(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** Opening tag of a standalone SVG of this size. */
    static String open(double width, double height, String title) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + n(width) + "\" height=\"" + n(height)
                + "\" viewBox=\"0 0 " + n(width) + " " + n(height) + "\" " + FONT + " font-size=\"12\">"
                + "<title>" + esc(title) + "</title><rect width=\"100%\" height=\"100%\" fill=\"white\"/>";
    }

    /** Helvetica advance widths (1/1000 em) of the printable ASCII characters 32..126. */
    private static final int[] HELVETICA = {278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278,
        278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722,
        667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611,
        278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556,
        556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584};

    /**
     * The width of {@code s} in pixels at {@code fontSize}, an upper estimate: Helvetica/Arial metrics plus 12 % for
     * wider fallback fonts (DejaVu Sans); characters beyond ASCII count a full em.
     */
    static double textWidth(String s, double fontSize) {
        double em = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            em += c >= 32 && c <= 126 ? HELVETICA[c - 32] : 1000;
        }
        return em / 1000.0 * fontSize * 1.12;
    }

    /**
     * {@code s} if it fits in {@code width} pixels at {@code fontSize}, else its start and end joined by an ellipsis
     * in the middle (the ends of names differ most: {@code /cells.7/ops.4/ops.4.5/Conv}).
     */
    static String fit(String s, double width, double fontSize) {
        if (textWidth(s, fontSize) <= width) {
            return s;
        }
        String best = "\u2026";
        int n = s.length();
        for (int keep = n - 1; keep >= 1; keep--) {
            int tail = (keep + 1) / 2 + keep / 6;
            int head = keep - Math.min(tail, keep);
            tail = keep - head;
            String c = s.substring(0, head) + "\u2026" + s.substring(n - tail);
            if (textWidth(c, fontSize) <= width) {
                return c;
            }
        }
        return best;
    }

    static String text(double x, double y, String anchor, String extra, String content) {
        return "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" text-anchor=\"" + anchor + "\"" + (extra.isEmpty() ? "" : " " + extra)
                + ">" + esc(content) + "</text>";
    }

    static String line(double x1, double y1, double x2, double y2, String extra) {
        return "<line x1=\"" + n(x1) + "\" y1=\"" + n(y1) + "\" x2=\"" + n(x2) + "\" y2=\"" + n(y2) + "\" " + extra + "/>";
    }

    static String rect(double x, double y, double w, double h, String extra) {
        return "<rect x=\"" + n(x) + "\" y=\"" + n(y) + "\" width=\"" + n(Math.max(0, w)) + "\" height=\""
                + n(Math.max(0, h)) + "\" " + extra + "/>";
    }

    /** Assigns palette colours to keys in order of first appearance (grey after the palette runs out). */
    static Map<String, String> colours(List<String> keysInOrder) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : keysInOrder) {
            if (!m.containsKey(k)) {
                m.put(k, m.size() < PALETTE.size() ? PALETTE.get(m.size()) : "#999999");
            }
        }
        return m;
    }

    /**
     * A byte unit for an axis whose largest value is {@code max}: B, KB, MB or GB (binary), chosen so that the
     * labels stay below 1024.
     */
    record ByteUnit(String name, double bytes) {
        static ByteUnit forMax(double max) {
            if (max >= 1024.0 * 1024 * 1024) {
                return new ByteUnit("GB", 1024.0 * 1024 * 1024);
            }
            if (max >= 1024.0 * 1024) {
                return new ByteUnit("MB", 1024.0 * 1024);
            }
            if (max >= 1024.0) {
                return new ByteUnit("KB", 1024.0);
            }
            return new ByteUnit("B", 1);
        }
    }

    /** About {@code count} round tick values from 0 to at least {@code max} (1, 2 or 5 times a power of ten). */
    static List<Double> ticks(double max, int count) {
        List<Double> out = new ArrayList<>();
        if (!(max > 0)) {
            out.add(0.0);
            out.add(1.0);
            return out;
        }
        double raw = max / count;
        double pow = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / pow <= 1 ? pow : raw / pow <= 2 ? 2 * pow : raw / pow <= 5 ? 5 * pow : 10 * pow;
        for (int i = 0; ; i++) {
            double v = i * step;
            out.add(v);
            if (v >= max) {
                break;
            }
        }
        return out;
    }

    /** A tick label without trailing zeros. */
    static String tickLabel(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9) {
            return Long.toString(Math.round(v));
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
