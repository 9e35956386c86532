package io.memsched.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.memsched.cli.Main;
import io.memsched.graph.Graph;
import io.memsched.graph.Op;
import io.memsched.Memsched;
import io.memsched.io.GraphFormatException;
import io.memsched.io.GraphJson;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OnnxImporterTest {
    static final Path MODELS = Path.of("examples/models");
    static final Path RESOURCES = Path.of("src/test/resources/onnx");

    /** Expected numbers printed by examples/models/onnx_counts.py (a stdlib-only wire-format decoder). */
    @ParameterizedTest
    @CsvSource({
        "amoebanet_cifar, 748, 749, 71804960",
        "darts_cifar, 725, 726, 75631184",
        "googlenet, 139, 140, 37035808",
        "inception_v3, 224, 225, 103366860",
        "mobilenet_v2, 100, 101, 52617504",
        "nasnet_cifar, 786, 787, 78484112",
        "pnas_cifar, 942, 943, 86715664",
        "randwire_ws_small_c78, 402, 403, 62667600",
        "resnet18, 49, 50, 23590816",
        "squeezenet1_0, 65, 66, 48389504"})
    void everySharedModelImportsWithIndependentlyCountedSizes(String name, int ops, int tensors, long bytes) {
        Graph g = Memsched.load(MODELS.resolve(name + ".onnx"));
        assertEquals(name, g.name());
        assertEquals(ops, g.opCount());
        assertEquals(tensors, g.tensorCount());
        assertEquals(bytes, g.totalBytes());
        assertEquals(1, g.inputs().size());
        for (Op op : g.ops()) {
            boolean elementwise = List.of("Relu", "Add", "Mul", "Sigmoid", "Clip", "Reshape", "Flatten", "Dropout")
                    .contains(op.type());
            assertEquals(elementwise, op.inplace(), op.toString());
        }
    }

    /**
     * On these chain-like models every order has the same peak, so the in-place flags alone decide whether the shared
     * simulator reproduces the peaks HMCOS printed (KB, truncated) in examples/models/README.md.
     */
    @ParameterizedTest
    @CsvSource({"resnet18, 3920", "googlenet, 3920", "inception_v3, 8103", "squeezenet1_0, 5832",
        "mobilenet_v2, 5880"})
    void inplaceFlagsReproduceHmcosPeaks(String name, long hmcosKb) {
        Graph g = OnnxImporter.read(MODELS.resolve(name + ".onnx"));
        int[] programOrder = IntStream.range(0, g.opCount()).toArray();
        assertEquals(hmcosKb, MemorySimulator.peak(g, MemoryModel.INPLACE, programOrder) / 1024);
        assertTrue(MemorySimulator.peak(g, MemoryModel.DEFAULT, programOrder) / 1024 > hmcosKb);
    }

    @Test
    void resnet18HasItsKnownStructure() {
        Graph g = OnnxImporter.read(MODELS.resolve("resnet18.onnx"));
        assertEquals(List.of(1L, 3L, 224L, 224L), g.tensor(g.inputIndices().get(0)).shape());
        assertEquals(Optional.of("float32"), g.tensor(0).dtype());
        assertEquals(3 * 224 * 224 * 4, g.bytes(g.inputIndices().get(0)));
        assertEquals(20, g.ops().stream().filter(o -> o.type().equals("Conv")).count());
        assertEquals(8, g.ops().stream().filter(o -> o.type().equals("Add")).count());
        // Conv reads only the activation: weights and biases are initializers, not tensors
        g.ops().stream().filter(o -> o.type().equals("Conv")).forEach(o -> assertEquals(1, o.inputs().size()));
        Op fc = g.ops().stream().filter(o -> o.type().equals("Gemm")).findFirst().orElseThrow();
        assertEquals(4000, g.bytes(g.tensorIndex(fc.outputs().get(0))));
    }

    /** Made by src/test/resources/onnx/make_test_models.py; counts from both examples/models/onnx_counts*.py. */
    @Test
    void mixedModelWithConstantsShapeSubgraphAndSeveralDtypes() {
        Graph g = Memsched.load(RESOURCES.resolve("mixed.onnx"));
        assertEquals(15, g.opCount());
        assertEquals(18, g.tensorCount());
        assertEquals(8272, g.totalBytes());
        assertEquals(List.of("y", "z", "newshape"), g.outputs());
        assertEquals(144, g.bytes(g.tensorIndex("mask")), "bool mask of 144 elements");
        assertEquals(288, g.bytes(g.tensorIndex("half")), "float16");
        assertEquals(8, g.bytes(g.tensorIndex("batch")), "int64 scalar");
        assertEquals(Optional.of("int8"), g.tensor(g.tensorIndex("q")).dtype());
        Op drop = g.op(g.opIndex("drop"));
        assertEquals(List.of("d", "mask"), drop.outputs());
        assertTrue(drop.inplace());
        assertEquals(List.of("s0", "s1"), g.op(g.opIndex("split")).outputs());
        assertEquals(List.of("s1"), g.op(g.opIndex("reshape")).inputs(), "the Constant shape is a weight");
        assertEquals(List.of("shape"), g.op(g.opIndex("gather")).inputs());
        assertEquals("Relu_r", g.op(1).name());
        assertEquals(List.of("x"), g.op(g.opIndex("conv")).inputs(), "the initializer is a weight");
    }

    @Test
    void residentWeightsAreOneTensorLiveFromStartToEnd() {
        var options = OnnxImporter.Options.defaults().withResidentWeights(true);
        Graph g = OnnxImporter.read(RESOURCES.resolve("mixed.onnx"), options);
        // w: 8x4x3x3 float32 = 1152; Constants idx (int64 scalar) 8, rest [1] 8, target [2] 16
        assertEquals(1184, g.bytes(g.tensorIndex("weights")));
        assertTrue(g.inputs().contains("weights") && g.outputs().contains("weights"));
        Graph plain = OnnxImporter.read(RESOURCES.resolve("mixed.onnx"));
        int[] order = IntStream.range(0, plain.opCount()).toArray();
        assertEquals(MemorySimulator.peak(plain, MemoryModel.DEFAULT, order) + 1184,
                MemorySimulator.peak(g, MemoryModel.DEFAULT, order));
        Graph r = OnnxImporter.read(MODELS.resolve("resnet18.onnx"), options);
        assertEquals(46_723_488, r.bytes(r.tensorIndex("weights")),
                "the 26 float32 initializers of the stripped file, summed with the onnx package");
    }

    @Test
    void aModelWithoutShapesImportsAsTheSameGraphAsAfterOnnxShapeInference() {
        Graph inferred = Memsched.load(RESOURCES.resolve("no_shapes.onnx"));
        assertEquals(Memsched.load(RESOURCES.resolve("mixed.onnx")).withName("no_shapes"), inferred);
    }

    @Test
    void anUnknownOperatorWithoutShapesOrADynamicBatchIsRefused() {
        var e = assertThrows(GraphFormatException.class, () -> Memsched.load(RESOURCES.resolve("unknown_op.onnx")));
        assertTrue(e.getMessage().contains("unknown_op.onnx: node 'fancy' (FancyOp): cannot infer the shape of its"
                + " output 'f'"), e.getMessage());
        assertTrue(e.getMessage().contains("infer_shapes"), e.getMessage());
        e = assertThrows(GraphFormatException.class, () -> Memsched.load(RESOURCES.resolve("dynamic_batch.onnx")));
        assertTrue(e.getMessage().contains("dynamic_batch.onnx: tensor 'x' has a dynamic dimension 0 ('N')"),
                e.getMessage());
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void notOnnxTruncatedAndEmptyFilesAreRefusedInOneLine(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("fake.onnx");
        Files.writeString(json, "{\"format\": \"memsched-graph/1\"}");
        assertMessage(json, "fake.onnx: not an ONNX model");
        Path text = dir.resolve("text.onnx");
        Files.writeString(text, "hello world, this is not protobuf");
        assertMessage(text, "not an ONNX model");
        byte[] full = Files.readAllBytes(MODELS.resolve("resnet18.onnx"));
        Path cut = dir.resolve("cut.onnx");
        Files.write(cut, Arrays.copyOf(full, full.length / 2));
        assertMessage(cut, "cut.onnx: truncated ONNX file");
        Path empty = dir.resolve("empty.onnx");
        Files.write(empty, new byte[0]);
        assertMessage(empty, "empty file");
    }

    @Test
    void missingShapeIsInferredOrTheNodeIsNamedWithItsType() {
        byte[] m = model(graph(List.of(valueInfo("x", 1, "", 1, 3)), List.of(valueInfo("y", 1, "", 1, 3)),
                List.of(), node("r", "Relu", "x", "mid"), node("s", "Sigmoid", "mid", "y")));
        assertEquals(12, OnnxImporter.parse(m, "m.onnx", "m").tensorSizes().get("mid"));
        byte[] u = model(graph(List.of(valueInfo("x", 1, "", 1, 3)), List.of(valueInfo("y", 1, "", 1, 3)),
                List.of(), node("r", "Mystery", "x", "mid"), node("s", "Sigmoid", "mid", "y")));
        var e = assertThrows(GraphFormatException.class, () -> OnnxImporter.parse(u, "m.onnx", "m"));
        assertTrue(e.getMessage().startsWith("m.onnx: node 'r' (Mystery): cannot infer the shape of its output"
                + " 'mid'"), e.getMessage());
        assertTrue(e.getMessage().contains("shape inference"), e.getMessage());
    }

    @Test
    void dynamicDimensionUnknownTypeAndAbsurdSizesAreRefused() {
        byte[] dyn = model(graph(List.of(valueInfo("x", 1, "batch", -1, 3)), List.of(valueInfo("y", 1, "", 1, 3)),
                List.of(), node("r", "Relu", "x", "y")));
        var e = assertThrows(GraphFormatException.class, () -> OnnxImporter.parse(dyn, "d.onnx", "d"));
        assertEquals("d.onnx: tensor 'x' has a dynamic dimension 0 ('batch') in [batch, 3]; export or fix the model"
                + " with static shapes (batch 1)", e.getMessage());
        byte[] str = model(graph(List.of(valueInfo("x", 8, "", 3)), List.of(valueInfo("y", 1, "", 3)), List.of(),
                node("r", "Relu", "x", "y")));
        e = assertThrows(GraphFormatException.class, () -> OnnxImporter.parse(str, "s.onnx", "s"));
        assertTrue(e.getMessage().startsWith("s.onnx: tensor 'x' has data type 8 (string)"), e.getMessage());
        byte[] odd = model(graph(List.of(valueInfo("x", 99, "", 3)), List.of(valueInfo("y", 1, "", 3)), List.of(),
                node("r", "Relu", "x", "y")));
        e = assertThrows(GraphFormatException.class, () -> OnnxImporter.parse(odd, "o.onnx", "o"));
        assertTrue(e.getMessage().contains("data type 99"), e.getMessage());
        long big = 1L << 30;
        byte[] huge = model(graph(List.of(valueInfo("x", 1, "", big, big, big)), List.of(valueInfo("y", 1, "", 3)),
                List.of(), node("r", "Relu", "x", "y")));
        e = assertThrows(GraphFormatException.class, () -> OnnxImporter.parse(huge, "h.onnx", "h"));
        assertTrue(e.getMessage().contains("tensor 'x'") && e.getMessage().contains("more than 1 TB"), e.getMessage());
    }

    @Test
    void absurdRankIsRefusedWhileReading() {
        long[] dims = new long[100];
        java.util.Arrays.fill(dims, 1);
        byte[] m = model(graph(List.of(valueInfo("x", 1, "", dims)), List.of(valueInfo("y", 1, "", 3)), List.of(),
                node("r", "Relu", "x", "y")));
        var e = assertThrows(GraphFormatException.class, () -> OnnxImporter.parse(m, "r.onnx", "r"));
        assertEquals("r.onnx: refusing an absurd model: a tensor type has more than 64 dimensions", e.getMessage());
    }

    @Test
    void initializersAndConstantsAreWeightsAndUnnamedNodesGetNames() {
        byte[] m = model(graph(List.of(valueInfo("x", 1, "", 1, 4), valueInfo("w", 1, "", 4, 4)),
                List.of(valueInfo("y", 10, "", 1, 4)), List.of("w"),
                new byte[][] {node("", "Constant", null, "shape"), node("", "MatMul", "x", "w", "mm"),
                    node("", "Reshape", "mm", "shape", "y")},
                new byte[][] {valueInfo("mm", 1, "", 1, 4)}));
        Graph g = OnnxImporter.parse(m, "w.onnx", "w");
        assertEquals(List.of("x", "mm", "y"), g.tensors().stream().map(t -> t.name()).toList());
        assertEquals(List.of("MatMul_mm", "Reshape_y"), g.ops().stream().map(Op::name).toList());
        assertEquals(List.of("x"), g.op(0).inputs());
        assertEquals(List.of("mm"), g.op(1).inputs());
        assertTrue(g.op(1).inplace());
        assertFalse(g.op(0).inplace());
        assertEquals(8, g.bytes(g.tensorIndex("y")));
    }

    @Test
    void cliSchedulesAndConvertsOnnxDirectly(@TempDir Path dir) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String model = MODELS.resolve("resnet18.onnx").toString();
        int code = Main.run(new String[] {"schedule", "--method", "greedy", "--memory-model", "inplace", "--json",
            model}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("\"graph\":\"resnet18\""), out.toString());
        Path json = dir.resolve("r.json");
        code = Main.run(new String[] {"convert", model, json.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        assertEquals(OnnxImporter.read(MODELS.resolve("resnet18.onnx")), GraphJson.read(json));
        Path heavy = dir.resolve("heavy.json");
        code = Main.run(new String[] {"convert", "--resident-weights", model, heavy.toString()}, new PrintWriter(out),
                new PrintWriter(err));
        assertEquals(0, code, err.toString());
        assertEquals(46_723_488, GraphJson.read(heavy).tensorSizes().get("weights"));
        assertEquals(2, Main.run(new String[] {"convert", "--resident-weights", json.toString(), heavy.toString()},
                new PrintWriter(out), new PrintWriter(err)));
        Path bad = dir.resolve("bad.onnx");
        Files.writeString(bad, "not a model");
        Path cut = dir.resolve("cut.onnx");
        byte[] full = Files.readAllBytes(MODELS.resolve("resnet18.onnx"));
        Files.write(cut, Arrays.copyOf(full, full.length - 100));
        for (Path p : List.of(bad, cut, RESOURCES.resolve("unknown_op.onnx"), RESOURCES.resolve("dynamic_batch.onnx"))) {
            for (String command : List.of("schedule", "convert")) {
                StringWriter out2 = new StringWriter();
                StringWriter err2 = new StringWriter();
                String[] args = command.equals("schedule") ? new String[] {"schedule", p.toString()}
                        : new String[] {"convert", p.toString(), dir.resolve("x.json").toString()};
                assertEquals(2, Main.run(args, new PrintWriter(out2), new PrintWriter(err2)), p.toString());
                assertEquals("", out2.toString(), p.toString());
                assertEquals(1, err2.toString().strip().lines().count(), err2.toString());
                assertTrue(err2.toString().contains(p.getFileName().toString()), err2.toString());
            }
        }
        assertFalse(Files.exists(dir.resolve("x.json")), "nothing written for bad input");
    }

    private static void assertMessage(Path file, String expected) {
        var e = assertThrows(GraphFormatException.class, () -> Memsched.load(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    // ------------------------------------------------------------------ a tiny ONNX writer for crafted models

    private interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] bytes(Body body) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(b);
            body.write(out);
            out.flush();
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] model(byte[] graph) {
        return bytes(o -> {
            o.writeInt64(1, 7);
            o.writeBytes(7, ByteString.copyFrom(graph));
        });
    }

    /** A ValueInfoProto; a dimension of -1 is written as {@code param}. */
    private static byte[] valueInfo(String name, int elemType, String param, long... dims) {
        byte[] shape = bytes(o -> {
            for (long d : dims) {
                o.writeBytes(1, ByteString.copyFrom(bytes(x -> {
                    if (d < 0) {
                        x.writeString(2, param);
                    } else {
                        x.writeInt64(1, d);
                    }
                })));
            }
        });
        byte[] tensor = bytes(o -> {
            o.writeInt32(1, elemType);
            o.writeBytes(2, ByteString.copyFrom(shape));
        });
        byte[] type = bytes(o -> o.writeBytes(1, ByteString.copyFrom(tensor)));
        return bytes(o -> {
            o.writeString(1, name);
            o.writeBytes(2, ByteString.copyFrom(type));
        });
    }

    /** A NodeProto: name, type, then inputs and the last string as output (a null first input means none). */
    private static byte[] node(String name, String type, String... io) {
        return bytes(o -> {
            for (int k = 0; k < io.length - 1; k++) {
                if (io[k] != null) {
                    o.writeString(1, io[k]);
                }
            }
            o.writeString(2, io[io.length - 1]);
            o.writeString(3, name);
            o.writeString(4, type);
        });
    }

    private static byte[] graph(List<byte[]> inputs, List<byte[]> outputs, List<String> initializers,
                                byte[]... nodes) {
        return graph(inputs, outputs, initializers, nodes, new byte[0][]);
    }

    private static byte[] graph(List<byte[]> inputs, List<byte[]> outputs, List<String> initializers, byte[][] nodes,
                                byte[][] valueInfos) {
        return bytes(o -> {
            for (byte[] n : nodes) {
                o.writeBytes(1, ByteString.copyFrom(n));
            }
            o.writeString(2, "g");
            for (String w : initializers) {
                o.writeBytes(5, ByteString.copyFrom(bytes(t -> {
                    t.writeInt64(1, 4);
                    t.writeInt32(2, 1);
                    t.writeString(8, w);
                })));
            }
            for (byte[] v : inputs) {
                o.writeBytes(11, ByteString.copyFrom(v));
            }
            for (byte[] v : outputs) {
                o.writeBytes(12, ByteString.copyFrom(v));
            }
            for (byte[] v : valueInfos) {
                o.writeBytes(13, ByteString.copyFrom(v));
            }
        });
    }
}
