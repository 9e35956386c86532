package io.memsched.cli;

import io.memsched.registry.Registry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memsched.graph.Graph;
import io.memsched.io.GraphJson;
import io.memsched.memory.MemoryModel;
import io.memsched.testing.BruteForce;
import io.memsched.testing.ReferenceModel;
import io.memsched.zoo.RandomDags;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line of docs/ARCHITECTURE.md, "Command line" through {@link Main#run}: output contract, exit codes, one-line errors. */
class MainTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static final String VALID = """
            {"format": "memsched-graph/1", "name": "NAME",
             "tensors": {"x": 4, "a": 8, "b": 8, "y": 16},
             "inputs": ["x"], "outputs": ["y"],
             "ops": [
               {"name": "convA", "inputs": ["x"], "outputs": ["a"]},
               {"name": "convB", "inputs": ["x"], "outputs": ["b"]},
               {"name": "cat", "inputs": ["a", "b"], "outputs": ["y"]}
             ]}
            """;

    Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown tensor|\"inputs\": [\"a\", \"b\"]|\"inputs\": [\"a\", \"zz\"]|'zz'",
        "two producers|\"outputs\": [\"b\"]|\"outputs\": [\"a\"]|'a'",
        "cycle|\"inputs\": [\"x\"], \"outputs\": [\"a\"]|\"inputs\": [\"y\"], \"outputs\": [\"a\"]|cycle",
        "duplicate op names|\"name\": \"convB\"|\"name\": \"convA\"|'convA'",
        "duplicate tensor names|\"x\": 4,|\"x\": 4, \"x\": 5,|'x'",
        "negative size|\"b\": 8|\"b\": -8|-8",
        "output nobody produces|\"y\": 16}|\"y\": 16, \"lost\": 1}|'lost'",
        "bad format|memsched-graph/1|other/9|format",
    })
    void malformedFileExitsWithCodeTwoAndOneLine(String what, String from, String to, String named) throws Exception {
        String text = VALID.replace(from, to);
        if (what.equals("output nobody produces")) {
            text = text.replace("\"inputs\": [\"x\"], \"outputs\": [\"y\"]", "\"inputs\": [\"x\"], \"outputs\": [\"y\", \"lost\"]");
        }
        assertTrue(!text.equals(VALID), "the test edit did not apply");
        Path bad = file("bad.json", text);
        Run r = run("schedule", "--method", "dp", "--json", bad.toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains(named), r.err());
        assertTrue(r.err().contains("bad.json"), r.err());
        assertEquals("", r.out(), "nothing is printed for a file set with a bad file");
    }

    @Test
    void badOptionsExitWithCodeTwo() throws Exception {
        Path f = file("ok.json", VALID);
        for (String[] args : List.of(new String[] {"schedule", "--method", "nope", f.toString()},
                new String[] {"schedule", "--memory-model", "weird", f.toString()},
                new String[] {"schedule", "--time-limit", "-1", f.toString()},
                new String[] {"schedule", dir.resolve("missing.json").toString()},
                new String[] {"schedule"})) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r);
            assertEquals(1, r.errLines().size(), r.err());
        }
    }

    @Test
    void scheduleJsonPrintsOneOptimalLinePerFileInOrder() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String model : new String[] {"default", "inplace"}) {
            List<String> args = new ArrayList<>(List.of("schedule", "--method", "dp", "--json", "--memory-model", model));
            List<Graph> graphs = new ArrayList<>();
            for (long seed = 0; seed < 8; seed++) {
                Graph g = RandomDags.generate(seed, 6 + (int) seed, 0.5).withName("g" + seed);
                graphs.add(g);
                Path f = dir.resolve("g" + seed + ".json");
                GraphJson.write(g, f);
                args.add(f.toString());
            }
            Run r = run(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            List<String> lines = r.out().lines().toList();
            assertEquals(graphs.size(), lines.size());
            MemoryModel m = Registry.memoryModel(model);
            for (int k = 0; k < lines.size(); k++) {
                Graph g = graphs.get(k);
                JsonNode o = json.readTree(lines.get(k));
                assertEquals(g.name(), o.get("graph").asText());
                assertEquals("dp", o.get("method").asText());
                List<String> order = new ArrayList<>();
                o.get("order").forEach(n -> order.add(n.asText()));
                int[] idx = order.stream().mapToInt(g::opIndex).toArray();
                long peak = new ReferenceModel(g, m).peak(idx);
                assertEquals(peak, o.get("peak").asLong());
                assertEquals(BruteForce.solve(g, m).peakBytes(), peak);
                assertTrue(o.get("optimal").asBoolean());
                assertEquals(peak, o.get("lowerBound").asLong());
                assertTrue(o.get("seconds").isNumber());
            }
        }
    }

    @Test
    void bestIsTheDefaultMethod() throws Exception {
        Run r = run("schedule", "--json", file("ok.json", VALID).toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"method\":\"best\""), r.out());
        assertTrue(r.out().contains("\"optimal\":true"), r.out());
    }
}
