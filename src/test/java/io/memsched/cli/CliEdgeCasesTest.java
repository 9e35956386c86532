package io.memsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The degenerate graphs and bad numbers of issue 8, through {@code Main.run}: exit codes and one-line errors. */
class CliEdgeCasesTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    static String graph(String tensors, String inputs, String outputs, String ops) {
        return "{\"format\":\"memsched-graph/1\",\"tensors\":{" + tensors + "},\"inputs\":[" + inputs
                + "],\"outputs\":[" + outputs + "],\"ops\":[" + ops + "]}";
    }

    @Test
    void degenerateGraphsScheduleWithEveryHeuristic() throws Exception {
        Path[] files = {
            file("empty.json", graph("", "", "", "")),
            file("noops.json", graph("\"x\":100", "\"x\"", "\"x\"", "")),
            file("dup.json", graph("\"x\":100,\"y\":100", "\"x\"", "\"y\"",
                    "{\"name\":\"add\",\"inputs\":[\"x\",\"x\"],\"outputs\":[\"y\"]}")),
            file("sink.json", graph("\"x\":100", "\"x\"", "", "{\"name\":\"s\",\"inputs\":[\"x\"],\"outputs\":[]}")),
            file("zero.json", graph("\"x\":0,\"y\":0", "\"x\"", "\"y\"",
                    "{\"name\":\"a\",\"inputs\":[\"x\"],\"outputs\":[\"y\"],\"inplace\":true}")),
            file("big.json", graph("\"x\":1125899906842624,\"y\":2251799813685248", "\"x\"", "\"y\"",
                    "{\"name\":\"a\",\"inputs\":[\"x\"],\"outputs\":[\"y\"]}"))};
        long[] peaks = {0, 100, 200, 100, 0, 3L << 50};
        for (String method : io.memsched.registry.Registry.schedulers().ids()) {
            String[] args = new String[files.length + 4];
            args[0] = "schedule";
            args[1] = "--json";
            args[2] = "--method";
            args[3] = method;
            for (int k = 0; k < files.length; k++) {
                args[4 + k] = files[k].toString();
            }
            Run r = run(args);
            assertEquals(0, r.code, method + ": " + r.err);
            String[] lines = r.out.strip().split("\n");
            assertEquals(files.length, lines.length, r.out);
            for (int k = 0; k < lines.length; k++) {
                JsonNode o = new ObjectMapper().readTree(lines[k]);
                assertEquals(peaks[k], o.get("peak").asLong(), method + " " + files[k]);
                assertTrue(o.get("optimal").asBoolean(), method + " " + files[k]);
            }
        }
    }

    @Test
    void badNumbersAndOverflowExitTwoWithOneLine() throws Exception {
        String[] bad = {
            graph("\"x\":1e400", "\"x\"", "", ""),
            graph("\"x\":-1", "\"x\"", "", ""),
            graph("\"x\":99999999999999999999999999999999999999", "\"x\"", "", ""),
            graph("\"x\":4611686018427387903,\"y\":4611686018427387903,\"z\":4611686018427387903",
                    "\"x\",\"y\",\"z\"", "", ""),
            graph("\"x\":1", "\"x\"", "", "{\"name\":\"a\",\"inputs\":[\"x\"],\"outputs\":[],\"workspace\":1e999}"),
            graph("\"x\":1,\"y\":1", "\"x\"", "\"y\"", "{\"name\":\"a\",\"inputs\":[\"x\"],\"outputs\":[\"y\",\"y\"]}"),
        };
        for (int k = 0; k < bad.length; k++) {
            Path f = file("bad" + k + ".json", bad[k]);
            for (String[] args : new String[][] {{"schedule", f.toString()}, {"convert", f.toString(),
                    dir.resolve("out" + k + ".json").toString()}}) {
                Run r = run(args);
                assertEquals(2, r.code, bad[k] + " -> " + r.err);
                assertEquals(1, r.err.strip().split("\n").length, r.err);
                assertTrue(r.err.startsWith("memsched: " + f), r.err);
                assertFalse(r.err.contains("Exception"), r.err);
                assertTrue(r.err.length() < 300, r.err);
            }
        }
    }

    @Test
    void endlessDeviceIsRefusedWithoutFillingTheHeap() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(Path.of("/dev/zero")));
        Run r = run("schedule", "/dev/zero");
        assertEquals(2, r.code, r.err);
        assertTrue(r.err.startsWith("memsched: /dev/zero: more than"), r.err);
    }

    @Test
    void oversizedFileIsRefusedBeforeReading() throws Exception {
        Path f = dir.resolve("huge.json");
        try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.SPARSE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {' '}), io.memsched.io.GraphJson.MAX_FILE_BYTES + 10);
        }
        Run r = run("schedule", f.toString());
        assertEquals(2, r.code);
        assertTrue(r.err.contains("is larger than"), r.err);
    }
}
