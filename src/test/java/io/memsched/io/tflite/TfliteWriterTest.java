package io.memsched.io.tflite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memsched.Memsched;
import io.memsched.Plan;
import io.memsched.graph.BadInputException;
import io.memsched.graph.Graph;
import io.memsched.graph.Op;
import io.memsched.io.tflite.schema.Buffer;
import io.memsched.io.tflite.schema.Model;
import io.memsched.io.tflite.schema.ModelT;
import io.memsched.arena.ArenaPlan;
import io.memsched.arena.ArenaProblem;
import io.memsched.memory.MemoryModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TfliteWriterTest {
    @TempDir
    Path dir;

    static Stream<Arguments> models() {
        List<Arguments> all = new ArrayList<>();
        for (String name : TfliteTestModels.EXAMPLE_MODELS) {
            for (MemoryModel mm : List.of(MemoryModel.DEFAULT, MemoryModel.INPLACE)) {
                all.add(Arguments.of(name, mm));
            }
        }
        all.add(Arguments.of("synthetic", MemoryModel.DEFAULT));
        all.add(Arguments.of("branches", MemoryModel.DEFAULT));
        all.add(Arguments.of("branches", MemoryModel.INPLACE));
        return all.stream();
    }

    private Path model(String name) throws Exception {
        if (TfliteTestModels.EXAMPLE_MODELS.contains(name)) {
            return TfliteTestModels.example(name);
        }
        Path p = dir.resolve(name + ".tflite");
        Files.write(p, name.equals("synthetic") ? TfliteTestModels.synthetic() : TfliteTestModels.branches());
        return p;
    }

    /**
     * Plan, arena, write, then check the written file with the FlatBuffers runtime: the operators are the plan's in
     * its order, the offline plan's offsets are a valid arena layout ({@link ArenaPlan#verified}) of the same size,
     * buffer data is 16-byte aligned, and re-importing it and scheduling with {@code program} gives the plan's peak.
     */
    @ParameterizedTest
    @MethodSource("models")
    void theWrittenModelRunsThePlansOrderWithItsArena(String name, MemoryModel mm) throws Exception {
        Path in = model(name);
        Graph g = Memsched.load(in);
        Plan p = Memsched.plan(g).memoryModel(mm).method("greedy").run();
        ArenaPlan arena = p.arena("greedy");
        Path out = dir.resolve(name + "-planned.tflite");
        TfliteWriter.write(in, p.order(), arena.tensorOffsets(), "{\"peak\":" + p.peakBytes() + "}", out);

        Graph back = Memsched.load(out);
        assertEquals(g.opCount(), back.opCount());
        for (int k = 0; k < back.opCount(); k++) {
            Op was = g.op(g.opIndex(p.order().get(k)));
            Op now = back.op(k);
            assertEquals(List.of(was.type(), was.inputs(), was.outputs(), was.workspaceBytes()),
                    List.of(now.type(), now.inputs(), now.outputs(), now.workspaceBytes()), "operator " + k);
        }
        Plan program = Memsched.plan(back).memoryModel(mm).method("program").run();
        assertEquals(p.peakBytes(), program.peakBytes());

        int[] words = TfliteWriter.offlineMemoryAllocation(out).orElseThrow();
        TfliteGraph t = TfliteImporter.load(out);
        assertEquals(0, words[0], "version");
        assertEquals(t.subgraphs(), words[1]);
        assertEquals(t.totalTensors(), words[2]);
        assertEquals(3 + t.totalTensors(), words.length);
        Map<String, Long> offsets = new HashMap<>();
        for (int i = 0; i < t.tensorNames().size(); i++) {
            String tensor = t.tensorNames().get(i);
            if (tensor == null || t.variable()[i]) {
                assertEquals(-1, words[3 + i], "weights and variables are left to the runtime: tensor " + i);
            } else {
                assertTrue(words[3 + i] >= 0, "tensor " + i);
                offsets.put(tensor, (long) words[3 + i]);
            }
        }
        for (int i = 3 + t.tensorNames().size(); i < words.length; i++) {
            assertEquals(-1, words[i], "tensors of other subgraphs are left to the runtime");
        }
        int[] order = new int[back.opCount()];
        Arrays.setAll(order, k -> k);
        ArenaProblem problem = ArenaProblem.of(back, mm, order);
        long[] byBuffer = new long[problem.buffers().size()];
        for (ArenaProblem.Buffer b : problem.buffers()) {
            boolean variable = !b.workspace() && t.variable()[t.tensorNames().indexOf(b.tensors().get(0))];
            if (b.workspace() || variable) {
                // TFLite Micro places workspaces (scratch buffers) and variable tensors itself: keep the plan's place
                byBuffer[b.index()] = arena.offset(b.index());
                continue;
            }
            byBuffer[b.index()] = offsets.get(b.tensors().get(0));
            for (String shared : b.tensors()) {
                assertEquals(byBuffer[b.index()], offsets.get(shared), "in-place tensors share their buffer");
            }
        }
        ArenaPlan verified = ArenaPlan.verified("metadata", problem, byBuffer, 0, Duration.ZERO);
        assertEquals(arena.arenaBytes(), verified.arenaBytes());

        ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
        assertTrue(Model.ModelBufferHasIdentifier(bb));
        Model m = Model.getRootAsModel(bb);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < m.metadataLength(); i++) {
            names.add(m.metadata(i).name());
        }
        assertEquals(1, names.stream().filter(TfliteWriter.OFFLINE_MEMORY_ALLOCATION::equals).count(), "" + names);
        int note = names.indexOf(TfliteWriter.MEMSCHED_METADATA);
        ByteBuffer text = m.buffers((int) m.metadata(note).buffer()).dataAsByteBuffer();
        assertEquals("{\"peak\":" + p.peakBytes() + "}", StandardCharsets.UTF_8.decode(text).toString());
        for (int i = 0; i < m.buffersLength(); i++) {
            Buffer b = m.buffers(i);
            if (b.dataLength() > 0) {
                assertEquals(0, b.dataAsByteBuffer().position() % 16, "buffer " + i + " is 16-byte aligned");
            }
        }
    }

    @Test
    void aDifferentOrderIsWrittenAndEverythingElseIsKept() throws Exception {
        Path in = model("branches");
        Graph g = Memsched.load(in);
        List<String> order = List.of("CONV_2D_1", "CONV_2D_0", "RELU_2", "CONCATENATION_3");
        Path out = dir.resolve("reordered.tflite");
        TfliteWriter.write(in, order, Map.of(), "", out);
        Graph back = Memsched.load(out);
        assertEquals(List.of(List.of("x"), List.of("b")), List.of(back.op(0).inputs(), back.op(0).outputs()));
        assertEquals(List.of("a"), back.op(1).outputs());
        assertTrue(TfliteWriter.offlineMemoryAllocation(out).isEmpty());
        assertNotEquals(g, back);
        ModelT was = TfliteImporterTest.unpack(Files.readAllBytes(in));
        ModelT now = TfliteImporterTest.unpack(Files.readAllBytes(out));
        assertEquals(was.getBuffers().length, now.getBuffers().length, "no buffer added without arena or note");
        for (int i = 0; i < was.getBuffers().length; i++) {
            assertArrayEquals(was.getBuffers()[i].getData(), now.getBuffers()[i].getData(), "buffer " + i);
        }
    }

    /**
     * flatc, an independent decoder, reads the written file, and its JSON equals the original's once the
     * operators of subgraph 0 are put back in the original order and the added buffers and metadata are removed:
     * nothing else changed. The synthetic model has two subgraphs, a variable, a custom op with options,
     * intermediates and a stale offline plan (replaced).
     */
    @ParameterizedTest
    @ValueSource(strings = {"hello_world_int8", "micro_speech_quantized", "person_detect", "sine_float", "synthetic",
        "branches"})
    void flatcDecodesTheWrittenModelAndOnlyTheOrderAndMetadataChanged(String name) throws Exception {
        flatcSeesOnlyTheOrderAndMetadataChange(name);
    }

    /** The same on the 4 MB MobileNetV2 (flatc's JSON of it is 45 MB: about 10 s, slow set). */
    @Test
    @Tag("slow")
    void flatcDecodesTheWrittenMobileNet() throws Exception {
        flatcSeesOnlyTheOrderAndMetadataChange("mobilenet_v2_quantized_1x3x224x224");
    }

    private void flatcSeesOnlyTheOrderAndMetadataChange(String name) throws Exception {
        Path in = model(name);
        Graph g = Memsched.load(in);
        List<String> order = reversedTopological(g);
        Plan p = Memsched.plan(g).method("program").run();
        Path out = dir.resolve(name + "-w.tflite");
        TfliteWriter.write(in, order, p.arena("greedy").tensorOffsets(), "note", out);

        JsonNode was = Flatc.json(in, dir);
        JsonNode now = Flatc.json(out, dir);
        ArrayNode ops = (ArrayNode) now.get("subgraphs").get(0).get("operators");
        List<JsonNode> restored = new ArrayList<>();
        for (int k = 0; k < ops.size(); k++) {
            restored.add(null);
        }
        for (int k = 0; k < ops.size(); k++) {
            restored.set(g.opIndex(order.get(k)), ops.get(k));
        }
        ops.removeAll();
        ops.addAll(restored);
        int buffers = was.get("buffers").size();
        ArrayNode nowBuffers = (ArrayNode) now.get("buffers");
        assertEquals(buffers + 2, nowBuffers.size(), "the offline plan and the note");
        while (nowBuffers.size() > buffers) {
            nowBuffers.remove(nowBuffers.size() - 1);
        }
        for (JsonNode model : List.of(was, now)) {
            ArrayNode md = (ArrayNode) model.get("metadata");
            if (md != null) {
                for (int i = md.size() - 1; i >= 0; i--) {
                    String n = md.get(i).get("name").asText();
                    if (n.equals(TfliteWriter.OFFLINE_MEMORY_ALLOCATION) || n.equals(TfliteWriter.MEMSCHED_METADATA)) {
                        md.remove(i);
                    }
                }
                if (md.isEmpty()) {
                    ((ObjectNode) model).remove("metadata");
                }
            }
        }
        assertEquals(was, now);
    }

    @Test
    void ordersAndOffsetsThatDoNotFitTheModelAreRefused() throws Exception {
        Path in = model("branches");
        Path out = dir.resolve("never.tflite");
        assertRefused(in, List.of("CONV_2D_0"), Map.of(), "the order has 1 operators, subgraph 0 has 4", out);
        assertRefused(in, List.of("CONV_2D_0", "CONV_2D_1", "RELU_2", "Concat"), Map.of(),
                "order[3]: 'Concat' is not an operator of subgraph 0", out);
        assertRefused(in, List.of("CONV_2D_0", "CONV_2D_0", "RELU_2", "CONCATENATION_3"), Map.of(),
                "order[1]: operator 'CONV_2D_0' appears twice", out);
        assertRefused(in, List.of("CONV_2D_0", "RELU_2", "CONCATENATION_3", "CONV_2D_1"), Map.of(),
                "order[2]: operator 'CONCATENATION_3' reads 'b' before its producer 'CONV_2D_1' runs", out);
        List<String> ok = List.of("CONV_2D_0", "CONV_2D_1", "RELU_2", "CONCATENATION_3");
        assertRefused(in, ok, Map.of("x", 0L), "the arena plan has no offset for tensor 'a'", out);
        assertRefused(in, ok, Map.of("x", 0L, "a", 1L << 33, "b", 0L, "c", 0L, "y", 0L),
                "tensor 'a': arena offset 8589934592 does not fit", out);
        assertFalse(Files.exists(out), "nothing is written");
        ModelT external = TfliteImporterTest.unpack(TfliteTestModels.branches());
        external.getBuffers()[1].setData(new int[0]);
        external.getBuffers()[1].setOffset(4096);
        external.getBuffers()[1].setSize(1024);
        Path big = dir.resolve("big.tflite");
        Files.write(big, TfliteTestModels.bytes(external));
        assertRefused(big, ok, Map.of(), "its buffers lie outside the FlatBuffer", out);
    }

    private static void assertRefused(Path in, List<String> order, Map<String, Long> offsets, String expected,
                                      Path out) {
        BadInputException e = assertThrows(BadInputException.class,
                () -> TfliteWriter.write(in, order, offsets, "", out));
        assertTrue(e.getMessage().startsWith(in + ": ") && e.getMessage().contains(expected), e.getMessage());
    }

    /** A topological order that differs from the program order where the graph allows it (latest-first Kahn). */
    static List<String> reversedTopological(Graph g) {
        int n = g.opCount();
        int[] missing = new int[n];
        for (int k = 0; k < n; k++) {
            missing[k] = g.predecessors(k).size();
        }
        List<String> order = new ArrayList<>();
        java.util.TreeSet<Integer> ready = new java.util.TreeSet<>();
        for (int k = 0; k < n; k++) {
            if (missing[k] == 0) {
                ready.add(k);
            }
        }
        while (!ready.isEmpty()) {
            int k = ready.pollLast();
            order.add(g.op(k).name());
            for (int j = 0; j < g.successors(k).size(); j++) {
                int s = g.successors(k).get(j);
                if (--missing[s] == 0) {
                    ready.add(s);
                }
            }
        }
        return order;
    }
}
