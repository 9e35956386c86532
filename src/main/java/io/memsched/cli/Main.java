package io.memsched.cli;

import io.memsched.graph.BadInputException;
import io.memsched.run.Clock;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code memsched}. Exit codes: 0 success, 2 bad input (a {@link BadInputException} or a command-line
 * error: one line on stderr), 1 a failure inside memsched (one short line; the stack trace with {@code --debug},
 * accepted anywhere on the command line), 130 interrupted.
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
        m.put("arena", ArenaCommand::new);
        m.put("convert", ConvertCommand::new);
        m.put("zoo", ZooCommand::new);
        m.put("bench", BenchCommand::new);
        m.put("batch", BatchCommand::new);
        m.put("help", () -> new CommandLine.HelpCommand());
        return m;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The clock of every deadline the commands make (tests drive their own). */
    final Clock clock;

    Main(Clock clock) {
        this.clock = clock;
    }

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
        return run(args, out, err, Clock.system());
    }

    /** Like {@link #run(String[], PrintWriter, PrintWriter)}, every deadline on {@code clock} (for tests). */
    static int run(String[] args, PrintWriter out, PrintWriter err, Clock clock) {
        return run(args, out, err, clock, false);
    }

    /**
     * Like {@link #run(String[], PrintWriter, PrintWriter, Clock)}; {@code allCommands} builds the model of every
     * subcommand even when the first word names one (tests compare the two models' output).
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, Clock clock, boolean allCommands) {
        boolean debug = Arrays.asList(args).contains("--debug");
        String[] rest = Arrays.stream(args).filter(a -> !a.equals("--debug")).toArray(String[]::new);
        CommandLine cl = new CommandLine(new Main(clock));
        String first = rest.length > 0 ? rest[0] : "";
        if (!allCommands && COMMANDS.containsKey(first) && !first.equals("help")) {
            cl.addSubcommand(first, COMMANDS.get(first).get());
        } else {
            COMMANDS.forEach((name, command) -> cl.addSubcommand(name, command.get()));
        }
        Phases.mark("command model built");
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(new BadArguments());
        cl.setExecutionExceptionHandler(new Failures(debug));
        int code = cl.execute(rest);
        out.flush();
        err.flush();
        return code;
    }

    /*
     * The handlers are classes, not lambdas: picocli's interfaces are Java 5 class files, and the class-data-sharing
     * dump must link a lambda's interface to build its proxy, which leaves a Java 5 interface (and every class that
     * implements it) out of the archive; a class is archived unlinked, so the run loads none of them from the jar.
     */

    /** {@code memsched} for the top-level command, {@code memsched SUB} for a subcommand. */
    static String helpCommand(CommandLine cl) {
        return cl.getParent() == null ? "memsched" : "memsched " + cl.getCommandName();
    }

    /** A command-line error: one line on stderr, exit {@link #BAD_INPUT}. */
    private static final class BadArguments implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            ex.getCommandLine().getErr().println("memsched: " + oneLine(ex.getMessage())
                    + " (see " + helpCommand(ex.getCommandLine()) + " --help)");
            return BAD_INPUT;
        }
    }

    /** A failure of a command: bad input exits {@link #BAD_INPUT}, anything else 1 (with the stack trace on --debug). */
    private static final class Failures implements CommandLine.IExecutionExceptionHandler {
        private final boolean debug;

        Failures(boolean debug) {
            this.debug = debug;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
            if (ex instanceof BadInputException) {
                commandLine.getErr().println("memsched: " + oneLine(ex.getMessage()));
                return BAD_INPUT;
            }
            commandLine.getErr().println("memsched: internal error: " + oneLine(String.valueOf(ex))
                    + (debug ? "" : " (run with --debug for the stack trace)"));
            if (debug) {
                ex.printStackTrace(commandLine.getErr());
            }
            return 1;
        }
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
