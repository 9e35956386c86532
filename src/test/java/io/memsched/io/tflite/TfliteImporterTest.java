package io.memsched.io.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.Memsched;
import io.memsched.graph.Graph;
import io.memsched.graph.Op;
import io.memsched.io.GraphFormatException;
import io.memsched.io.tflite.schema.BuiltinOperator;
import io.memsched.io.tflite.schema.Model;
import io.memsched.io.tflite.schema.ModelT;
import io.memsched.io.tflite.schema.TensorType;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TfliteImporterTest {

    /**
     * Counts printed by {@code examples/models/tflite/tflite_counts.py}, which decodes the files with flatc and
     * simulates the file order in Python (no memsched code): operators, activation tensors, their bytes, and the
     * peak of the program order under the default model.
     */
    @ParameterizedTest
    @CsvSource({
        "hello_world_int8, 3, 4, 34, 32",
        "micro_speech_quantized, 4, 5, 7928, 5960",
        "mobilenet_v2_quantized_1x3x224x224, 84, 85, 11571924, 2451840",
        "person_detect, 31, 32, 241030, 55296",
        "sine_float, 3, 4, 136, 128"})
    void theExampleModelsMatchAnIndependentDecoder(String name, int ops, int tensors, long bytes, long programPeak) {
        Graph g = Memsched.load(TfliteTestModels.example(name));
        assertEquals(name, g.name());
        assertEquals(ops, g.opCount());
        assertEquals(tensors, g.tensorCount());
        assertEquals(bytes, g.totalBytes());
        int[] order = new int[g.opCount()];
        Arrays.setAll(order, i -> i);
        assertEquals(programPeak, MemorySimulator.simulate(g, MemoryModel.DEFAULT, order).peakBytes());
        assertEquals(1, g.inputs().size());
        assertEquals(1, g.outputs().size());
    }

    @Test
    void operatorsAreNamedAndTypedByTheirCodeAndShapesAreKept() {
        Graph g = TfliteImporter.read(TfliteTestModels.example("person_detect"));
        assertEquals("DEPTHWISE_CONV_2D_0", g.op(0).name());
        assertEquals("DEPTHWISE_CONV_2D", g.op(0).type());
        assertEquals("SOFTMAX", g.op(30).type());
        assertEquals("RESHAPE", g.op(29).type());
        assertTrue(g.op(29).inplace(), "RESHAPE runs in place under the in-place model");
        assertFalse(g.op(0).inplace());
        var input = g.tensor(g.tensorIndex("input"));
        assertEquals(List.of(1L, 96L, 96L, 1L), input.shape());
        assertEquals(Optional.of("int8"), input.dtype());
        assertEquals(96 * 96, input.bytes());
        // weights are not operator inputs: the first depthwise convolution reads only the image
        assertEquals(List.of("input"), g.op(0).inputs());
    }

    @Test
    void theSyntheticModelMapsVariablesCustomOpsIntermediatesAndNames() {
        Graph g = TfliteImporter.parse(TfliteTestModels.synthetic(), "synthetic.tflite", "synthetic");
        assertEquals(List.of("FULLY_CONNECTED_0", "MyOp_1", "RELU_2"), g.ops().stream().map(Op::name).toList());
        assertEquals("MyOp", g.op(1).type());
        // x, the variable h, and the named/unnamed/duplicate-named activations; w is a weight, mid a workspace
        assertEquals(List.of("x", "h", "dup", "tensor#4", "c", "dup#6"),
                g.tensors().stream().map(t -> t.name()).toList());
        assertEquals(List.of("x", "h"), g.inputs());
        assertEquals(List.of("dup#6", "h"), g.outputs());
        assertEquals(List.of("x"), g.op(0).inputs(), "the weight and the optional input (-1) are skipped");
        assertEquals(8, g.op(0).workspaceBytes(), "the int16 1x4 intermediate is the workspace");
        assertEquals(List.of("dup", "h"), g.op(1).inputs(), "the variable it updates is read, not written");
        assertEquals(List.of("tensor#4", "c"), g.op(1).outputs());
        assertEquals(4, g.bytes(g.tensorIndex("h")));
        assertEquals(2, g.bytes(g.tensorIndex("c")));
        // 36 live, FC: +64 +8 ws = 108; then h + dup = 68, MyOp: +64 +2 = 134; RELU: 68 + 64 = 132
        assertEquals(134, MemorySimulator.simulate(g, MemoryModel.DEFAULT, new int[] {0, 1, 2}).peakBytes());
        var lifetime = MemorySimulator.simulate(g, MemoryModel.DEFAULT, new int[] {0, 1, 2}).lifetimes()
                .get(g.tensorIndex("h"));
        assertEquals(0, lifetime.firstStep(), "a variable tensor is live from the start ...");
        assertEquals(3, lifetime.lastStep(), "... to the end");
    }

    @Test
    void theIndexMapsCoverEverySubgraph() {
        TfliteGraph t = TfliteImporter.convert(TfliteTestModels.synthetic(), "s", "s");
        assertEquals(2, t.subgraphs());
        assertEquals(10, t.totalTensors());
        assertEquals(Arrays.asList("x", null, "h", "dup", "tensor#4", "c", "dup#6", null), t.tensorNames());
        assertTrue(t.variable()[2]);
    }

    @Test
    void aNewBuiltinCodeIsReadFromTheExtendedField() {
        ModelT m = unpack(TfliteTestModels.synthetic());
        m.getOperatorCodes()[2] = TfliteTestModels.code(BuiltinOperator.GELU, null);
        Graph g = TfliteImporter.parse(TfliteTestModels.bytes(m), "s", "s");
        assertEquals("GELU", g.op(2).type());
        assertEquals(BuiltinOperator.PLACEHOLDER_FOR_GREATER_OP_CODES,
                m.getOperatorCodes()[2].getDeprecatedBuiltinCode());
    }

    @Test
    void badFilesAreRefusedNamingTheFileAndElement(@TempDir Path dir) throws Exception {
        byte[] good = TfliteTestModels.synthetic();
        assertRefused(new byte[0], "empty file");
        assertRefused(Arrays.copyOf(good, 6), "truncated TFLite file (6 bytes)");
        byte[] noId = good.clone();
        noId[4] = 'X';
        assertRefused(noId, "no \"TFL3\" file identifier");
        assertRefused(Arrays.copyOf(good, good.length / 2), "truncated or corrupted TFLite file");
        assertRefused(changed(m -> m.getSubgraphs()[0].getTensors()[3].setShape(new int[] {-1, 16})),
                "tensor 'dup' has a dynamic dimension (-1)");
        assertRefused(changed(m -> m.getSubgraphs()[0].getTensors()[5].setType(TensorType.STRING)),
                "tensor 'c' has element type STRING, which has no fixed size");
        assertRefused(changed(m -> m.getSubgraphs()[0].getTensors()[5].setShape(new int[] {1 << 30, 1 << 30, 4})),
                "tensor 'c' of shape [1073741824, 1073741824, 4] would need more than 1 TB");
        assertRefused(changed(m -> m.getSubgraphs()[0].getOperators()[1].setOpcodeIndex(7)),
                "subgraphs[0].operators[1]: index 7 is not one of the 3 operator_codes");
        assertRefused(changed(m -> m.getSubgraphs()[0].getOperators()[2].setInputs(new int[] {42})),
                "subgraphs[0].operators[2].inputs: index 42 is not one of the 8 tensors of subgraph 0");
        assertRefused(changed(m -> m.getSubgraphs()[0].getTensors()[0].setBuffer(9)),
                "subgraphs[0].tensors[0]: index 9 is not one of the 5 buffers");
        assertRefused(changed(m -> m.getSubgraphs()[0].getOperators()[2].setOutputs(new int[] {3})),
                "tensor 'dup' is also written by operator 0");
        assertRefused(changed(m -> m.getSubgraphs()[0].getOperators()[0].setInputs(new int[] {6})),
                "cycle");
        assertRefused(changed(m -> m.setSubgraphs(new io.memsched.io.tflite.schema.SubGraphT[0])),
                "the model has no subgraph");
        Path file = dir.resolve("bad.tflite");
        Files.write(file, Arrays.copyOf(good, 100));
        GraphFormatException e = assertThrows(GraphFormatException.class, () -> Memsched.load(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    /**
     * 1,000 seeded corruptions of small models (byte overwrites, bit flips, truncation, offsets set to extremes):
     * each loads into a valid graph, which then writes back in program order, or is refused with a one-line
     * {@link GraphFormatException} naming the file; nothing else escapes (the FlatBuffers runtime verifies nothing).
     */
    @Test
    void corruptedModelsLoadOrAreRefusedCleanly() throws Exception {
        List<byte[]> seeds = List.of(TfliteTestModels.synthetic(), TfliteTestModels.branches(),
                Files.readAllBytes(TfliteTestModels.example("hello_world_int8")),
                Files.readAllBytes(TfliteTestModels.example("micro_speech_quantized")));
        java.util.SplittableRandom r = new java.util.SplittableRandom(2024);
        int loaded = 0;
        int refused = 0;
        for (int k = 0; k < 1000; k++) {
            byte[] b = seeds.get(r.nextInt(seeds.size())).clone();
            switch (r.nextInt(4)) {
                case 0 -> b = Arrays.copyOf(b, r.nextInt(b.length));
                case 1 -> {
                    for (int j = 0; j < 1 + r.nextInt(4); j++) {
                        b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                case 2 -> {
                    int at = 8 + r.nextInt(b.length - 12) & ~3;
                    int v = switch (r.nextInt(4)) {
                        case 0 -> -1;
                        case 1 -> Integer.MAX_VALUE;
                        case 2 -> Integer.MIN_VALUE;
                        default -> r.nextInt(b.length * 2);
                    };
                    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
                }
                default -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            try {
                Graph g = TfliteImporter.parse(b, "fuzz.tflite", "fuzz");
                List<String> order = g.ops().stream().map(Op::name).toList();
                try {
                    TfliteImporter.parse(TfliteWriter.rewrite(b, "fuzz.tflite", order, Map.of(), ""), "w", "w");
                } catch (io.memsched.graph.BadInputException e) {
                    assertTrue(e.getMessage().startsWith("fuzz.tflite: "), e.getMessage());
                }
                loaded++;
            } catch (GraphFormatException e) {
                assertTrue(e.getMessage().startsWith("fuzz.tflite: ") && !e.getMessage().contains("\n"),
                        e.getMessage());
                refused++;
            }
        }
        assertTrue(loaded > 120 && refused > 120, loaded + " loaded, " + refused + " refused");
    }

    private static void assertRefused(byte[] data, String expected) {
        GraphFormatException e = assertThrows(GraphFormatException.class,
                () -> TfliteImporter.parse(data, "m.tflite", "m"));
        assertTrue(e.getMessage().startsWith("m.tflite: ") && e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static byte[] changed(Consumer<ModelT> change) {
        ModelT m = unpack(TfliteTestModels.synthetic());
        change.accept(m);
        return TfliteTestModels.bytes(m);
    }

    static ModelT unpack(byte[] data) {
        return Model.getRootAsModel(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN)).unpack();
    }
}
