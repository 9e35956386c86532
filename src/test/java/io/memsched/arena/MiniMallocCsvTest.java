package io.memsched.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MiniMallocCsvTest {
    static final Path SUITE = Path.of("examples/arena/minimalloc");

    @Test
    void readsTheExampleWithHalfOpenLifetimes() {
        ArenaProblem p = MiniMallocCsv.read(SUITE.resolve("input.12.csv"));
        assertEquals("input.12", p.name());
        assertEquals(5, p.buffers().size());
        ArenaProblem.Buffer b2 = p.buffers().get(1);
        assertEquals(List.of("b2"), b2.tensors());
        assertEquals(3, b2.firstStep());
        assertEquals(8, b2.lastStep());
        // b1 [0,3) and b2 [3,9) do not overlap; at time 0 b1, b3, b5 are alive: 12 bytes
        assertFalse(p.buffers().get(0).overlapsInTime(b2));
        assertEquals(12, p.loadBoundBytes());
        assertEquals(12, p.peakBytes());
        assertEquals(OptionalLong.of(12), MiniMallocCsv.capacityInName(SUITE.resolve("input.12.csv")));
    }

    @Test
    void readsTheSuiteAndItsLoadBounds() {
        assertEquals(1048576, MiniMallocCsv.read(SUITE.resolve("A.1048576.csv")).loadBoundBytes());
        assertEquals(1039360, MiniMallocCsv.read(SUITE.resolve("C.1048576.csv")).loadBoundBytes());
        assertEquals(454, MiniMallocCsv.read(SUITE.resolve("K.1048576.csv")).buffers().size());
    }

    @Test
    void acceptsTheOlderHeaderAndColumnsInAnyOrder() {
        ArenaProblem p = MiniMallocCsv.parse("t", "t", "size,end,buffer,start,extra\n4,3,x,0,9\n\n4,5,y,3,9\n");
        assertEquals(2, p.buffers().size());
        assertEquals(0, p.buffers().get(0).firstStep());
        assertEquals(2, p.buffers().get(0).lastStep());
        assertEquals(4, p.loadBoundBytes());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "id,lower,upper,size\\na,0,3,-4|row 2 (id 'a'): size -4 is negative",
        "id,lower,upper,size\\na,0,3,4\\nb,5,5,4|row 3 (id 'b'): upper 5 is not above lower 5",
        "id,lower,upper,size\\na,0,3,4\\nb,6,5,4|row 3 (id 'b'): upper 5 is not above lower 6",
        "id,lower,upper,size\\na,0,3,4\\na,1,2,4|row 3 (id 'a'): duplicate id (first on row 2)",
        "id,lower,upper,size\\na,0,x3,4|row 2 (id 'a'): upper 'x3' is not a number",
        "id,lower,upper,size\\na,0,3|row 2: 3 columns, the header has 4",
        "id,lower,size\\na,0,3|row 1: the header has no column 'upper'",
        "id,lower,upper,size\\n,0,3,4|row 2 (id ''): empty id",
        "''|empty file"})
    void refusesBadRowsNamingFileAndRow(String text, String message) {
        var e = assertThrows(ArenaFormatException.class, () -> MiniMallocCsv.parse("bad.csv", "bad",
                text.replace("\\n", "\n")));
        assertTrue(e instanceof BadInputException);
        assertTrue(e.getMessage().startsWith("bad.csv: "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aMissingFileIsBadInput(@TempDir Path dir) {
        var e = assertThrows(ArenaFormatException.class, () -> MiniMallocCsv.read(dir.resolve("none.csv")));
        assertTrue(e.getMessage().contains("none.csv"), e.getMessage());
    }

    @Test
    void writesOffsetsThatReadBack(@TempDir Path dir) throws Exception {
        ArenaProblem p = MiniMallocCsv.read(SUITE.resolve("input.12.csv"));
        ArenaPlan plan = new GreedyBySizeArenaPlanner().plan(p);
        Path out = dir.resolve("out.csv");
        MiniMallocCsv.write(plan, out);
        List<String> lines = Files.readAllLines(out);
        assertEquals("id,lower,upper,size,offset", lines.get(0));
        assertEquals("b1,0,3,4," + plan.offset(0), lines.get(1));
        ArenaProblem again = MiniMallocCsv.read(out);
        assertEquals(p.buffers(), again.buffers());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }
}
