package io.memsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.io.GraphJson;
import io.memsched.zoo.Zoo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleReportTest {
    @Test
    void scheduleWritesAStandaloneReportComparingMethods(@TempDir Path dir) throws Exception {
        Path graph = dir.resolve("cell.json");
        GraphJson.write(Zoo.get("toy-cell"), graph);
        Path html = dir.resolve("out.html");
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"schedule", graph.toString(), "--method", "greedy", "--compare", "program,rpo",
            "--seed", "3", "--report", html.toString()}, new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertEquals(0, code);
        assertTrue(out.toString().contains("report: " + html), out.toString());
        String s = Files.readString(html);
        assertTrue(s.contains(">greedy<") && s.contains(">program<") && s.contains(">rpo<"), "three methods");
        assertTrue(s.contains(">seed<") && s.contains(">3<"), "seed recorded");
        assertTrue(s.contains("<svg"));
        var fused = io.memsched.fusion.Fusion.fuse(Zoo.get("toy-cell"), io.memsched.memory.MemoryModel.DEFAULT);
        assertTrue(s.contains("Fusion summary") && s.contains(("fusion of toy-cell (" + fused.stats()).replace(">", "&gt;")), "fusion of the default pipeline");
    }

    @Test
    void severalGraphsGetOneReportEach(@TempDir Path dir) {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        GraphJson.write(Zoo.get("tiny"), a);
        GraphJson.write(Zoo.get("diamond"), b);
        int code = Main.run(new String[] {"schedule", a.toString(), b.toString(), "--report", dir.resolve("r.html").toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertEquals(0, code);
        assertTrue(Files.exists(dir.resolve("r-tiny.html")));
        assertTrue(Files.exists(dir.resolve("r-diamond.html")));
    }

    @Test
    void unknownCompareMethodIsBadInput(@TempDir Path dir) {
        Path a = dir.resolve("a.json");
        GraphJson.write(Zoo.get("tiny"), a);
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"schedule", a.toString(), "--compare", "nope", "--report", dir.resolve("r.html").toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(2, code);
        assertTrue(err.toString().contains("nope"), err.toString());
    }

    @Test
    void aLargeGraphsOrderGoesToTheReportNotTheTerminal(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("darts.html");
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"schedule", "examples/models/darts_cifar.onnx", "--method", "greedy",
            "--report", html.toString()}, new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertEquals(0, code);
        String orderLine = out.toString().lines().filter(l -> l.startsWith("  order:")).findFirst().orElseThrow();
        assertTrue(orderLine.length() < 400 && orderLine.contains("725 operators"), orderLine);
        assertTrue(Files.readString(html).contains("Order of the best result (725 operators)"));
    }
}
