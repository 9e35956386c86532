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

    @Test
    void arenaJsonReportsPeakArenaFragmentationAndTheProof() throws Exception {
        Run r = run("schedule", cell().toString(), "--memory-model", "inplace", "--arena", "exact", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        double frag = o.get("arena").asDouble() / o.get("peak").asDouble() - 1;
        assertEquals(frag, o.get("fragmentation").asDouble(), 1e-6);
        assertEquals(o.get("arenaOptimal").asBoolean(), o.get("arena").asLong() == o.get("arenaLowerBound").asLong());
        assertTrue(o.has("arenaStatus") && !o.has("arenaSearch") && !o.has("objective"), r.out());
    }

    @Test
    void objectiveArenaChoosesAnOrderWithinTheTolerance() throws Exception {
        Run peak = run("schedule", cell().toString(), "--method", "greedy", "--arena", "greedy", "--json");
        Run r = run("schedule", cell().toString(), "--method", "greedy", "--objective", "arena",
                "--peak-tolerance", "0.25", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode p = new ObjectMapper().readTree(peak.out());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertEquals("arena", o.get("objective").asText());
        assertTrue(List.of("greedy", "exact").contains(o.get("arenaPlanner").asText()), "greedy, then exact: " + r.out());
        JsonNode s = o.get("arenaSearch");
        assertEquals(p.get("peak").asLong(), s.get("startPeak").asLong());
        assertEquals(p.get("peak").asLong() + (long) Math.floor(p.get("peak").asLong() * 0.25),
                s.get("peakLimit").asLong());
        assertTrue(o.get("peak").asLong() <= s.get("peakLimit").asLong(), r.out());
        assertTrue(o.get("arena").asLong() <= p.get("arena").asLong(), r.out() + " vs " + peak.out());
        assertEquals(s.get("proven").asBoolean(), !s.get("proof").asText().equals("NONE"));
        assertTrue(o.get("offsets").has("z"), r.out());
        Run text = run("schedule", cell().toString(), "--objective", "arena", "--arena", "greedy");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("objective arena: peak") && text.out().contains("arena (greedy)"), text.out());
    }

    @Test
    void badObjectivesAreBadInput() {
        Run o = run("schedule", cell().toString(), "--objective", "smallest");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("unknown objective 'smallest'"), o.err());
        Run t = run("schedule", cell().toString(), "--peak-tolerance", "0.1");
        assertEquals(2, t.code());
        assertTrue(t.err().contains("--peak-tolerance 0.1 needs --objective arena"), t.err());
        Run n = run("schedule", cell().toString(), "--objective", "arena", "--peak-tolerance", "-1");
        assertEquals(2, n.code());
        assertTrue(n.err().contains("--peak-tolerance must be a fraction"), n.err());
    }
}
