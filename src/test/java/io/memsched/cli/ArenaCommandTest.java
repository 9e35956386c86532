package io.memsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memsched.testing.TestClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code memsched arena}: MiniMalloc CSV and graph inputs, JSON contract, offsets file, bad rows, time limit. */
class ArenaCommandTest {
    static final String EXAMPLE = "examples/arena/minimalloc/input.12.csv";

    @TempDir
    Path dir;

    static MainTest.Run run(String... args) {
        return MainTest.run(args);
    }

    static JsonNode json(MainTest.Run r) throws Exception {
        assertEquals(1, r.out().strip().lines().count(), r.out());
        return new ObjectMapper().readTree(r.out().strip());
    }

    @Test
    void decidesTheExampleAndPrintsTheJsonContract() throws Exception {
        MainTest.Run r = run("arena", EXAMPLE, "--capacity", "12", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r);
        for (String field : List.of("problem", "buffers", "height", "lowerBound", "optimal", "feasible", "status",
                "seconds", "offsets")) {
            assertTrue(o.has(field), field + " in " + o);
        }
        assertEquals("input.12", o.get("problem").asText());
        assertEquals(5, o.get("buffers").asInt());
        assertEquals(12, o.get("height").asLong());
        assertTrue(o.get("feasible").asBoolean());
        assertEquals("OPTIMAL", o.get("status").asText());
        assertEquals(5, o.get("offsets").size());
    }

    @Test
    void feasibleIsFalseWhenProvenAndNullWithoutACapacity() throws Exception {
        JsonNode tight = json(run("arena", EXAMPLE, "--capacity", "11", "--json"));
        assertFalse(tight.get("feasible").asBoolean(true));
        assertEquals("INFEASIBLE", tight.get("status").asText());
        JsonNode free = json(run("arena", EXAMPLE, "--json", "--planner", "greedy"));
        assertTrue(free.get("feasible").isNull());
    }

    @Test
    void writesTheOffsetsFile() throws Exception {
        Path out = dir.resolve("offsets.csv");
        MainTest.Run r = run("arena", EXAMPLE, "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("id,lower,upper,size,offset", lines.get(0));
        assertEquals(6, lines.size());
        assertTrue(lines.get(1).startsWith("b1,0,3,4,"), lines.get(1));
        assertTrue(r.out().contains("arena 12 B"), r.out());
    }

    @Test
    void badRowsAreOneLineNamingFileAndRow() throws Exception {
        String[][] cases = {
            {"id,lower,upper,size\na,0,3,-4\n", "row 2 (id 'a'): size -4 is negative"},
            {"id,lower,upper,size\na,3,3,4\n", "row 2 (id 'a'): upper 3 is not above lower 3"},
            {"id,lower,upper,size\na,0,3,4\na,0,3,4\n", "row 3 (id 'a'): duplicate id"},
            {"id,lower,upper,size\na,0,three,4\n", "row 2 (id 'a'): upper 'three' is not a number"}};
        for (String[] c : cases) {
            Path f = dir.resolve("bad.csv");
            Files.writeString(f, c[0]);
            Path out = dir.resolve("never.csv");
            MainTest.Run r = run("arena", f.toString(), "--out", out.toString());
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().contains("bad.csv") && r.err().contains(c[1]), r.err());
            assertFalse(Files.exists(out), "nothing written");
        }
        assertEquals(2, run("arena", EXAMPLE, "--capacity", "-1").code());
        assertEquals(2, run("arena", EXAMPLE, "--planner", "nope").code());
        assertEquals(2, run("arena", EXAMPLE, "--method", "greedy").code());
    }

    @Test
    void aGraphWithAnOrderOrAMethod() throws Exception {
        Path g = dir.resolve("tiny.json");
        Files.writeString(g, MainTest.VALID.replace("NAME", "tiny"));
        Path order = dir.resolve("order.txt");
        Files.writeString(order, "convA\nconvB\ncat\n");
        JsonNode byOrder = json(run("arena", g.toString(), "--order", order.toString(), "--json"));
        assertEquals("tiny", byOrder.get("problem").asText());
        assertEquals(byOrder.get("lowerBound").asLong(), byOrder.get("height").asLong());
        JsonNode byMethod = json(run("arena", g.toString(), "--method", "greedy", "--json", "--planner", "bestfit"));
        assertTrue(byMethod.get("height").asLong() >= byMethod.get("lowerBound").asLong());
        assertEquals(2, run("arena", g.toString(), "--order", dir.resolve("none.txt").toString()).code());
    }

    @Test
    void theTimeLimitEndsTheSearchWithTheBestLayoutSoFar() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        TestClock clock = TestClock.expiringAtPoll(2);
        int code = Main.run(new String[] {"arena", "examples/arena/minimalloc/K.1048576.csv", "--capacity", "1048576",
            "--json", "--time-limit", "5"}, new PrintWriter(out), new PrintWriter(err), clock);
        assertEquals(0, code, err.toString());
        assertTrue(clock.triggered(), clock.toString());
        JsonNode o = new ObjectMapper().readTree(out.toString().strip());
        assertEquals("TIME_LIMIT", o.get("status").asText());
        assertTrue(o.get("feasible").isNull(), o.toString());
        assertEquals(454, o.get("offsets").size());
    }
}
