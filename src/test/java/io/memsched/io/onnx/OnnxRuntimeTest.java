package io.memsched.io.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.memsched.Memsched;
import io.memsched.Plan;
import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real consumer: ONNX Runtime (Java) runs each ONNX light model (weights made by {@code ConstantOfShape}) and
 * the model memsched wrote back with a new node order, on the same seeded input, single-threaded and without graph
 * optimizations; every output must be bit-identical, and the written file must load in ONNX Runtime at all.
 *
 * <p>ONNX Runtime follows the file's node order under {@code ExecutionOrder.PRIORITY_BASED}, which only its Python
 * and C++ session options can select (1.20: no Java or C API setter); this test checks that the written model is a
 * valid model computing the same function, whatever order the runtime picks.
 */
class OnnxRuntimeTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"light_bvlc_alexnet", "light_squeezenet", "light_inception_v1", "light_resnet50",
        "light_shufflenet"})
    void theWrittenModelComputesTheSameOutputs(String name) throws Exception {
        Path original = Path.of("examples/models/onnx-light", name + ".onnx");
        Graph g = Memsched.load(original);
        List<String> program = g.ops().stream().map(o -> o.name()).toList();
        Plan p = null;
        for (String method : List.of("rpo", "dfs", "greedy", "lpmf", "dp")) {
            p = Memsched.plan(g).memoryModel(MemoryModel.INPLACE).method(method).run();
            if (!p.order().equals(program)) {
                break;
            }
        }
        if (!name.contains("alexnet")) {
            assertNotEquals(program, p.order(), name + ": no method reorders it, so the test would test nothing");
        }
        Path written = dir.resolve(name + "-planned.onnx");
        Memsched.save(p, p.arena("greedy"), written);
        assertEquals(p.order(), Memsched.load(written).ops().stream().map(o -> o.name()).toList());

        OrtEnvironment env = OrtEnvironment.getEnvironment(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        List<float[]> before = run(env, original);
        List<float[]> after = run(env, written);
        assertEquals(before.size(), after.size());
        for (int k = 0; k < before.size(); k++) {
            assertTrue(before.get(k).length > 0);
            assertArrayEquals(before.get(k), after.get(k), name + " output " + k);
        }
        assertNotEquals(0f, sum(before.get(0)), "the outputs carry values");
    }

    private static float sum(float[] v) {
        float s = 0;
        for (float x : v) {
            s += Math.abs(x);
        }
        return s;
    }

    /** Every float output of the model at {@code file} on a seeded uniform input. */
    private static List<float[]> run(OrtEnvironment env, Path file) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession session = env.createSession(file.toString(), options)) {
                Map<String, OnnxTensor> inputs = new HashMap<>();
                Random random = new Random(7);
                try {
                    for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
                        long[] shape = ((TensorInfo) e.getValue().getInfo()).getShape();
                        int n = 1;
                        for (long d : shape) {
                            n *= (int) d;
                        }
                        float[] data = new float[n];
                        for (int k = 0; k < n; k++) {
                            data[k] = random.nextFloat();
                        }
                        inputs.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape));
                    }
                    try (OrtSession.Result result = session.run(inputs)) {
                        List<float[]> outs = new ArrayList<>();
                        for (Map.Entry<String, ai.onnxruntime.OnnxValue> o : result) {
                            FloatBuffer b = ((OnnxTensor) o.getValue()).getFloatBuffer();
                            float[] v = new float[b.remaining()];
                            b.get(v);
                            outs.add(v);
                        }
                        return outs;
                    }
                } finally {
                    inputs.values().forEach(OnnxTensor::close);
                }
            }
        }
    }
}
