package io.memsched.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisplaysTest {
    private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\"><g><svg width=\"1\"></svg><rect/></g></svg>";

    @Test
    void htmlIsCutAtItsTopLevelPicturesNestedOnesStayInside() {
        List<Displays.Part> parts = Displays.split("<h2>Result</h2><table><tr><td>1</td></tr></table><div>" + SVG
                + "</div><p>after</p><SVG/>");
        assertEquals(List.of(new Displays.Part(false, "<h2>Result</h2><table><tr><td>1</td></tr></table><div>"),
                new Displays.Part(true, SVG), new Displays.Part(false, "</div><p>after</p>"),
                new Displays.Part(true, "<SVG/>")), parts);
    }

    @Test
    void partsWithoutTextAreDropped() {
        assertEquals(List.of(new Displays.Part(true, SVG)), Displays.split("<div>\n " + SVG + " </div>\n"));
        assertEquals(List.of(), Displays.split(""));
        assertEquals("image/svg+xml", Displays.split(SVG).get(0).mimeType());
        assertEquals("text/html", Displays.split("<p>x</p>").get(0).mimeType());
    }

    @Test
    void anUnclosedPictureIsStillAPictureNotHtml() {
        List<Displays.Part> parts = Displays.split("<p>a</p><svg><rect/>");
        assertEquals(List.of(new Displays.Part(false, "<p>a</p>"), new Displays.Part(true, "<svg><rect/>")), parts);
    }

    @Test
    void inlineImagesTurnPicturesIntoDataUris() {
        String html = Displays.inlineImages("<p>x</p>" + SVG + "<p>y</p>");
        assertFalse(html.contains("<svg"), html);
        String b64 = html.replaceAll("(?s).*base64,([^\"]+)\".*", "$1");
        assertEquals(SVG, new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8));
        assertTrue(html.startsWith("<p>x</p><img ") && html.endsWith("<p>y</p>"), html);
    }
}
