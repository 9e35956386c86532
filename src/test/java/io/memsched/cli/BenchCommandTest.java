package io.memsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.memsched.io.GraphJson;
import io.memsched.zoo.Zoo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> l = new ArrayList<>();
        for (String line : out.split("\\R")) {
            if (!line.isBlank()) {
                l.add(JsonOutput.MAPPER.readTree(line));
            }
        }
        return l;
    }

    /** bench and schedule run the same code: same peak, bound and order length for every method and model. */
    @Test
    void agreesWithSchedule(@TempDir Path dir) throws Exception {
        Path cell = dir.resolve("cell.json");
        GraphJson.write(Zoo.get("toy-cell"), cell);
        Path onnx = Path.of("examples/models/resnet18.onnx");
        String methods = String.join(",", io.memsched.registry.Registry.schedulers().ids());
        Run bench = run("bench", cell.toString(), onnx.toString(), "--methods", methods, "--json");
        assertEquals(0, bench.code(), bench.err());
        List<JsonNode> rows = lines(bench.out());
        assertTrue(rows.size() >= 2 * io.memsched.registry.Registry.schedulers().ids().size(), bench.out());
        for (JsonNode row : rows) {
            Path file = row.get("graph").asText().equals("toy-cell") ? cell : onnx;
            Run s = run("schedule", file.toString(), "--method", row.get("method").asText(), "--memory-model",
                    row.get("memoryModel").asText(), "--json");
            assertEquals(0, s.code(), s.err());
            JsonNode one = lines(s.out()).get(0);
            String ctx = row + " vs " + one;
            assertEquals(one.get("peak").asLong(), row.get("peak").asLong(), ctx);
            assertEquals(one.get("lowerBound").asLong(), row.get("lowerBound").asLong(), ctx);
            assertEquals(one.get("order").size(), row.get("ops").asInt(), ctx);
        }
        JsonNode rpo = rows.stream().filter(r -> r.get("method").asText().equals("rpo")).findFirst().orElseThrow();
        assertEquals(0.0, rpo.get("reductionVsRpo").asDouble());
        assertTrue(bench.err().contains("bench [1/2] toy-cell"), bench.err());
    }

    @Test
    void tablePerModelOnlyWhereTheyDiffer() {
        // tiny has no in-place operators: only the default table
        Run r = run("bench", "--filter", "tiny", "--methods", "rpo,greedy,hmcos");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("memory model: default"), r.out());
        assertFalse(r.out().contains("memory model: inplace"), r.out());
        assertTrue(r.out().contains("vsHMCOS%") && r.out().contains("proof"), r.out());
        Run in = run("bench", "--filter", "tiny", "--methods", "rpo", "--memory-model", "inplace");
        assertTrue(in.out().contains("memory model: inplace"), in.out());
    }

    @Test
    void csvHasAllRowsAndExactBytes() {
        Run r = run("bench", "--filter", "diamond", "--methods", "program,rpo", "--csv");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\\R");
        assertTrue(lines[0].startsWith("graph,memoryModel,ops,fused,method,peakKB"), lines[0]);
        assertTrue(lines[0].endsWith("peakBytes,lowerBoundBytes"), lines[0]);
        assertEquals(3, lines.length, r.out());
    }

    @Test
    void badInputIsExitTwo() {
        assertEquals(2, run("bench", "--methods", "nope").code());
        Run none = run("bench", "--filter", "no-such-graph");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("no-such-graph"), none.err());
        assertEquals(2, run("bench", "--json", "--csv", "--filter", "tiny").code());
    }
}
