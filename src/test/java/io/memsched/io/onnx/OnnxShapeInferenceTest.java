package io.memsched.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.Memsched;
import io.memsched.graph.Graph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * memsched's ONNX shape inference against ONNX's own: {@code src/test/resources/onnx-shapes/expected.tsv} holds
 * the element type and dimensions {@code onnx.shape_inference.infer_shapes} (python3-onnx 1.12, strict mode, data
 * propagation) gave every tensor of the generated models (one per shape rule, {@code generate.py}) and of the ONNX
 * "light" models in {@code examples/models/onnx-light}; every one must match.
 */
class OnnxShapeInferenceTest {
    static final Path EXPECTED = Path.of("src/test/resources/onnx-shapes/expected.tsv");

    record Expected(String tensor, int dtype, long[] dims) {
    }

    static Map<String, List<Expected>> expected() throws IOException {
        Map<String, List<Expected>> byFile = new LinkedHashMap<>();
        for (String line : Files.readAllLines(EXPECTED)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            long[] dims = f[3].isEmpty() ? new long[0] : Arrays.stream(f[3].split(",")).mapToLong(Long::parseLong)
                    .toArray();
            byFile.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Expected(f[1], Integer.parseInt(f[2]), dims));
        }
        return byFile;
    }

    static Stream<String> files() throws IOException {
        return expected().keySet().stream();
    }

    static OnnxShapeInference.Result infer(Path file) throws IOException {
        OnnxWireReader.Model m = OnnxWireReader.read(Files.readAllBytes(file));
        return OnnxShapeInference.infer(file.toString(), m.graph().orElseThrow(), m.opset());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyTensorGetsTheShapeOnnxInfers(String file) throws IOException {
        OnnxShapeInference.Result r = infer(Path.of(file));
        for (Expected e : expected().get(file)) {
            OnnxShapeInference.Info info = r.infos().get(e.tensor());
            assertNotNull(info, file + ": no info for '" + e.tensor() + "'");
            assertEquals(Arrays.toString(e.dims()), Arrays.toString(info.dims()), file + ": dims of " + e.tensor());
            assertEquals(e.dtype(), info.dtype(), file + ": element type of " + e.tensor());
        }
        // the model loads: every activation tensor has a size
        Graph g = Memsched.load(Path.of(file));
        assertTrue(g.opCount() > 0, file);
    }

    @Test
    void weightComputationsAreFoldedAndShapeComputationsOnActivationsStayOperators() {
        Graph g = Memsched.load(Path.of("src/test/resources/onnx-shapes/shape_computation_folding.onnx"));
        List<String> types = g.ops().stream().map(o -> o.type()).toList();
        assertTrue(!types.contains("ConstantOfShape") && !types.contains("Constant") && !types.contains("Mul"),
                types.toString());
        assertTrue(types.containsAll(List.of("Shape", "Gather", "Unsqueeze", "Concat", "Reshape", "Size")),
                types.toString());
        assertTrue(g.findTensor("w").isEmpty() && g.findTensor("w2").isEmpty(), "folded outputs are weights");
        g.ops().stream().filter(o -> o.type().equals("Conv")).forEach(o -> assertEquals(List.of("x"), o.inputs()));
        assertEquals(2 * 240 * 4, g.bytes(g.tensorIndex("flat")));
        var heavy = OnnxImporter.read(Path.of("src/test/resources/onnx-shapes/shape_computation_folding.onnx"),
                OnnxImporter.Options.defaults().withResidentWeights(true));
        // ax0 (1 int64) + two (1 float) + zero, rest (int64) + wshape (4 int64) + w, w2 (6x3x3x3 float each)
        assertEquals(8 + 4 + 8 + 8 + 32 + 2 * 162 * 4, heavy.bytes(heavy.tensorIndex("weights")));
    }

    @Test
    void theExpectationsCoverEveryGeneratedCaseAndTheLightModels() throws IOException {
        Map<String, List<Expected>> e = expected();
        long cases;
        try (Stream<Path> s = Files.list(EXPECTED.getParent())) {
            cases = s.filter(p -> p.toString().endsWith(".onnx")).count();
        }
        assertEquals(cases + 5, e.size(), e.keySet().toString());
        assertTrue(e.values().stream().mapToInt(List::size).sum() > 700);
    }
}
