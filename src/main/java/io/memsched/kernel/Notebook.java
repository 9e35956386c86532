package io.memsched.kernel;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Statics imported into every memsched notebook: {@code display(x)} shows {@code x} with the kernel's renderers
 * and returns nothing (so a cell ending in it prints no display id); {@code svg(text)} and {@code html(text)} show
 * ready-made SVG and HTML.
 */
public final class Notebook {
    private Notebook() {
    }

    /** Shows {@code value} in the notebook below the running cell (SVG, HTML or text, as its renderer says). */
    public static void display(Object value) {
        BaseKernel kernel = BaseKernel.notebookKernel();
        if (kernel == null) {
            throw new IllegalStateException("display(...) needs a running notebook kernel");
        }
        DisplayData data = kernel.getRenderer().render(value);
        kernel.display(data);
    }

    /** Shows an SVG image given as text (e.g. {@code TimelineSvg.stacked(...)}). */
    public static void svg(String svg) {
        BaseKernel kernel = BaseKernel.notebookKernel();
        if (kernel == null) {
            throw new IllegalStateException("svg(...) needs a running notebook kernel");
        }
        DisplayData data = new DisplayData();
        data.putSVG(svg);
        data.putHTML(MemschedExtension.htmlOf(svg));
        data.putText("[svg image]");
        kernel.display(data);
    }

    /** Shows an HTML fragment. */
    public static void html(String html) {
        BaseKernel kernel = BaseKernel.notebookKernel();
        if (kernel == null) {
            throw new IllegalStateException("html(...) needs a running notebook kernel");
        }
        DisplayData data = new DisplayData();
        data.putHTML(html);
        data.putText("[html]");
        kernel.display(data);
    }
}
