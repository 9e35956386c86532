package io.memsched.kernel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an HTML fragment that holds inline {@code <svg>} pictures into notebook outputs that show when a notebook
 * is opened untrusted (Jupyter's sanitizer strips SVG inside {@code text/html}, GitHub and nbviewer too): the HTML
 * between the pictures as {@code text/html} parts, each picture as an {@code image/svg+xml} part. For front ends
 * that show one bundle per value (a stock JJava kernel), {@link #inlineImages(String)} turns the pictures into
 * {@code <img>} elements with {@code data:} URIs instead.
 */
final class Displays {
    /** An {@code <svg} or {@code </svg>} tag (nesting counted). */
    private static final Pattern SVG_TAG = Pattern.compile("<(/?)svg\\b[^>]*?(/?)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private Displays() {
    }

    /** One output of a value: a picture ({@code image/svg+xml}) or an HTML fragment ({@code text/html}). */
    record Part(boolean picture, String content) {
        /** The MIME type of this part. */
        String mimeType() {
            return picture ? "image/svg+xml" : "text/html";
        }
    }

    /**
     * {@code html} cut at its top-level {@code <svg>...</svg>} elements, in order. HTML parts with no text outside
     * their tags (a wrapping {@code <div>} left open or closed by the cut, whitespace) are dropped; browsers and
     * sanitizers balance what a cut leaves open.
     */
    static List<Part> split(String html) {
        List<Part> parts = new ArrayList<>();
        Matcher m = SVG_TAG.matcher(html);
        int depth = 0;
        int htmlStart = 0;
        int svgStart = -1;
        while (m.find()) {
            boolean closing = !m.group(1).isEmpty();
            boolean selfClosing = !m.group(2).isEmpty();
            if (!closing) {
                if (depth == 0) {
                    addHtml(parts, html.substring(htmlStart, m.start()));
                    svgStart = m.start();
                }
                if (selfClosing) {
                    if (depth == 0) {
                        parts.add(new Part(true, html.substring(svgStart, m.end())));
                        htmlStart = m.end();
                    }
                } else {
                    depth++;
                }
            } else if (depth > 0 && --depth == 0) {
                parts.add(new Part(true, html.substring(svgStart, m.end())));
                htmlStart = m.end();
            }
        }
        if (depth > 0) { // an unclosed picture: the rest is that picture (never SVG inside HTML)
            parts.add(new Part(true, html.substring(svgStart)));
        } else {
            addHtml(parts, html.substring(htmlStart));
        }
        return parts;
    }

    private static void addHtml(List<Part> parts, String html) {
        if (!TAG.matcher(html).replaceAll("").isBlank() || html.contains("<table") || html.contains("<img")) {
            parts.add(new Part(false, html));
        }
    }

    /** {@code html} with every top-level picture as an {@code <img src="data:image/svg+xml;base64,...">}. */
    static String inlineImages(String html) {
        StringBuilder b = new StringBuilder();
        for (Part p : split(html)) {
            b.append(p.picture() ? imgOf(p.content()) : p.content());
        }
        return b.toString();
    }

    /** An {@code <img>} showing {@code svg} from a {@code data:} URI. */
    static String imgOf(String svg) {
        return "<img src=\"data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8)) + "\"/>";
    }
}
