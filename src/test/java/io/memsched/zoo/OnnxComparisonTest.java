package io.memsched.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memsched.graph.Graph;
import io.memsched.graph.Op;
import io.memsched.Memsched;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Zoo networks that have an ONNX twin in examples/models (exported from PyTorch with the same definitions) give the
 * same graph up to names and program order: the same operator count, tensor count, total activation bytes and the
 * same multiset of operator signatures (type, in-place flag, input sizes, output sizes).
 */
class OnnxComparisonTest {

    @ParameterizedTest
    @CsvSource({"nasnet-cifar, nasnet_cifar", "amoebanet-cifar, amoebanet_cifar", "darts-cifar, darts_cifar",
        "pnas-cifar, pnas_cifar", "resnet18, resnet18", "mobilenet-v2, mobilenet_v2", "googlenet, googlenet"})
    void zooNetworkEqualsItsOnnxExportUpToNames(String zooName, String onnxFile) {
        Graph zoo = Zoo.get(zooName);
        Graph onnx = Memsched.load(Path.of("examples/models", onnxFile + ".onnx"));
        assertEquals(onnx.opCount(), zoo.opCount());
        assertEquals(onnx.tensorCount(), zoo.tensorCount());
        assertEquals(onnx.totalBytes(), zoo.totalBytes());
        assertEquals(signatures(onnx), signatures(zoo));
    }

    /**
     * randwire-ws-small draws its own seeded WS graphs, so only the wiring-independent part agrees with the ONNX file:
     * two convolutions per node (3 x 32 nodes) plus stem and head, one Mul per stage, the head. The numbers of Adds
     * (in-degrees and sinks) and ReLUs (one shared by all input nodes of a stage) depend on the random wiring.
     */
    @Test
    void randWireAgreesWithItsOnnxExportWhereTheWiringDoesNotMatter() {
        Map<String, Long> zoo = histogram(Zoo.get("randwire-ws-small"));
        Map<String, Long> onnx = histogram(Memsched.load(Path.of("examples/models/randwire_ws_small_c78.onnx")));
        assertEquals(onnx.keySet(), zoo.keySet());
        for (String type : List.of("Conv", "Mul", "GlobalAveragePool", "Flatten", "Gemm")) {
            assertEquals(onnx.get(type), zoo.get(type), type);
        }
        assertEquals(2 * 96 + 3, zoo.get("Conv"));
    }

    private static Map<String, Long> histogram(Graph g) {
        return g.ops().stream().collect(Collectors.groupingBy(Op::type, TreeMap::new, Collectors.counting()));
    }

    private static List<String> signatures(Graph g) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < g.opCount(); i++) {
            Op op = g.op(i);
            List<Long> in = new ArrayList<>();
            g.opInputs(i).stream().forEach(t -> in.add(g.bytes(t)));
            List<Long> outs = new ArrayList<>();
            g.opOutputs(i).stream().forEach(t -> outs.add(g.bytes(t)));
            out.add(op.type() + (op.inplace() ? "*" : "") + in + "->" + outs);
        }
        out.sort(null);
        return out;
    }
}
