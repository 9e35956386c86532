package io.memsched.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code memsched}. Exit codes: 0 success, 2 bad input (one line on stderr), 1 internal error.
 */
@Command(name = "memsched", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Memory-aware operator scheduling of neural-network graphs.")
public final class Main implements Runnable {
    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    /**
     * The subcommands, in help order. Picocli builds a command's model by reflection on its annotations (a tenth of
     * a second for all of them in a fresh JVM), so a run builds only the one it names; help and unknown names get all.
     */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("schedule", ScheduleCommand::new);
        m.put("peak", PeakCommand::new);
        m.put("convert", ConvertCommand::new);
        m.put("zoo", ZooCommand::new);
        m.put("bench", BenchCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        return m;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        Phases.mark("main");
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        Phases.mark("done");
        Phases.print(System.err);
        System.exit(code);
    }

    /** Runs the command line with these streams and returns the exit code (for tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        String first = args.length > 0 ? args[0] : "";
        if (COMMANDS.containsKey(first) && !first.equals("help")) {
            cl.addSubcommand(first, COMMANDS.get(first).get());
        } else {
            COMMANDS.forEach((name, command) -> cl.addSubcommand(name, command.get()));
        }
        Phases.mark("command model built");
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("memsched: " + oneLine(ex.getMessage())
                    + " (see memsched " + ex.getCommandLine().getCommandName() + " --help)");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException) {
                commandLine.getErr().println("memsched: " + oneLine(ex.getMessage()));
                return BAD_INPUT;
            }
            commandLine.getErr().println("memsched: internal error: " + ex);
            ex.printStackTrace(commandLine.getErr());
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static String oneLine(String s) {
        return s == null ? "error" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"memsched " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
