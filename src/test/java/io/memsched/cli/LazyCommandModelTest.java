package io.memsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.run.Clock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run builds picocli's model of only the subcommand it names; its output (help, usage errors, exit codes) must be
 * the same as with the model of every subcommand.
 */
class LazyCommandModelTest {
    private record Output(int code, String out, String err) {
    }

    private static Output run(boolean allCommands, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), Clock.system(), allCommands);
        return new Output(code, out.toString(), err.toString());
    }

    private static void assertSameAsFullModel(String... args) {
        Output lazy = run(false, args);
        Output full = run(true, args);
        assertEquals(full, lazy, String.join(" ", args));
    }

    @Test
    void subcommandHelpIsTheSameAsWithEveryCommand() {
        for (String command : List.of("schedule", "peak", "arena", "convert", "zoo", "bench", "batch")) {
            Output help = run(false, command, "--help");
            assertEquals(0, help.code(), help.err());
            assertTrue(help.out().startsWith("Usage: memsched " + command), help.out());
            assertSameAsFullModel(command, "--help");
            assertSameAsFullModel(command, "-h");
        }
    }

    @Test
    void usageErrorsAreTheSameAsWithEveryCommand() {
        assertSameAsFullModel("schedule");
        assertSameAsFullModel("schedule", "--no-such-option");
        assertSameAsFullModel("peak", "a.json", "b.json", "--method");
        assertSameAsFullModel("--debug", "arena");
        assertSameAsFullModel("schedule", "/no/such/file.json");
        Output missing = run(false, "schedule");
        assertEquals(Main.BAD_INPUT, missing.code(), missing.err());
    }

    @Test
    void unknownSubcommandAndTopLevelHelpUseEveryCommand() {
        Output unknown = run(false, "frobnicate", "x");
        assertEquals(Main.BAD_INPUT, unknown.code(), unknown.err());
        assertTrue(unknown.err().startsWith("memsched: "), unknown.err());
        assertSameAsFullModel("frobnicate", "x");
        Output help = run(false, "--help");
        for (String command : List.of("schedule", "peak", "arena", "convert", "zoo", "bench", "batch")) {
            assertTrue(help.out().contains("  " + command), help.out());
        }
        assertSameAsFullModel("--help");
        assertSameAsFullModel();
        assertSameAsFullModel("help", "schedule");
    }
}
