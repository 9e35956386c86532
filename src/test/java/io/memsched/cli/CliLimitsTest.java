package io.memsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memsched.graph.Graph;
import io.memsched.io.GraphJson;
import io.memsched.memory.MemoryModel;
import io.memsched.registry.Registry;
import io.memsched.testing.ReferenceModel;
import io.memsched.testing.TestClock;
import io.memsched.zoo.LargeGraphs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, limits through the command line: {@code --time-limit} is honoured by a real process (within 10 % plus the
 * JVM start and the load, measured with {@code --method program} on the same file), and Ctrl-C (SIGINT) or a thread
 * interrupt makes a running solve print its best order so far with status {@code INTERRUPTED} and exit 130.
 * Uses the first registered search method among {@code best, dp, hmcos, ilp}.
 */
class CliLimitsTest {
    @TempDir
    static Path dir;
    static Path file;
    static Graph graph;

    @BeforeAll
    static void export() {
        graph = LargeGraphs.randomlyWired(10_000, 4);
        file = dir.resolve("rw10k.json");
        GraphJson.write(graph, file);
    }

    static String searchMethod() {
        for (String m : List.of("best", "dp", "hmcos", "ilp")) {
            if (Registry.schedulers().ids().contains(m)) {
                return m;
            }
        }
        return null;
    }

    static Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss16m", "-cp", System.getProperty("java.class.path"), "io.memsched.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).start();
    }

    record Run(int code, String out, String err, double seconds) {
    }

    static Run run(String... args) throws Exception {
        long t0 = System.nanoTime();
        Process p = start(args);
        p.getOutputStream().close();
        var out = p.getInputStream();
        var err = p.getErrorStream();
        String o = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        String e = new String(err.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Run(p.exitValue(), o, e, (System.nanoTime() - t0) / 1e9);
    }

    static void assertValidLine(String line, String status) throws IOException {
        JsonNode o = new ObjectMapper().readTree(line);
        assertEquals(status, o.get("status").asText(), line.substring(0, Math.min(300, line.length())));
        assertFalse(o.get("optimal").asBoolean());
        List<String> names = new ArrayList<>();
        o.get("order").forEach(n -> names.add(n.asText()));
        int[] order = io.memsched.memory.MemorySimulator.indicesOf(graph, names);
        assertEquals(graph.opCount(), order.length);
        assertEquals(new ReferenceModel(graph, MemoryModel.DEFAULT).peak(order), o.get("peak").asLong());
    }

    /** The time limit through the command line, without timing: the deadline passes at the search's third poll. */
    @Test
    void timeLimitEndsTheSearchWithItsBestOrder() throws Exception {
        String method = searchMethod();
        assumeTrue(method != null, "no search method registered yet");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        TestClock clock = TestClock.expiringAtPoll(3);
        int code = Main.run(new String[] {"schedule", "--json", "--method", method, "--time-limit", "3",
            file.toString()}, new PrintWriter(out), new PrintWriter(err), clock);
        assertEquals(0, code, err.toString());
        assertTrue(clock.triggered(), clock.toString());
        assertValidLine(out.toString().strip(), "TIME_LIMIT");
    }

    /** The wall-clock version, for a quiet machine (excluded by default; {@code bench --limits} measures it). */
    @Test
    @Tag("slow")
    void timeLimitIsHonouredByTheProcess() throws Exception {
        String method = searchMethod();
        assumeTrue(method != null, "no search method registered yet");
        Run base = run("schedule", "--json", "--method", "program", file.toString());
        assertEquals(0, base.code(), base.err());
        Run r = run("schedule", "--json", "--method", method, "--time-limit", "3", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.seconds() <= base.seconds() + 3 * 1.1 + 1.0, method + ": " + r.seconds() + " s, start and load "
                + base.seconds() + " s, limit 3 s");
        JsonNode o = new ObjectMapper().readTree(r.out().strip());
        assertTrue(o.get("status").asText().equals("TIME_LIMIT") || o.get("optimal").asBoolean(), r.out());
    }

    /**
     * A real SIGINT to a real process, sent once the process is inside its search (its main thread's stack, read
     * with {@code jcmd Thread.print}, shows a scheduler frame): no sleep, no timing, however busy the machine.
     */
    @Test
    void sigintPrintsTheBestOrderSoFar() throws Exception {
        String method = searchMethod();
        assumeTrue(method != null, "no search method registered yet");
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "needs kill -INT");
        Path outFile = dir.resolve("sigint.out");
        Path errFile = dir.resolve("sigint.err");
        // through perl, which resets SIGINT to its default before it execs the JVM (same pid): a test run started in
        // the background of a non-interactive shell (`mvn verify &`) passes SIGINT on as ignored, and a JVM that
        // starts with SIGINT ignored keeps ignoring it (nohup's contract), so the signal would never arrive
        List<String> cmd = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec {$ARGV[0]} @ARGV or die",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss16m", "-D" + InterruptOnSignal.GRACE_PROPERTY + "=120", "-cp", System.getProperty("java.class.path"),
                "io.memsched.cli.Main", "schedule", "--json", "--method", method, "--time-limit", "300",
                file.toString()));
        // a grace of 120 s (not 5): the best order is printed however busy the machine; files, not pipes: the parent reads only after the exit, and a full pipe would block the child's output
        Process p = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
        p.getOutputStream().close();
        // a scheduler's schedule(..) on the stack: the signal handler is installed and the search has begun
        awaitFrame(p, "io.memsched.schedule.", ".schedule(");
        assertTrue(p.isAlive(), "finished before the signal");
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
        assertEquals(0, kill.waitFor());
        // a hang detector only (the search has 300 s): how fast it stops is measured, not asserted
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "no exit within 120 s of SIGINT");
        String out = java.nio.file.Files.readString(outFile);
        String err = java.nio.file.Files.readString(errFile);
        assertEquals(130, p.exitValue(), err);
        assertEquals(1, out.lines().count(), "stdout: " + out + " stderr: " + err);
        assertValidLine(out.strip(), "INTERRUPTED");
        assertEquals("memsched: interrupted", err.strip());
    }

    @Test
    void threadInterruptOfMainRunPrintsTheBestOrderSoFar() throws Exception {
        String method = searchMethod();
        assumeTrue(method != null, "no search method registered yet");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        // the clock interrupts the running command's thread at the search's third poll: mid-solve, deterministically
        TestClock clock = TestClock.interruptingAtPoll(3);
        Thread t = new Thread(() -> code.set(Main.run(new String[] {"schedule", "--json", "--method", method,
            "--time-limit", "300", file.toString()}, new PrintWriter(out), new PrintWriter(err), clock)));
        t.start();
        t.join(300_000);
        assertFalse(t.isAlive());
        assertSame(t, clock.triggerThread());
        assertEquals(130, code.get(), err.toString());
        assertValidLine(out.toString().strip(), "INTERRUPTED");
    }

    /**
     * Waits until a thread of {@code p} runs a method {@code method} of a class under {@code prefix} (a hang
     * detector of 120 s, not a timing).
     */
    private static void awaitFrame(Process p, String prefix, String method) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        long give = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < give) {
            assertTrue(p.isAlive(), "the process ended before its search started");
            Process d = new ProcessBuilder(jcmd, Long.toString(p.pid()), "Thread.print").redirectErrorStream(true)
                    .start();
            String dump = new String(d.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            d.waitFor();
            if (dump.lines().map(String::strip).anyMatch(l -> l.startsWith("at " + prefix) && l.contains(method))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + prefix + "*" + method + " frame within 120 s");
    }
}
