package io.memsched.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.zoo.RandomDags;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strict reading and lossless round trips of {@code memsched-graph/1}. */
class GraphJsonTest {
    static final String TINY = """
            {"format": "memsched-graph/1", "name": "tiny",
             "tensors": {"x": 3072, "a": 8192, "b": 8192, "y": 16384},
             "inputs": ["x"], "outputs": ["y"],
             "ops": [
               {"name": "convA", "type": "Conv", "inputs": ["x"], "outputs": ["a"]},
               {"name": "convB", "type": "Conv", "inputs": ["x"], "outputs": ["b"]},
               {"name": "cat", "type": "Concat", "inputs": ["a", "b"], "outputs": ["y"], "workspace": 0,
                "inplace": false, "attributes": {"axis": 1}}
             ]}
            """;

    static void refused(String json, String... named) {
        GraphFormatException e = assertThrows(GraphFormatException.class, () -> GraphJson.parse(json, "t.json"));
        assertTrue(e.getMessage().startsWith("t.json: "), e.getMessage());
        for (String s : named) {
            assertTrue(e.getMessage().contains(s), () -> "'" + e.getMessage() + "' should name " + s);
        }
    }

    @Test
    void readsTheDesignExample() {
        Graph g = GraphJson.parse(TINY, "t.json");
        assertEquals("tiny", g.name());
        assertEquals(3, g.opCount());
        assertEquals(16384, g.bytes(g.tensorIndex("y")));
        assertEquals("Concat", g.op(2).type());
    }

    @Test
    void roundTripsRandomGraphs() {
        for (long seed = 0; seed < 200; seed++) {
            Graph g = RandomDags.generate(seed, (int) (seed % 20), 0.5,
                    RandomDags.Options.defaults().withShuffledProgramOrder(true));
            String text = GraphJson.write(g);
            Graph back = GraphJson.parse(text, "round-trip");
            assertEquals(text, GraphJson.write(back), "seed " + seed);
            assertEquals(g.ops(), back.ops());
            assertEquals(g.tensors(), back.tensors());
            assertEquals(g.inputs(), back.inputs());
            assertEquals(g.outputs(), back.outputs());
            assertEquals(g.name(), back.name());
        }
    }

    @Test
    void roundTripsThroughAFile(@TempDir Path dir) {
        Graph g = RandomDags.generate(42, 12, 0.4);
        Path f = dir.resolve("g.json");
        GraphJson.write(g, f);
        assertEquals(GraphJson.write(g), GraphJson.write(GraphJson.read(f)));
    }

    @Test
    void namesTheGraphAfterTheFileWhenUnnamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cell.json");
        Files.writeString(f, TINY.replace("\"name\": \"tiny\",", ""));
        assertEquals("cell", GraphJson.read(f).name());
    }

    @Test
    void strictValidation() {
        refused("{", "not valid JSON");
        refused(TINY + " []", "not valid JSON");
        refused(TINY.replace("\"x\": 3072,", "\"x\": 3072, \"x\": 1,"), "'x'");
        refused(TINY.replace("\"format\": \"memsched-graph/1\",", ""), "format");
        refused(TINY.replace("memsched-graph/1", "memsched-graph/2"), "format");
        refused(TINY.replace("3072", "-3"), "tensors.x", "-3");
        refused(TINY.replace("3072", "1.5"), "tensors.x");
        refused(TINY.replace("3072", "\"big\""), "tensors.x");
        refused(TINY.replace("\"inputs\": [\"a\", \"b\"]", "\"inputs\": [\"a\", \"z\"]"), "ops[2]", "'z'");
        refused(TINY.replace("\"inputs\": [\"x\"], \"outputs\": [\"y\"]", "\"inputs\": [\"x\"], \"outputs\": [\"q\"]"),
                "outputs", "'q'");
        refused(TINY.replace("\"inplace\": false", "\"inplace\": \"yes\""), "inplace");
        refused(TINY.replace("\"workspace\": 0", "\"workspace\": -4"), "workspace");
        refused(TINY.replace("\"name\": \"convB\"", "\"name\": \"convA\""), "'convA'");
        refused(TINY.replace("\"outputs\": [\"b\"]", "\"outputs\": [\"a\"]"), "'a'", "convA", "convB");
        refused(TINY.replace("\"ops\": [", "\"ops\": {").replace("]}\n", "}}\n").replace("}\n             ]}", "}}"));
        refused("[]", "object");
    }

    @Test
    void ignoresExtraFields() {
        Graph g = GraphJson.parse(TINY.replace("\"inputs\": [\"x\"],", "\"inputs\": [\"x\"], \"comment\": 1,"), "t");
        assertFalse(g.ops().isEmpty());
    }
}
