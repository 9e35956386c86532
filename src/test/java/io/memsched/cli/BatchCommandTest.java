package io.memsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.batch.BatchRow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code memsched batch} without Spark on the class path: the serial engine, CSV out, bad input exit 2. */
class BatchCommandTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void printsOneCsvRowPerGraphInOrderWithProgressOnStderr() {
        Run r = run("batch", "tiny", "--space", "nasbench201", "--limit", "2", "--method", "dp", "--arena", "greedy");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(String.join(",", BatchRow.COLUMNS), lines.get(0));
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(1).startsWith("tiny,,3,dp,default,32768,32768,true,OPTIMAL,32768,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("nasbench201-000000,|none~0|"), lines.get(2));
        assertTrue(lines.get(3).startsWith("nasbench201-000001,"), lines.get(3));
        assertTrue(r.err().contains("engine serial"), r.err());
        assertTrue(r.err().contains("batch: 3/3 graphs"), r.err());
        assertTrue(r.err().contains("3 graphs: 3 proven optimal"), r.err());
    }

    @Test
    void writesTheCsvIntoOutAndSaysThereIsNoParquetWithoutSpark(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("o");
        Run r = run("batch", "--space", "randwire", "--seeds", "1..2", "--method", "greedy", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(3, csv.size());
        assertTrue(csv.get(1).startsWith("randwire-ws-small-seed1,"), csv.get(1));
        assertTrue(r.out().contains("no Parquet"), r.out());
        assertFalse(Files.exists(out.resolve("results.parquet")));
    }

    @Test
    void badInputExitsWithTwoAndOneLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        List<String[]> bad = List.of(
                new String[] {"batch"},
                new String[] {"batch", "--space", "nasbench301"},
                new String[] {"batch", "--limit", "3", "tiny"},
                new String[] {"batch", "--space", "randwire"},
                new String[] {"batch", "--space", "randwire", "--seeds", "5..1"},
                new String[] {"batch", "--space", "nasbench201", "--seeds", "1..2"},
                new String[] {"batch", "no-such-network"},
                new String[] {"batch", "tiny", "--method", "nope"},
                new String[] {"batch", "tiny", "--engine", "spark"},
                new String[] {"batch", "tiny", "--graphs-per-task", "0"},
                new String[] {"batch", "tiny", "--out", file.toString()});
        for (String[] args : bad) {
            Run r = run(args);
            assertEquals(Main.BAD_INPUT, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().lines().filter(l -> l.startsWith("memsched: ")).count(), r.err());
        }
        assertTrue(run("batch", "tiny", "--engine", "spark").err().contains("./memsched"),
                "says how to get the Spark engine");
    }
}
