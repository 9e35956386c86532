package io.memsched.kernel;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Statics imported into every memsched notebook: {@code display(x)} shows {@code x} with the kernel's renderers
 * and returns nothing (so a cell ending in it prints no display id); {@code svg(text)} and {@code html(text)} show
 * ready-made SVG (as {@code image/svg+xml}) and HTML.
 */
public final class Notebook {
    private Notebook() {
    }

    private static BaseKernel kernel(String what) {
        BaseKernel kernel = BaseKernel.notebookKernel();
        if (kernel == null) {
            throw new IllegalStateException(what + "(...) needs a running notebook kernel");
        }
        return kernel;
    }

    /** Shows {@code value} in the notebook below the running cell (pictures, tables or text, as its renderer says). */
    public static void display(Object value) {
        BaseKernel kernel = kernel("display");
        for (DisplayData part : MemschedExtension.parts(kernel.getRenderer(), value)) {
            kernel.display(part);
        }
    }

    /** Shows an SVG image given as text (e.g. {@code timeline.stackedSvg()}). */
    public static void svg(String svg) {
        DisplayData data = new DisplayData();
        data.putSVG(svg);
        SvgPng.base64(svg).ifPresent(png -> data.putData("image/png", png));
        kernel("svg").display(data);
    }

    /** Shows an HTML fragment (pictures in it show as separate SVG outputs). */
    public static void html(String html) {
        BaseKernel kernel = kernel("html");
        for (Displays.Part p : Displays.split(html)) {
            DisplayData data = new DisplayData();
            data.putData(p.mimeType(), p.content());
            if (p.picture()) {
                SvgPng.base64(p.content()).ifPresent(png -> data.putData("image/png", png));
            }
            kernel.display(data);
        }
    }
}
