package io.memsched.kernel;

import io.memsched.registry.Registry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.Plan;
import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.pass.PassResult;
import io.memsched.report.Comparison;
import io.memsched.report.Timeline;
import io.memsched.run.Status;
import io.memsched.schedule.ScheduleResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class JShellEvaluatorTest {
    private static JShellEvaluator shell;

    @BeforeAll
    static void start() {
        shell = new JShellEvaluator(JShellEvaluator.jvmClassPath());
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    /**
     * Interrupts the shell once its cell thread runs {@code method} ({@code do_it$} is the method JShell wraps a
     * statement in), so the interrupt lands in the running code however long the snippet takes to compile.
     */
    private static Thread interruptWhenRunning(String method) {
        Thread t = new Thread(() -> {
            while (true) {
                boolean running = Thread.getAllStackTraces().entrySet().stream()
                        .anyMatch(e -> e.getKey().getName().equals("memsched-cell")
                                && Arrays.stream(e.getValue()).anyMatch(f -> f.getMethodName().equals(method)));
                if (running) {
                    shell.interrupt();
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "interrupt-when-running");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void lastExpressionOfACellIsItsValueAsTheRealObject() {
        var r = shell.eval("int a = 2;\nint b = a * 20;\na + b");
        assertTrue(r.hasValue());
        assertEquals(42, r.value());
    }

    @Test
    void declarationsAndStatementsHaveNoValue() {
        assertFalse(shell.eval("int unused = 5;").hasValue());
        assertFalse(shell.eval("if (true) { int q = 1; }").hasValue());
    }

    @Test
    void theDslIsImportedAndValuesAreTheKernelsOwnClasses() {
        var r = shell.eval("Graph g = Graph.builder(\"t\").input(\"x\", kb(1)).op(\"a\", \"Conv\").reads(\"x\")"
                + ".writes(\"y\", kb(2)).output(\"y\").build();\n"
                + "Registry.scheduler(\"greedy\", SchedulerOptions.defaults()).schedule(g)");
        ScheduleResult res = assertInstanceOf(ScheduleResult.class, r.value());
        assertEquals(3072, res.peakBytes());
        assertInstanceOf(Graph.class, shell.eval("g").value());
    }

    @Test
    void theFacadePipelineRunsAsWritten() {
        var r = shell.eval("Graph g = Memsched.zoo(\"toy-cell\");\n"
                + "Pass keep = Passes.rewriting(\"keep\", x -> x);\n"
                + "Plan p = Memsched.plan(g).\n"
                + "    memoryModel(MemoryModel.INPLACE).\n"
                + "    passes(Passes.serenity(), Passes.fusion(), keep).\n"
                + "    method(\"best\").solver(\"cpsat\").timeLimit(Duration.ofSeconds(60)).\n"
                + "    run();\n"
                + "p");
        Plan p = assertInstanceOf(Plan.class, r.value());
        assertEquals(List.of("serenity", "fusion", "keep"), p.passes().stream().map(PassResult::name).toList());
        assertEquals(p.peakBytes(), MemorySimulator.simulate(p.graph(), MemoryModel.INPLACE, p.order()).peakBytes(), "the order re-simulates to the reported peak");
        assertInstanceOf(Timeline.class, shell.eval("p.timeline()").value());
        assertInstanceOf(Comparison.class, shell.eval("p.compare(\"program\", \"rpo\")").value());
        assertInstanceOf(Status.class, shell.eval("p.status()").value());
    }

    /** Every public type of a package imported with {@code .*} resolves in a session: no two imports clash. */
    @Test
    void everyImportedTypeResolvesWithoutAmbiguity() throws IOException {
        Pattern publicType = Pattern.compile("(?m)^public (?:final |abstract |sealed |non-sealed )*"
                + "(?:class|interface|record|enum|@interface) (\\w+)");
        List<String> names = new java.util.ArrayList<>();
        for (String imp : JShellEvaluator.STARTUP_IMPORTS) {
            if (!imp.startsWith("io.memsched.") || !imp.endsWith(".*")) {
                continue;
            }
            Path dir = Path.of("src/main/java", imp.substring(0, imp.length() - 2).replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                    Matcher m = publicType.matcher(Files.readString(f));
                    if (m.find()) {
                        names.add(m.group(1) + ".class");
                    }
                }
            }
        }
        assertTrue(names.size() > 20, "checked " + names);
        Object classes = shell.eval("List.<Class<?>>of(" + String.join(", ", names) + ")").value(); // one compile
        assertEquals(names.size(), assertInstanceOf(List.class, classes).size());
    }

    @Test
    void compileErrorsNameTheProblemAndPointAtIt() {
        CellException e = assertThrows(CellException.class, () -> shell.eval("int ok = 1;\nString s = 42;"));
        assertEquals("CompilationError", e.kind());
        assertTrue(e.getMessage().contains("incompatible types"), e.getMessage());
        assertTrue(e.lines().stream().anyMatch(l -> l.contains("String s = 42;")), e.lines().toString());
        assertTrue(e.lines().stream().anyMatch(l -> l.trim().startsWith("^")), e.lines().toString());
        // the snippet before the error ran
        assertEquals(1, shell.eval("ok").value());
    }

    @Test
    void runtimeExceptionsKeepClassAndMessage() {
        CellException e = assertThrows(CellException.class, () -> shell.eval("Zoo.get(\"no-such-net\")"));
        assertEquals("io.memsched.graph.BadInputException", e.kind());
        assertTrue(e.getMessage().contains("no-such-net"), e.getMessage());
    }

    /**
     * A thread that interrupts the cell once the snippet says it runs (it sets the system property
     * {@value #RUNNING}): whenever that is, on a busy machine too, the interrupt lands in the loop.
     */
    private Thread stopperWhenRunning() {
        System.clearProperty(RUNNING);
        return new Thread(() -> {
            try {
                while (System.getProperty(RUNNING) == null) {
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                System.clearProperty(RUNNING);
            }
            shell.interrupt();
        });
    }

    private static final String RUNNING = "memsched.test.cellRunning";
    private static final String MARK = "System.setProperty(\"" + RUNNING + "\", \"1\"); ";

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void interruptStopsALoopThatPollsTheInterruptFlag() throws Exception {
        Thread stopper = stopperWhenRunning();
        stopper.start();
        CellException e = assertThrows(CellException.class,
                () -> shell.eval("{ " + MARK
                        + "while (!Thread.currentThread().isInterrupted()) { Thread.onSpinWait(); }\n"
                        + "throw new InterruptedException(\"solver stopped\"); }"));
        stopper.join();
        // the loop saw the interrupt and threw, or its stop check ended it first (not the hard stop)
        assertTrue(e.kind().contains("Interrupt"), e.kind());
        // the session still works
        assertEquals(5, shell.eval("2 + 3").value());
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void anInterruptedLastSnippetKeepsItsValueButLaterSnippetsDoNotRun() throws Exception {
        Thread stopper = stopperWhenRunning();
        stopper.start();
        // a library solve answers the interrupt with its best result: the cell's value
        var r = shell.eval("int after = 0;\nio.memsched.kernel.BlockingSolve.run(\"" + RUNNING + "\")");
        stopper.join();
        assertEquals("best so far", r.value());
        Thread stopper2 = stopperWhenRunning();
        stopper2.start();
        assertThrows(CellException.class, () -> shell.eval(
                "{ " + MARK + "while (!Thread.currentThread().isInterrupted()) { } }\nafter = 1;"));
        stopper2.join();
        assertEquals(0, shell.eval("after").value(), "the snippet after the interrupted one did not run");
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aLoopOfSolvesEndsAfterTheSolveThatWasRunning() throws Exception {
        shell.eval("List<String> solved = new ArrayList<>();");
        Thread stopper = stopperWhenRunning();
        stopper.start();
        CellException e = assertThrows(CellException.class, () -> shell.eval(
                "for (int i = 0; i < 100; i++) {\n"
                + "    " + MARK + "\n"
                + "    solved.add(io.memsched.kernel.BlockingSolve.run());\n"
                + "}\n"
                + "solved.add(\"after the loop\");"));
        stopper.join();
        assertEquals("Interrupted", e.kind());
        assertEquals(List.of("Interrupted: the cell was stopped"), e.lines(), "one short line");
        // the interrupted solve returned its result; the loop did not start another one (their interrupt flag
        // would have made each return at once) and the rest of the cell did not run
        assertEquals(List.of("best so far"), shell.eval("solved").value());
        assertEquals(2, shell.eval("1 + 1").value());
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aBusyLoopInACellEndsAtItsStopCheck() throws Exception {
        shell.eval("String caught = \"nothing\";");
        Thread stopper = stopperWhenRunning();
        stopper.start();
        // the cell catches what ends its loop: the stop check's error, not ThreadDeath from the hard stop
        assertThrows(CellException.class, () -> shell.eval(
                "try { " + MARK + " long n = 0; while (true) { n++; } } catch (Throwable t) { caught = t.getClass().getSimpleName(); }"));
        stopper.join();
        assertEquals("CellStopped", shell.eval("caught").value());
    }

    @Test
    void framesOfTheCellsCodeNameCellAndLine() {
        shell.eval("int boom(int x) {\n    if (x == 0) throw new IllegalStateException(\"boom\");\n    return boom(x - 1);\n}", 41);
        CellException e = assertThrows(CellException.class,
                () -> shell.eval("// a comment\nint a = 1;\n\n   int b = boom(1);", 42));
        assertEquals("java.lang.IllegalStateException", e.kind());
        assertEquals(List.of("java.lang.IllegalStateException: boom", "    at boom (cell 41, line 2)",
                "    at boom (cell 41, line 3)", "    at cell 42, line 4"), e.lines());
        CellException lib = assertThrows(CellException.class, () -> shell.eval("int q = 0;\nfor (int i = 0; i < 2; i++) {\n"
                + "    Zoo.get(\"no-such-net\");\n}", 43));
        assertTrue(lib.lines().get(1).startsWith("    at io.memsched.zoo.Zoo.get(Zoo.java:"), lib.lines().toString());
        assertEquals("    at cell 43, line 3", lib.lines().get(2));
    }

    @Test
    @Tag("slow")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void codeThatIgnoresTheInterruptIsStoppedAfterTheGracePeriod() throws Exception {
        Thread stopper = stopperWhenRunning();
        stopper.start();
        long t0 = System.nanoTime();
        assertThrows(CellException.class, () -> shell.eval("{ " + MARK
                + "while (true) { try { Thread.sleep(5); } catch (InterruptedException e) { } } }"));
        stopper.join();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds >= CellExecutionControl.HARD_STOP_MILLIS / 1000.0 && seconds < 30, "stopped after " + seconds);
        assertEquals(7, shell.eval("3 + 4").value());
    }

    @Test
    void completenessAndCompletion() {
        assertEquals("complete", shell.isComplete("int z = 1;"));
        assertEquals("incomplete", shell.isComplete("for (int i = 0; i < 3; i++) {"));
        assertTrue(shell.complete("Zoo.na", 6).candidates().stream().anyMatch(c -> c.startsWith("names")));
    }

    @Test
    void excerptPointsAtTheColumn() {
        assertEquals(java.util.List.of("    ab cd", "       ^^"), JShellEvaluator.excerpt("x\nab cd\ny", 5, 7));
    }
}
