package io.memsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.run.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code schedule} and {@code arena} show the progress line on a terminal while they work (here a test clock that
 * moves 0.3 s per reading, so the line shows at once), clear it before the result, and show nothing with
 * {@code --no-progress}.
 */
class CliProgressTest {
    private static final String CLEAR = "\r\u001b[K";

    @BeforeEach
    void terminal() {
        AtomicLong now = new AtomicLong();
        TerminalProgress.assumeTerminal = () -> now.addAndGet(300_000_000L);
    }

    @AfterEach
    void noTerminal() {
        TerminalProgress.assumeTerminal = null;
    }

    static MainTest.Run run(String... args) {
        return MainTest.run(args);
    }

    @Test
    void scheduleShowsGraphMethodAndStatusThenClearsTheLine() {
        MainTest.Run r = run("schedule", "examples/models/resnet18.onnx", "--method", "best");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains(CLEAR + "resnet18 · best"), r.err());
        assertTrue(r.err().contains("optimal"), r.err());
        assertTrue(r.err().endsWith(CLEAR), r.err());
        assertTrue(r.out().startsWith("best on resnet18"), r.out());
    }

    @Test
    void arenaShowsProblemAndPlannerThenClearsTheLine() {
        // a graph file: the order comes from best, whose stages (events read the test clock) draw the line
        MainTest.Run r = run("arena", "examples/models/resnet18.onnx", "--method", "best", "--planner", "exact", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains(CLEAR + "resnet18 · best"), r.err());
        assertTrue(r.err().endsWith(CLEAR), r.err());
        assertTrue(r.out().startsWith("{\"problem\""), r.out());
    }

    @Test
    void noProgressShowsNothing() {
        MainTest.Run s = run("schedule", "examples/models/resnet18.onnx", "--method", "dp", "--no-progress");
        MainTest.Run a = run("arena", "examples/arena/minimalloc/C.1048576.csv", "--planner", "greedy", "--no-progress");
        assertEquals(0, s.code(), s.err());
        assertEquals(0, a.code(), a.err());
        assertFalse(s.err().contains("\u001b[K"), s.err());
        assertFalse(a.err().contains("\u001b[K"), a.err());
    }
}
