package io.memsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code memsched bench --arena} on a directory of two MiniMalloc problems (the generated large ones filtered out):
 * one row per problem and planner, and Ctrl-C after the first row.
 */
class BenchArenaTest {
    static Path suite(Path dir) throws Exception {
        for (String f : List.of("input.12.csv", "C.1048576.csv")) {
            Files.copy(Path.of("examples/arena/minimalloc", f), dir.resolve(f));
        }
        return dir;
    }

    @Test
    void oneRowPerProblemAndPlanner(@TempDir Path dir) throws Exception {
        // --filter "." keeps the CSV problems (names with a dot), not generated-20000-s0 and the others
        BenchLimitsTest.Outcome o = BenchLimitsTest.bench(s -> { }, "bench", "--arena", "--arena-dir",
                suite(dir).toString(), "--filter", ".", "--time-limit", "2", "--json");
        assertEquals(0, o.code(), o.err());
        List<JsonNode> rows = BenchCommandTest.lines(o.out());
        assertEquals(8, rows.size(), o.out());
        assertEquals(List.of("greedy", "bestfit", "contention", "exact"),
                rows.subList(0, 4).stream().map(r -> r.get("planner").asText()).toList());
        for (JsonNode r : rows) {
            assertTrue(r.get("height").asLong() >= r.get("lowerBound").asLong(), r.toString());
            assertFalse(r.has("offsets"), r.toString());
        }
        JsonNode c = rows.get(0); // files in name order: C before input
        assertEquals("C.1048576", c.get("problem").asText());
        assertEquals(1048576, c.get("capacity").asLong());
        BenchLimitsTest.Outcome table = BenchLimitsTest.bench(s -> { }, "bench", "--arena", "--arena-dir",
                dir.toString(), "--filter", "input", "--time-limit", "2");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("problem") && table.out().contains("loadBound")
                && table.out().contains("ratio") && table.out().contains("seconds"), table.out());
        assertEquals(4, table.out().lines().filter(l -> l.contains("input.12")).count(), table.out());
    }

    @Test
    void ctrlCAfterTheFirstRowPrintsItAndExits130(@TempDir Path dir) throws Exception {
        BenchLimitsTest.Outcome o = BenchLimitsTest.bench(InterruptOnSignal::deliver, "bench", "--arena",
                "--arena-dir", suite(dir).toString(), "--filter", ".", "--json");
        assertEquals(130, o.code(), o.err());
        assertEquals(1, BenchCommandTest.lines(o.out()).size(), o.out());
        assertTrue(o.err().strip().endsWith("memsched: interrupted"), o.err());
    }
}
