package io.memsched.io.inductor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memsched.Memsched;
import io.memsched.graph.Graph;
import io.memsched.io.GraphFormatException;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.testing.RandomOrders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Inductor dump reader. The dumps are written by hand (src/test/resources/inductor/README.md) or generated
 * here in the documented format; the oracle is a transcription of Inductor's own accounting
 * ({@code estimate_peak_memory}: {@code size_alloc} added at a buffer's node, {@code size_free} subtracted after
 * its last reader, graph outputs kept to the end), run on the dump for the same order.
 */
class InductorDumpImporterTest {
    static final Path SMALL = Path.of("src/test/resources/inductor/multi_output_and_mutation.json");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theHandWrittenDumpMapsMultiOutputsAndMutations() throws Exception {
        Graph g = Memsched.load(SMALL);
        assertEquals("multi_output_and_mutation", g.name());
        assertEquals(List.of("op0", "op1", "op2", "op3", "op4", "op5_op6", "op7"),
                g.ops().stream().map(o -> o.name()).toList());
        assertEquals(List.of("tangents_1"), g.inputs());
        assertEquals(List.of("buf5", "buf6"), g.outputs());
        // the kernel writes the bytes of its outputs; its own buffer keeps what no output frees (nothing here)
        assertEquals(List.of("buf1", "buf2", "buf3"), g.op(1).outputs());
        assertEquals(0, g.bytes(g.tensorIndex("buf1")));
        assertEquals(4096, g.bytes(g.tensorIndex("buf2")));
        assertEquals(2048, g.bytes(g.tensorIndex("buf3")));
        assertEquals(List.of("buf1", "buf2"), g.op(2).inputs());
        assertEquals(List.of("buf2/view"), g.op(2).outputs());
        assertEquals(0, g.bytes(g.tensorIndex("buf4")), "a mutation renames memory: no bytes of its own");
        assertEquals(List.of("buf2", "buf4", "buf3", "buf2/view", "buf3/view"), g.op(5).inputs());
        // Inductor: 8192, 14336, 10240, 10240, 10240, 14336, 9216 (README of the test resources)
        int[] order = {0, 1, 2, 3, 4, 5, 6};
        var tl = MemorySimulator.simulate(g, MemoryModel.DEFAULT, order);
        assertEquals(14336, tl.peakBytes());
        assertEquals(14336, inductorPeak(JSON.readTree(SMALL.toFile()), List.of("op0", "op1", "op2", "op3", "op4",
                "op5_op6", "op7")));
    }

    @Test
    void bytesAKernelNeverFreesStayLiveToTheEnd() throws Exception {
        ObjectNode dump = (ObjectNode) JSON.readTree(SMALL.toFile());
        ((ObjectNode) dump.get("buffers").get(2)).put("size_alloc", 7000);   // 856 bytes no MultiOutput frees
        Graph g = InductorDumpImporter.fromTree(dump, "d.json", "d");
        assertEquals(856, g.bytes(g.tensorIndex("buf1")));
        assertTrue(g.outputs().contains("buf1"));
        List<String> order = g.ops().stream().map(o -> o.name()).toList();
        assertEquals(inductorPeak(dump, order),
                MemorySimulator.simulate(g, MemoryModel.DEFAULT, new int[] {0, 1, 2, 3, 4, 5, 6}).peakBytes());
    }

    @Test
    void olderDumpsWithOnlySizeAreRead() throws Exception {
        ObjectNode dump = (ObjectNode) JSON.readTree(SMALL.toFile());
        for (JsonNode b : dump.get("buffers")) {
            if (b.get("size_alloc").asLong() == b.get("size_free").asLong()) {
                ((ObjectNode) b).remove(List.of("size_alloc", "size_free"));
            }
        }
        Graph g = InductorDumpImporter.fromTree(dump, "d.json", "d");
        assertEquals(4096, g.bytes(g.tensorIndex("buf0")));
    }

    /** Thousands of generated dumps: our peak of a random valid order equals Inductor's accounting of it. */
    @Test
    void ourPeakEqualsInductorsAccountingOnGeneratedDumps() {
        SplittableRandom r = new SplittableRandom(15);
        int orders = 0;
        for (int seed = 0; seed < 1500; seed++) {
            JsonNode dump = generate(new SplittableRandom(seed));
            Graph g = InductorDumpImporter.fromTree(dump, "gen" + seed, "gen" + seed);
            for (int k = 0; k < 4; k++) {
                int[] order = k == 0 ? program(g) : RandomOrders.of(g, r);
                List<String> names = new ArrayList<>();
                for (int i : order) {
                    names.add(g.op(i).name());
                }
                assertEquals(inductorPeak(dump, names),
                        MemorySimulator.simulate(g, MemoryModel.DEFAULT, order).peakBytes(),
                        "seed " + seed + ", order " + names + ": " + dump);
                orders++;
            }
        }
        assertEquals(6000, orders);
    }

    @Test
    void badDumpsAreRefusedNamingTheElement(@TempDir Path dir) throws Exception {
        refused("{\"nodes\": [], \"buffers\": 3}", "buffers: expected an array");
        refused("{\"nodes\": [{\"name\": \"a\", \"buffer_names\": [\"x\"]}], \"buffers\": []}",
                "nodes[0].buffer_names[0]: unknown buffer 'x'");
        refused("{\"nodes\": [], \"buffers\": [{\"name\": \"x\", \"size_alloc\": -1, \"size_free\": 1}]}",
                "buffers[0].size_alloc: expected a byte count");
        refused("{\"nodes\": [], \"buffers\": [{\"name\": \"x\", \"size_alloc\": 1e400, \"size_free\": 1}]}",
                "buffers[0].size_alloc: expected a byte count");
        refused("{\"nodes\": [], \"buffers\": [{\"name\": \"x\", \"is_input\": true}]}",
                "buffers[0]: 'x' has no size_alloc/size_free");
        refused("{\"nodes\": [], \"buffers\": [{\"name\": \"x\", \"size\": 8, \"is_input\": true, \"deps\": [\"y\"]}]}",
                "buffers[0].deps[0]: unknown buffer 'y'");
        refused("{\"nodes\": [], \"buffers\": [{\"name\": \"x\", \"size\": 8}]}",
                "buffers[0]: buffer 'x' is neither a graph input nor written by a node");
        refused("{\"nodes\": [{\"name\": \"a\", \"buffer_names\": [\"x\"]}, {\"name\": \"b\", \"buffer_names\": [\"x\"]}],"
                + " \"buffers\": [{\"name\": \"x\", \"size\": 8}]}",
                "nodes[1].buffer_names[0]: buffer 'x' is also written by node 'a'");
        refused("{\"nodes\": [{\"name\": \"a\", \"buffer_names\": [\"x\"]}],"
                + " \"buffers\": [{\"name\": \"x\", \"size_alloc\": 8, \"size_free\": 4}]}",
                "buffers[0]: 'x' has size_alloc 8 and size_free 4");
        refused("{\"nodes\": [{\"name\": \"a\", \"buffer_names\": [\"x\"]}],"
                + " \"buffers\": [{\"name\": \"x\", \"size_alloc\": 0, \"size_free\": 4}]}",
                "buffers[0]: 'x' frees 4 bytes it did not allocate");
        refused("{\"nodes\": [{\"name\": \"a\", \"buffer_names\": [\"x\"]}, {\"name\": \"b\", \"buffer_names\": [\"y\"]}],"
                + " \"buffers\": [{\"name\": \"x\", \"size\": 8, \"deps\": [\"y\"]}, {\"name\": \"y\", \"size\": 8,"
                + " \"deps\": [\"x\"]}]}", "cycle");
        Path file = dir.resolve("dump.json");
        Files.writeString(file, "{\"nodes\": [], \"buffers\": [{\"name\": 7}]}");
        GraphFormatException e = assertThrows(GraphFormatException.class, () -> Memsched.load(file));
        assertEquals(file + ": buffers[0].name: expected a non-empty string", e.getMessage());
    }

    private static void refused(String json, String expected) throws Exception {
        GraphFormatException e = assertThrows(GraphFormatException.class,
                () -> InductorDumpImporter.fromTree(JSON.readTree(json), "d.json", "d"));
        assertTrue(e.getMessage().startsWith("d.json: ") && e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    private static int[] program(Graph g) {
        int[] o = new int[g.opCount()];
        for (int i = 0; i < o.length; i++) {
            o[i] = i;
        }
        return o;
    }

    /**
     * Inductor's {@code estimate_peak_memory} on the dump, for a node order: each buffer adds {@code size_alloc} at
     * its node's step (inputs at step 0) and subtracts {@code size_free} after the last step of a node that reads
     * it (a node reads the deps of the buffers it writes), or after its own step when nothing reads it; graph
     * outputs are never freed.
     */
    static long inductorPeak(JsonNode dump, List<String> order) {
        Map<String, Integer> step = new HashMap<>();
        for (int s = 0; s < order.size(); s++) {
            step.put(order.get(s), s);
        }
        Map<String, Integer> definedAt = new HashMap<>();
        Map<String, Integer> lastRead = new HashMap<>();
        for (JsonNode n : dump.get("nodes")) {
            int s = step.get(n.get("name").asText());
            for (JsonNode b : n.get("buffer_names")) {
                definedAt.put(b.asText(), s);
            }
        }
        for (JsonNode n : dump.get("nodes")) {
            int s = step.get(n.get("name").asText());
            for (JsonNode out : n.get("buffer_names")) {
                for (JsonNode b : dump.get("buffers")) {
                    if (b.get("name").asText().equals(out.asText()) && b.has("deps")) {
                        for (JsonNode d : b.get("deps")) {
                            if (definedAt.getOrDefault(d.asText(), -1) != s) {
                                lastRead.merge(d.asText(), s, Math::max);
                            }
                        }
                    }
                }
            }
        }
        long[] delta = new long[order.size() + 1];
        for (JsonNode b : dump.get("buffers")) {
            String name = b.get("name").asText();
            long size = b.has("size") ? b.get("size").asLong() : 0;
            long alloc = b.has("size_alloc") ? b.get("size_alloc").asLong() : size;
            long free = b.has("size_free") ? b.get("size_free").asLong() : size;
            int start = b.path("is_input").asBoolean() ? 0 : definedAt.get(name);
            int end = b.path("is_output").asBoolean() ? order.size() - 1 : lastRead.getOrDefault(name, start);
            delta[start] += alloc;
            delta[end + 1] -= free;
        }
        long peak = 0;
        long now = 0;
        for (int t = 0; t < order.size(); t++) {
            now += delta[t];
            peak = Math.max(peak, now);
        }
        return peak;
    }

    /**
     * A random dump in Inductor's format: freeable inputs, ordinary nodes (one or two buffers), multi-output
     * kernels followed by their MultiOutput nodes (with, sometimes, bytes no output frees), in-place mutations
     * (a zero-size rename whose later readers also list the original buffer) and graph outputs.
     */
    static JsonNode generate(SplittableRandom r) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode nodes = root.putArray("nodes");
        ArrayNode buffers = root.putArray("buffers");
        List<String> readable = new ArrayList<>();
        Map<String, String> renamedFrom = new HashMap<>();
        int inputs = 1 + r.nextInt(2);
        for (int i = 0; i < inputs; i++) {
            String name = "arg" + i;
            buffer(buffers, name, size(r), size(r), true, false, List.of(), r);
            readable.add(name);
        }
        int n = 2 + r.nextInt(9);
        int buf = 0;
        for (int k = 0; k < n; k++) {
            List<String> deps = new ArrayList<>();
            int reads = 1 + r.nextInt(Math.min(3, readable.size()));
            for (int j = 0; j < reads; j++) {
                String d = readable.get(r.nextInt(readable.size()));
                if (!deps.contains(d)) {
                    deps.add(d);
                    if (renamedFrom.containsKey(d) && !deps.contains(renamedFrom.get(d))) {
                        deps.add(renamedFrom.get(d));
                    }
                }
            }
            int kind = r.nextInt(6);
            if (kind == 0) {
                // a multi-output kernel and its MultiOutput nodes
                int pieces = 1 + r.nextInt(3);
                long[] sizes = new long[pieces];
                long sum = 0;
                for (int p = 0; p < pieces; p++) {
                    sizes[p] = size(r);
                    sum += sizes[p];
                }
                String kernel = "buf" + buf++;
                long extra = r.nextInt(4) == 0 ? size(r) : 0;
                node(nodes, "kernel" + k, kernel);
                buffer(buffers, kernel, sum + extra, 0, false, false, deps, r);
                for (int p = 0; p < pieces; p++) {
                    String piece = "buf" + buf++;
                    node(nodes, "multi_output" + k + "_" + p, piece);
                    buffer(buffers, piece, 0, sizes[p], false, r.nextInt(5) == 0, List.of(kernel), r);
                    readable.add(piece);
                }
            } else if (kind == 1) {
                // a mutation of the first dep: a zero-size rename
                String target = deps.get(0);
                String rename = "buf" + buf++;
                node(nodes, "mutate" + k, rename);
                buffer(buffers, rename, 0, 0, false, false, deps, r);
                renamedFrom.put(rename, renamedFrom.getOrDefault(target, target));
                readable.add(rename);
            } else {
                int outs = 1 + (kind == 2 ? 1 : 0);
                String[] names = new String[outs];
                for (int o = 0; o < outs; o++) {
                    names[o] = "buf" + buf++;
                }
                node(nodes, (outs > 1 ? "fused" : "op") + k, names);
                for (String name : names) {
                    long s = size(r);
                    buffer(buffers, name, s, s, false, r.nextInt(6) == 0, deps, r);
                    readable.add(name);
                }
            }
        }
        return root;
    }

    private static long size(SplittableRandom r) {
        return r.nextInt(5) == 0 ? 0 : 16L * (1 + r.nextInt(64));
    }

    private static void node(ArrayNode nodes, String name, String... buffers) {
        ObjectNode n = nodes.addObject();
        n.put("name", name);
        ArrayNode b = n.putArray("buffer_names");
        for (String s : buffers) {
            b.add(s);
        }
    }

    private static void buffer(ArrayNode buffers, String name, long alloc, long free, boolean input, boolean output,
                               List<String> deps, SplittableRandom r) {
        ObjectNode b = buffers.addObject();
        b.put("name", name);
        b.put("size_alloc", alloc);
        b.put("size_free", input ? alloc : free);
        b.put("size", input ? alloc : free);
        b.put("is_input", input);
        b.put("is_output", output);
        ArrayNode d = b.putArray("deps");
        deps.forEach(d::add);
        ArrayNode u = b.putArray("unmet_deps");
        deps.stream().filter(x -> !x.startsWith("arg")).forEach(u::add);
    }
}
