package io.memsched.kernel;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.geometry.size.FloatSize;
import com.github.weisj.jsvg.parser.SVGLoader;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The PNG fallback of a picture, rasterised by JSVG: Jupyter Notebook shows no {@code image/svg+xml} output of a
 * notebook opened untrusted (it falls back to the next type it trusts), but it shows {@code image/png}, so every
 * picture is sent as both. Empty when the SVG cannot be rasterised (the SVG still goes out).
 */
final class SvgPng {
    private SvgPng() {
    }

    /** The picture as base64 PNG (what {@code image/png} outputs carry), or empty. */
    static Optional<String> base64(String svg) {
        try {
            SVGDocument doc = new SVGLoader().load(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            if (doc == null) {
                return Optional.empty();
            }
            FloatSize size = doc.size();
            int w = (int) Math.ceil(size.width);
            int h = (int) Math.ceil(size.height);
            if (w <= 0 || h <= 0 || (long) w * h > 4_000_000L) {
                return Optional.empty();
            }
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = img.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
                doc.render((java.awt.Component) null, g, null);
            } finally {
                g.dispose();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return Optional.of(Base64.getEncoder().encodeToString(out.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError v) {
                throw v;
            }
            return Optional.empty();
        }
    }
}
