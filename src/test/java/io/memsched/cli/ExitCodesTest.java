package io.memsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.registry.Registry;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.Scheduler;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is exit 2 with one line; a failure inside an algorithm is exit 1, its stack trace only with --debug. */
class ExitCodesTest {
    @TempDir
    Path dir;

    /** A registered method that fails inside, as a bug would. */
    @BeforeAll
    static void registerAFailingMethod() {
        Registry.schedulers().register("test-failing", "fails inside (test only)", o -> new Scheduler() {
            @Override
            public String name() {
                return "test-failing";
            }

            @Override
            public ScheduleResult schedule(io.memsched.graph.Graph graph) {
                throw new IllegalStateException("invariant broken in test-failing");
            }
        });
    }

    @AfterAll
    static void unregister() {
        Registry.schedulers().unregister("test-failing");
    }

    Path graph() throws Exception {
        Path f = dir.resolve("g.json");
        java.nio.file.Files.writeString(f, MainTest.VALID.replace("NAME", "g"));
        return f;
    }

    @Test
    void aFailureInsideAnAlgorithmIsExitOneWithOneLine() throws Exception {
        MainTest.Run r = MainTest.run("schedule", graph().toString(), "--method", "test-failing");
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("internal error") && r.err().contains("invariant broken"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void debugPrintsTheStackTrace() throws Exception {
        MainTest.Run r = MainTest.run("--debug", "schedule", graph().toString(), "--method", "test-failing");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void badInputIsExitTwoWithOneLine() throws Exception {
        for (String[] args : new String[][] {
                {"schedule", graph().toString(), "--method", "nope"},
                {"schedule", graph().toString(), "--solver", "nope"},
                {"schedule", graph().toString(), "--threads", "0"},
                {"schedule", dir.resolve("missing.json").toString()},
                {"zoo", "nope", "--export", dir.resolve("x.json").toString()}}) {
            MainTest.Run r = MainTest.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.errLines().size(), r.err());
        }
    }
}
