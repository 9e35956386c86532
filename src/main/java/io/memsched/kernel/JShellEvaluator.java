package io.memsched.kernel;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Evaluates notebook cells with an in-process {@link JShell}: a cell is split into snippets with
 * {@link SourceCodeAnalysis#analyzeCompletion}, each is evaluated in turn, and the value of the last one (when it
 * is an expression) is returned as the real object. Compile and runtime errors become {@link CellException}s. An
 * interrupted cell stops after the running snippet; if that was the last one and it still returned a value (a
 * solver that answered the interrupt with its best result), the value is kept.
 * No Jupyter types here, so it is tested on its own.
 */
final class JShellEvaluator implements AutoCloseable {
    /**
     * The imports every session starts with: JShell's usual ones, the facade ({@code io.memsched.*}: Memsched, Plan,
     * Passes) and the value packages a plan hands out (graph, memory, pass, report, schedule), plus a few single
     * types. From {@code io.memsched.run} only single types: its {@code Clock} would clash with {@code java.time}'s.
     */
    static final List<String> STARTUP_IMPORTS = List.of(
            "java.io.*", "java.math.*", "java.nio.file.*", "java.time.*", "java.util.*", "java.util.function.*",
            "java.util.stream.*",
            "io.memsched.*", "io.memsched.graph.*", "io.memsched.memory.*", "io.memsched.arena.*", "io.memsched.pass.*",
            "io.memsched.report.*", "io.memsched.schedule.*",
            "io.memsched.run.Status", "io.memsched.run.Deadline", "io.memsched.run.ProgressListener",
            "io.memsched.registry.Registry", "io.memsched.zoo.Zoo", "tech.tablesaw.api.*",
            "static io.memsched.graph.Sizes.*", "static io.memsched.kernel.Notebook.*");

    /** The value of a cell: present when its last snippet is an expression. */
    record Result(boolean hasValue, Object value) {
        static final Result NONE = new Result(false, null);
    }

    private final Outbox outbox;
    private final CellExecutionControl control;
    private final JShell shell;
    /** Where each snippet's source starts: snippet id -> (cell, line of the cell it starts on, 0-based). */
    private final Map<String, Location> locations = new HashMap<>();
    private long cells;

    /** Where a snippet came from. */
    private record Location(long cell, int firstLine) {
    }

    /** A session whose compiler and class loader see {@code classPath} (e.g. the entries of java.class.path). */
    JShellEvaluator(List<String> classPath) {
        this(classPath, new Outbox(), UnaryOperator.identity());
    }

    /**
     * As {@link #JShellEvaluator(List)}, the cells' output going through {@code outbox}, each snippet's body run
     * inside {@code cellScope} on its cell thread (the kernel binds its progress line there).
     */
    JShellEvaluator(List<String> classPath, Outbox outbox, UnaryOperator<Runnable> cellScope) {
        this.outbox = outbox;
        this.control = new CellExecutionControl(outbox, cellScope);
        ExecutionControlProvider provider = new ExecutionControlProvider() {
            @Override
            public String name() {
                return "memsched-local";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return control;
            }
        };
        shell = JShell.builder().executionEngine(provider, Map.of()).build();
        for (String entry : classPath) {
            if (!entry.isBlank()) {
                shell.addToClasspath(entry);
            }
        }
        for (String imp : STARTUP_IMPORTS) {
            eval("import " + imp + ";", 0);
        }
    }

    /** The outbox this session's cells send through. */
    Outbox outbox() {
        return outbox;
    }

    /** The class loader the cells' classes are defined in, once a cell has run. */
    Optional<ClassLoader> cellClassLoader() {
        return control.cellClassLoader();
    }

    /** Adds {@code entry} (a jar or a directory) to the class path of the compiler and of the cells' class loader. */
    void addToClasspath(String entry) {
        shell.addToClasspath(entry);
    }

    /** The class path of this JVM, as a list of entries. */
    static List<String> jvmClassPath() {
        return List.of(System.getProperty("java.class.path", "").split(File.pathSeparator));
    }

    /** As {@link #eval(String, long)}, numbering cells 1, 2, ... itself. */
    Result eval(String code) {
        return eval(code, cells + 1);
    }

    /**
     * Evaluates every snippet of cell {@code number} ({@code code}); stops at the first error. The cell's output
     * goes through the {@link Outbox} while it runs and is all delivered when this returns.
     *
     * @throws CellException on a compile error, an exception of the cell's code, or an interrupt
     */
    Result eval(String code, long number) {
        cells = Math.max(cells, number);
        outbox.open(number);
        try {
            return evalCell(code, number);
        } finally {
            outbox.close();
        }
    }

    private Result evalCell(String code, long number) {
        control.newCell(number);
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = code;
        Result last = Result.NONE;
        while (!rest.isBlank()) {
            int consumed = code.length() - rest.length();
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            String source;
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> {
                    source = info.source();
                    rest = info.remaining();
                }
                case EMPTY -> {
                    if (info.remaining().length() >= rest.length()) {
                        return last;
                    }
                    rest = info.remaining();
                    continue;
                }
                default -> {
                    source = rest;
                    rest = "";
                }
            }
            // JShell numbers the lines of a snippet that starts with blank lines wrongly: cut them, count them here
            int lead = source.length() - source.stripLeading().length();
            last = evalSnippet(source.stripLeading(), new Location(number, lineOf(code, consumed + lead)));
            if (control.wasStopped() && (!rest.isBlank() || !last.hasValue())) {
                throw interrupted(); // the rest of an interrupted cell does not run
            }
        }
        return last;
    }

    /** The 0-based line of {@code code} holding position {@code at}. */
    private static int lineOf(String code, int at) {
        int line = 0;
        for (int i = 0; i < Math.min(at, code.length()); i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private Result evalSnippet(String source, Location where) {
        List<SnippetEvent> events = shell.eval(source);
        Result result = Result.NONE;
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                continue;
            }
            Snippet s = e.snippet();
            if (s != null) {
                locations.put(s.id(), where);
            }
            if (e.status() == Snippet.Status.REJECTED) {
                throw compileError(source, s);
            }
            if (e.exception() != null) {
                throw runtimeError(e.exception());
            }
            if (isValue(s) && control.hasValue(e.value())) {
                result = new Result(true, control.value(e.value()).orElse(null));
            }
        }
        return result;
    }

    private static boolean isValue(Snippet s) {
        return s instanceof ExpressionSnippet
                || s instanceof VarSnippet && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    private CellException compileError(String source, Snippet s) {
        List<String> lines = new ArrayList<>();
        List<Diag> diags = shell.diagnostics(s).collect(Collectors.toList());
        String first = diags.isEmpty() ? "cannot compile: " + source.strip()
                : diags.get(0).getMessage(Locale.ROOT);
        for (Diag d : diags) {
            lines.add((d.isError() ? "error: " : "warning: ") + d.getMessage(Locale.ROOT));
            lines.addAll(excerpt(source, (int) d.getStartPosition(), (int) d.getEndPosition()));
        }
        if (diags.isEmpty()) {
            lines.add(first);
        }
        return new CellException("CompilationError", first, lines);
    }

    /** The source line holding {@code start}, and a caret line under {@code start..end}. */
    static List<String> excerpt(String source, int start, int end) {
        if (start < 0 || start > source.length()) {
            return List.of();
        }
        int lineStart = source.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        if (start == 0) {
            lineStart = 0;
        }
        int lineEnd = source.indexOf('\n', start);
        if (lineEnd < 0) {
            lineEnd = source.length();
        }
        String line = source.substring(lineStart, lineEnd);
        int width = Math.max(1, Math.min(end, lineEnd) - start);
        return List.of("    " + line, "    " + " ".repeat(start - lineStart) + "^".repeat(width));
    }

    private CellException runtimeError(JShellException ex) {
        String name;
        if (ex instanceof EvalException ee) {
            name = ee.getExceptionClassName();
        } else if (ex instanceof UnresolvedReferenceException ure) {
            name = "UnresolvedReference";
            String msg = "attempted to use " + ure.getSnippet().source().strip()
                    + ", which cannot be run until its missing references are defined";
            return new CellException(name, msg, List.of(name + ": " + msg));
        } else {
            name = ex.getClass().getName();
        }
        String msg = ex.getMessage() == null ? "" : ex.getMessage();
        List<String> lines = new ArrayList<>();
        lines.add(msg.isEmpty() ? name : name + ": " + msg);
        for (StackTraceElement el : ex.getStackTrace()) {
            if (el.getClassName().startsWith("jdk.internal.") || el.getClassName().startsWith("java.lang.reflect.")
                    || el.getClassName().startsWith("io.memsched.kernel.")
                    || el.getClassName().equals("java.lang.Thread") && el.getMethodName().equals("run")) {
                continue;
            }
            lines.add("    at " + frame(el));
        }
        Throwable cause = ex.getCause();
        while (cause != null) {
            lines.add("Caused by: " + cause);
            cause = cause.getCause();
        }
        return new CellException(name, msg, lines);
    }

    /**
     * A stack frame as a person reads it: a frame of a cell's code as {@code cell N, line L} (with the method's
     * name when it is one the cell declared), any other frame as Java prints it.
     */
    String frame(StackTraceElement el) {
        String file = el.getFileName();
        Location where = file != null && file.startsWith("#") ? locations.get(file.substring(1)) : null;
        if (where == null || el.getLineNumber() < 1) {
            return el.toString();
        }
        String at = "cell " + where.cell() + ", line " + (where.firstLine() + el.getLineNumber());
        String method = el.getMethodName();
        return method.isEmpty() || method.startsWith("do_it$") || method.startsWith("lambda$") ? at
                : method + " (" + at + ")";
    }

    private static CellException interrupted() {
        return new CellException("Interrupted", "the cell was interrupted", List.of("Interrupted: the cell was stopped"));
    }

    /** Interrupts the running cell (see {@link CellExecutionControl#stop()}). */
    void interrupt() {
        control.stop();
    }

    /** Completion candidates at {@code cursor}. */
    Completion complete(String code, int cursor) {
        int[] anchor = new int[1];
        List<String> names = shell.sourceCodeAnalysis().completionSuggestions(code, cursor, anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation).distinct().collect(Collectors.toList());
        return new Completion(names, anchor[0], cursor);
    }

    /** Completion candidates replacing {@code code[start, end)}. */
    record Completion(List<String> candidates, int start, int end) {
    }

    /** What JShell knows of an element: its signature and, for the JDK's own classes, its javadoc (or null). */
    record Doc(String signature, String javadoc) {
    }

    /** The elements at {@code cursor} (all overloads of a method), empty when there is none. */
    List<Doc> documentation(String code, int cursor) {
        return shell.sourceCodeAnalysis().documentation(code, cursor, true).stream()
                .map(d -> new Doc(d.signature(), d.javadoc())).toList();
    }

    /** Jupyter's completeness answer: complete, incomplete or invalid. */
    String isComplete(String code) {
        SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(code);
        return switch (info.completeness()) {
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> info.remaining().isBlank() ? "complete" : isComplete(info.remaining());
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> "incomplete";
            default -> "invalid";
        };
    }

    @Override
    public void close() {
        shell.close();
    }
}
