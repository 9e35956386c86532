package io.memsched.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memsched.graph.Graph;
import io.memsched.graph.Op;
import io.memsched.io.GraphFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        Graph onnx = GraphFiles.read(Path.of("examples/models", onnxFile + ".onnx"));
        assertEquals(onnx.opCount(), zoo.opCount());
        assertEquals(onnx.tensorCount(), zoo.tensorCount());
        assertEquals(onnx.totalBytes(), zoo.totalBytes());
        assertEquals(signatures(onnx), signatures(zoo));
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
