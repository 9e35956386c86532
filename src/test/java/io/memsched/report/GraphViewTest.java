package io.memsched.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.io.onnx.OnnxImporter;
import io.memsched.memory.MemoryModel;
import io.memsched.pass.PassContext;
import io.memsched.pass.PassResult;
import io.memsched.zoo.Zoo;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class GraphViewTest {
    private static Graph model(String name) {
        return OnnxImporter.read(Path.of("examples/models/" + name + ".onnx"));
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static double attr(Element e, String name) {
        return Double.parseDouble(e.getAttribute(name));
    }

    private static List<Element> children(Element e, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element el && el.getTagName().equals(tag)) {
                out.add(el);
            }
        }
        return out;
    }

    /** Every text drawn in a box lies inside the box, at the font size it is drawn with. */
    private static void assertNoTextOverflowsItsBox(Document d) {
        NodeList groups = d.getElementsByTagName("g");
        int checked = 0;
        for (int k = 0; k < groups.getLength(); k++) {
            Element g = (Element) groups.item(k);
            List<Element> rects = children(g, "rect");
            if (rects.isEmpty()) {
                continue;
            }
            Element box = rects.get(rects.size() - 1);
            for (Element rect : rects) {
                if (attr(rect, "width") > attr(box, "width")) {
                    box = rect;
                }
            }
            for (Element t : children(g, "text")) {
                if (!t.getAttribute("text-anchor").equals("middle")) {
                    continue;
                }
                double size = t.hasAttribute("font-size") ? attr(t, "font-size") : GraphView.FONT;
                double w = Svg.textWidth(t.getTextContent(), size);
                double x = attr(t, "x");
                assertTrue(x - w / 2 >= attr(box, "x") - 0.5 && x + w / 2 <= attr(box, "x") + attr(box, "width") + 0.5,
                        "'" + t.getTextContent() + "' overflows its box");
                checked++;
            }
        }
        assertTrue(checked > 0, "no box text checked");
    }

    @ParameterizedTest
    @ValueSource(strings = {"darts_cifar", "pnas_cifar", "resnet18"})
    void realNetworksAreDrawnWithinTheDefaultSize(String name) throws Exception {
        Graph g = model(name);
        GraphView v = GraphView.of(g);
        Document d = parse(v.svg());
        Element svg = d.getDocumentElement();
        assertTrue(attr(svg, "height") <= GraphView.MAX_HEIGHT, name + " is " + svg.getAttribute("height") + " px tall");
        assertTrue(attr(svg, "width") <= GraphView.MAX_WIDTH, name + " is " + svg.getAttribute("width") + " px wide");
        assertNoTextOverflowsItsBox(d);
        if (g.opCount() > 100) {
            assertFalse(v.collapsed().isEmpty(), "a large graph is drawn collapsed");
            assertTrue(v.toString().contains("expand(\""), v.toString());
        }
    }

    @Test
    void aSmallerLimitIsHonoured() throws Exception {
        Element svg = parse(GraphView.of(model("darts_cifar")).maxHeight(500).maxWidth(700).svg()).getDocumentElement();
        assertTrue(attr(svg, "height") <= 500, svg.getAttribute("height"));
        assertTrue(attr(svg, "width") <= 700, svg.getAttribute("width"));
    }

    @Test
    void expandingACellShowsItsOperatorsWithFullNamesInTooltips() throws Exception {
        Graph g = model("darts_cifar");
        GraphView collapsed = GraphView.of(g);
        assertTrue(collapsed.groups().contains("cells.7"), "cells.7 is a group");
        assertTrue(collapsed.collapsed().contains("cells.7"));
        GraphView open = collapsed.expand("/cells.7");
        assertFalse(open.collapsed().contains("cells.7"));
        String svg = open.svg();
        Document d = parse(svg);
        assertTrue(attr(d.getDocumentElement(), "height") <= GraphView.MAX_HEIGHT);
        assertNoTextOverflowsItsBox(d);
        Set<String> titles = new HashSet<>();
        NodeList ts = d.getElementsByTagName("title");
        for (int k = 0; k < ts.getLength(); k++) {
            titles.add(ts.item(k).getTextContent());
        }
        int shown = 0;
        for (int i = 0; i < g.opCount(); i++) {
            String name = g.op(i).name();
            if (name.startsWith("/cells.7/") && name.split("/").length == 3) {
                String full = name + " : " + g.op(i).type();
                assertTrue(titles.stream().anyMatch(t -> t.startsWith(full)), "tooltip of " + name);
                shown++;
            }
        }
        assertTrue(shown >= 4, "the cell's own operators are drawn: " + shown);
        assertFalse(collapsed.svg().contains("/cells.7/Concat : Concat"), "collapsed: the cell's ops are not drawn");
    }

    @Test
    void unknownGroupsAreRefusedNamingThem() {
        var e = assertThrows(IllegalArgumentException.class, () -> GraphView.of(Zoo.get("darts-cifar")).expand("cells.99"));
        assertTrue(e.getMessage().contains("'cells.99'") && e.getMessage().contains("darts-cifar"), e.getMessage());
        assertTrue(e.getMessage().contains("cells.0"), "lists groups: " + e.getMessage());
    }

    @Test
    void everyOperatorTypeHasOneColourInEveryPicture() throws Exception {
        for (Graph g : List.of(Zoo.get("tiny"), model("resnet18"), model("googlenet"))) {
            Document d = parse(GraphView.of(g).expandAll().maxHeight(3000).maxWidth(3000).svg());
            NodeList groups = d.getElementsByTagName("g");
            int seen = 0;
            for (int k = 0; k < groups.getLength(); k++) {
                Element gr = (Element) groups.item(k);
                List<Element> title = children(gr, "title");
                List<Element> rects = children(gr, "rect");
                if (title.isEmpty() || rects.isEmpty() || !title.get(0).getTextContent().contains(" : ")) {
                    continue;
                }
                String type = title.get(0).getTextContent().split(" : ")[1].split(",")[0];
                assertEquals(Palette.colour(type), rects.get(0).getAttribute("fill"), g.name() + ": " + title.get(0).getTextContent());
                seen++;
            }
            assertEquals(g.opCount(), seen, g.name() + ": every op drawn once with its type colour");
        }
    }

    @Test
    void paletteIsFixedForKnownTypesAndStableForOthers() {
        assertEquals("#4e79a7", Palette.colour("Conv"));
        assertTrue(Palette.isFixed("Relu") && !Palette.isFixed("MyOwnOp"));
        assertEquals(Palette.colour("MyOwnOp"), Palette.colour("MyOwn" + "Op"));
        assertTrue(Palette.colour("MyOwnOp").matches("#[0-9a-f]{6}"));
        assertFalse(Palette.colour("a-key").equals(Palette.colour("b-key")), "different keys, different hues");
        assertEquals("white", Palette.textColour("#4e79a7"));
        assertEquals("#1a1a1a", Palette.textColour("#edc948"));
    }

    @Test
    void longNamesAreShortenedInTheMiddle() {
        String name = "/cells.17/fit_prev/fit_prev.1/Conv";
        String fit = Svg.fit(name, 100, 11);
        assertTrue(fit.contains("\u2026"), fit);
        assertTrue(fit.startsWith("/ce") && fit.endsWith("Conv"), fit);
        assertTrue(Svg.textWidth(fit, 11) <= 100);
        assertEquals("Conv", Svg.fit("Conv", 100, 11));
    }

    @Test
    void theLegendStaysInsideThePicture() throws Exception {
        // many colour keys: one per op
        Graph g = Zoo.get("toy-cell");
        Document d = parse(GraphView.of(g).colourBy(op -> "a rather long colour key for " + op.name()).svg());
        String[] vb = d.getDocumentElement().getAttribute("viewBox").split(" ");
        double width = Double.parseDouble(vb[2]);
        NodeList texts = d.getElementsByTagName("text");
        for (int k = 0; k < texts.getLength(); k++) {
            Element t = (Element) texts.item(k);
            if (t.getAttribute("text-anchor").equals("start")) {
                double size = t.hasAttribute("font-size") ? attr(t, "font-size") : GraphView.FONT;
                assertTrue(attr(t, "x") + Svg.textWidth(t.getTextContent(), size) <= width + 0.5,
                        "'" + t.getTextContent() + "' runs out of the picture");
            }
        }
    }

    @Test
    void groupingByCutsAndByFusion() throws Exception {
        Graph g = Zoo.get("darts-cifar");
        GraphView cuts = GraphView.of(g).groupByCuts();
        assertTrue(cuts.groups().stream().anyMatch(n -> n.startsWith("segment ")), cuts.groups().toString());
        assertTrue(attr(parse(cuts.svg()).getDocumentElement(), "height") <= GraphView.MAX_HEIGHT);

        Graph toy = Zoo.get("toy-cell");
        PassResult fused = io.memsched.fusion.Fusion.pipeline().run(toy, PassContext.of(MemoryModel.DEFAULT));
        GraphView byFusion = GraphView.of(toy).groupByFusion(fused);
        long multi = java.util.stream.IntStream.range(0, fused.graph().opCount())
                .filter(k -> fused.provenance().origins(k).size() > 1).count();
        assertEquals(multi, byFusion.groups().size(), "one group per fused operator");
        parse(byFusion.svg());
        assertThrows(IllegalArgumentException.class, () -> GraphView.of(Zoo.get("tiny")).groupByFusion(fused));
    }

    @Test
    void degenerateAndFlatGraphsAreDrawnWithinBounds() throws Exception {
        Graph empty = Graph.builder("empty").input("x", 10).output("x").build();
        Document d = parse(GraphView.of(empty).svg());
        assertTrue(d.getDocumentElement().getTextContent().contains("x"), "the input/output is drawn");
        var b = Graph.builder("chain").input("t0", 100);
        for (int i = 0; i < 300; i++) {
            b.op("op" + i, i % 2 == 0 ? "Conv" : "Relu").reads("t" + i).writes("t" + (i + 1), 100);
        }
        GraphView chain = GraphView.of(b.output("t300").build());
        Element svg = parse(chain.svg()).getDocumentElement();
        assertTrue(attr(svg, "height") <= GraphView.MAX_HEIGHT && attr(svg, "width") <= GraphView.MAX_WIDTH);
        assertFalse(chain.collapsed().isEmpty(), "300 operators without scopes are grouped into parts");
        assertTrue(chain.collapsed().get(0).startsWith("part "), chain.collapsed().toString());
        parse(chain.expand(chain.collapsed().get(0)).svg());
    }
}
