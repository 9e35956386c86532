package io.memsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.run.Clock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code memsched bench --limits}: the table of measured limits (its numbers are measurements, not asserted), and
 * Ctrl-C, delivered through the same hook the signal handler uses, after the first row: the rows finished so far,
 * then exit 130.
 */
class BenchLimitsTest {
    record Outcome(int code, String out, String err) {
        List<String> rows() {
            return out.lines().filter(l -> l.startsWith("| randwire") || l.startsWith("| multiscale")).toList();
        }
    }

    static Outcome bench(Consumer<InterruptOnSignal> afterRow, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main(Clock.system()));
        cl.addSubcommand("bench", new BenchCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        BenchCommand b = cl.getSubcommands().get("bench").getCommand();
        b.afterRow = afterRow;
        try {
            int code = cl.execute(args);
            return new Outcome(code, out.toString(), err.toString());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void printsOneRowPerGraphMethodLimitAndStart() {
        Outcome o = bench(s -> { }, "bench", "--limits", "--limit-values", "1", "--methods", "program,greedy",
                "--filter", "randwire-3000");
        assertEquals(0, o.code(), o.err());
        List<String> rows = o.rows();
        assertEquals(4, rows.size(), o.out());
        assertTrue(o.out().contains("| graph | ops | method | limit (s) | start | elapsed (s) | process (s) | overrun"),
                o.out());
        // cold first, in a fresh JVM (its process time is known), then warm
        assertTrue(rows.get(0).matches("\\| randwire-3000 \\| \\d+ \\| program \\| 1 \\| cold \\| [0-9.]+ \\| [0-9.]+ \\| "
                + "[0-9.]+ \\| FEASIBLE \\|"), rows.get(0));
        assertTrue(rows.get(1).matches("\\| randwire-3000 \\| \\d+ \\| program \\| 1 \\| warm \\| [0-9.]+ \\|  \\| "
                + "[0-9.]+ \\| FEASIBLE \\|"), rows.get(1));
        assertTrue(rows.get(3).contains("| greedy | 1 | warm |"), rows.get(3));
    }

    @Test
    void ctrlCAfterTheFirstRowPrintsItAndExits130() {
        Outcome o = bench(InterruptOnSignal::deliver, "bench", "--limits", "--start", "warm", "--limit-values", "1,5",
                "--methods", "program,dp", "--filter", "randwire-3000");
        assertEquals(130, o.code(), o.err());
        assertEquals(1, o.rows().size(), o.out());
        assertTrue(o.rows().get(0).contains("| program | 1 | warm |"), o.out());
        assertTrue(o.err().strip().endsWith("memsched: interrupted"), o.err());
    }

    @Test
    void anotherSolverIsNamedInTheMethodColumnAndReachesTheColdChild() {
        // ilp on ojAlgo, cold (the child gets --solver) and warm; program solves nothing and keeps its name
        Outcome o = bench(s -> { }, "bench", "--limits", "--limit-values", "0.5", "--methods", "program,ilp",
                "--solver", "ojalgo", "--filter", "randwire-3000", "--threads", "1");
        assertEquals(0, o.code(), o.err());
        List<String> rows = o.rows();
        assertEquals(4, rows.size(), o.out());
        assertTrue(rows.get(0).contains("| program | 0.5 | cold |"), rows.get(0));
        assertTrue(rows.get(2).matches("\\| randwire-3000 \\| \\d+ \\| ilp/ojalgo \\| 0.5 \\| cold \\| .*"), rows.get(2));
        assertTrue(rows.get(3).contains("| ilp/ojalgo | 0.5 | warm |"), rows.get(3));
    }

    @Test
    void anUnknownSolverIsBadInput() {
        StringWriter err = new StringWriter();
        assertEquals(Main.BAD_INPUT, Main.run(new String[] {"bench", "--limits", "--solver", "gurobi"},
                new PrintWriter(new StringWriter()), new PrintWriter(err)));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("gurobi"), err.toString());
    }

    @Test
    void badValuesAreRejected() {
        StringWriter err = new StringWriter();
        assertEquals(Main.BAD_INPUT, Main.run(new String[] {"bench", "--limits", "--start", "lukewarm"},
                new PrintWriter(new StringWriter()), new PrintWriter(err)));
        assertTrue(err.toString().contains("--start must be cold, warm or both"), err.toString());
    }
}
