package io.memsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memsched.graph.Graph;
import io.memsched.graph.Tensor;
import io.memsched.io.GraphJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutOptionsTest {
    @TempDir
    Path dir;

    private static Tensor t(String name, long c) {
        return new Tensor(name, 4 * c * 64, List.of(1L, c, 8L, 8L), Optional.of("float32"));
    }

    private Path cell() {
        Graph g = Graph.builder("cell").input(t("x", 4))
                .op("b0", "Conv").reads("x").writes(t("a", 8))
                .op("b1", "Conv").reads("x").writes(t("b", 8))
                .op("b2", "Conv").reads("a").writes(t("c", 8))
                .op("cat", "Concat").reads("a", "b", "c").writes(t("y", 24))
                .op("relu", "Relu").reads("y").writes(t("r", 24)).inplace()
                .op("proj", "Conv").reads("r").writes(t("z", 8))
                .output("z").build();
        Path f = dir.resolve("cell.json");
        GraphJson.write(g, f);
        return f;
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void jsonGainsRewriteAndArenaFields() throws Exception {
        Run r = run("schedule", cell().toString(), "--method", "greedy", "--memory-model", "inplace",
                "--rewrite", "serenity", "--arena", "exact", "--time-limit", "5", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertEquals("cell", o.get("graph").asText());
        long peak = o.get("peak").asLong();
        assertTrue(o.get("rewrite").get("applied").asInt() == 1, r.out());
        assertTrue(peak < o.get("rewrite").get("peakWithout").asLong(), r.out());
        assertTrue(o.get("arena").asLong() >= peak);
        assertEquals("exact", o.get("arenaPlanner").asText());
        assertTrue(o.get("offsets").has("z") && o.get("offsets").has("a") && !o.get("offsets").has("y"), r.out());
        assertTrue(o.get("order").toString().contains("proj__part0"));
        assertTrue(o.has("lowerBound") && o.has("optimal") && o.has("seconds"), "the contract's fields stay");
    }

    @Test
    void textReportsThePeakWithoutRewrites() throws Exception {
        Run r = run("schedule", cell().toString(), "--rewrite", "serenity", "--arena", "greedy");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("peak without rewrites") && r.out().contains("arena (greedy)"), r.out());
        assertTrue(r.out().contains("rewrite serenity: 1 applied, 0 skipped"), r.out());
    }

    @Test
    void withoutTheOptionsTheJsonIsUnchanged() throws Exception {
        Run r = run("schedule", cell().toString(), "--json");
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertFalse(o.has("arena") || o.has("rewrite") || o.has("offsets"));
    }

    @Test
    void badValuesAreBadInput() throws Exception {
        Run a = run("schedule", cell().toString(), "--arena", "tetris");
        assertEquals(2, a.code());
        assertTrue(a.err().contains("unknown arena planner 'tetris'"), a.err());
        Run w = run("schedule", cell().toString(), "--rewrite", "magic");
        assertEquals(2, w.code());
        assertTrue(w.err().contains("unknown --rewrite 'magic'"), w.err());
    }

    @Test
    void serenityAllIgnoresTheGuard() throws Exception {
        Graph g = Graph.builder("two-readers").input(t("x", 4))
                .op("b0", "Conv").reads("x").writes(t("a", 8))
                .op("b1", "Conv").reads("x").writes(t("b", 8))
                .op("cat", "Concat").reads("a", "b").writes(t("y", 16))
                .op("c1", "Conv").reads("y").writes(t("z1", 8))
                .op("c2", "Conv").reads("y").writes(t("z2", 8))
                .output("z1", "z2").build();
        Path f = dir.resolve("two.json");
        GraphJson.write(g, f);
        JsonNode guarded = new ObjectMapper().readTree(run("schedule", f.toString(), "--rewrite", "serenity",
                "--json").out());
        JsonNode all = new ObjectMapper().readTree(run("schedule", f.toString(), "--rewrite", "serenity-all",
                "--json").out());
        assertEquals(0, guarded.get("rewrite").get("applied").asInt());
        assertEquals(1, guarded.get("rewrite").get("skipped").asInt());
        assertEquals(1, all.get("rewrite").get("applied").asInt());
        assertEquals("serenity-all", all.get("rewrite").get("rules").asText());
    }
}
