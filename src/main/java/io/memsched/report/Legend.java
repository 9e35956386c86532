package io.memsched.report;

import static io.memsched.report.Svg.esc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A legend of colour keys laid out in rows that fit a width (labels measured, never overlapping, long ones shortened
 * in the middle with the full key as tooltip); at most a given number of keys, then a note of how many more.
 *
 * @param keys the keys shown, in order
 * @param colours the colour of each key
 * @param at each key's offset (x, y) from the legend's corner
 * @param height the legend's height
 * @param hidden how many keys did not fit
 * @param labelMax the widest a label may be, pixels
 */
record Legend(List<String> keys, Function<String, String> colours, List<double[]> at, double height, int hidden,
              double labelMax) {
    static final double SWATCH = 10;
    static final double ROW = 16;
    static final double LABEL_MAX = 170;

    static Legend layout(List<String> keys, Function<String, String> colours, double width, int maxShown) {
        List<double[]> at = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        double x = 0;
        double y = 0;
        double labelMax = Math.min(LABEL_MAX, width - SWATCH - 4);
        for (String k : keys) {
            if (shown.size() == maxShown) {
                break;
            }
            String label = Svg.fit(k, labelMax, 11);
            double w = SWATCH + 4 + Svg.textWidth(label, 11) + 14;
            if (x > 0 && x + w > width) {
                x = 0;
                y += ROW;
            }
            at.add(new double[] {x, y});
            shown.add(k);
            x += w;
        }
        int hidden = keys.size() - shown.size();
        return new Legend(shown, colours, at, keys.isEmpty() ? 0 : y + ROW + (hidden > 0 ? ROW : 0), hidden, labelMax);
    }

    void draw(StringBuilder s, double x0, double y0) {
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i);
            double x = x0 + at.get(i)[0];
            double y = y0 + at.get(i)[1];
            s.append("<g><title>").append(esc(k)).append("</title>");
            s.append(Svg.rect(x, y, SWATCH, SWATCH, "fill=\"" + colours.apply(k) + "\" stroke=\"#555\" stroke-width=\"0.5\""));
            s.append(Svg.text(x + SWATCH + 4, y + 9, "start", "font-size=\"11\"", Svg.fit(k, labelMax, 11)));
            s.append("</g>");
        }
        if (hidden > 0) {
            s.append(Svg.text(x0, y0 + height - 4, "start", "font-size=\"11\" fill=\"#555\"",
                    "and " + hidden + " more (hover for names)"));
        }
    }
}
