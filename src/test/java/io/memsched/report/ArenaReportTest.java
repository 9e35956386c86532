package io.memsched.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.arena.ArenaPlan;
import io.memsched.arena.GreedyBySizeArenaPlanner;
import io.memsched.memory.MemoryModel;
import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class ArenaReportTest {
    private static ArenaPlan plan() {
        Graph g = Graph.builder("t<1>").input("x", 3072)
                .op("convA").reads("x").writes("a", 8192)
                .op("convB").reads("x").writes("b", 8192).workspace(1024)
                .op("cat").reads("a", "b").writes("y", 16384)
                .output("y").build();
        return new GreedyBySizeArenaPlanner().plan(g, MemoryModel.DEFAULT, new int[] {0, 1, 2});
    }

    @Test
    void tableHasOneRowPerBuffer() {
        ArenaPlan p = plan();
        var t = ArenaReport.table(p);
        assertEquals(5, t.rowCount(), "four tensors and one workspace");
        assertEquals(p.arenaBytes(), t.longColumn("end").max(), 0.0);
        assertTrue(t.booleanColumn("workspace").get(4));
    }

    @Test
    void svgIsWellFormedWithARectanglePerBuffer() throws Exception {
        String svg = ArenaReport.svg(plan());
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(svg)));
        // the background, the frame and five buffers
        assertEquals(7, d.getElementsByTagName("rect").getLength());
        assertTrue(svg.contains("t&lt;1&gt;"), "names are escaped");
    }
}
