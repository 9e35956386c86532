package io.memsched.io.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import io.memsched.io.tflite.schema.BufferT;
import io.memsched.io.tflite.schema.BuiltinOperator;
import io.memsched.io.tflite.schema.MetadataT;
import io.memsched.io.tflite.schema.Model;
import io.memsched.io.tflite.schema.ModelT;
import io.memsched.io.tflite.schema.OperatorCodeT;
import io.memsched.io.tflite.schema.OperatorT;
import io.memsched.io.tflite.schema.SubGraphT;
import io.memsched.io.tflite.schema.TensorT;
import io.memsched.io.tflite.schema.TensorType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small TFLite models built in the tests with the generated object API (what the example models lack). */
public final class TfliteTestModels {
    static final Path EXAMPLES = Path.of("examples/models/tflite");
    static final List<String> EXAMPLE_MODELS = List.of("hello_world_int8", "micro_speech_quantized",
            "mobilenet_v2_quantized_1x3x224x224", "person_detect", "sine_float");

    private TfliteTestModels() {
    }

    static Path example(String name) {
        return EXAMPLES.resolve(name + ".tflite");
    }

    /**
     * A model with what the examples do not have, in subgraph 0 (tensor indices in brackets):
     * <pre>
     *   x[0] float32 1x8 (input)       w[1] constant (buffer 1 holds data)      h[2] int8 1x4 variable (LSTM state)
     *   op0 FULLY_CONNECTED(x, w, -1) -> a[3] float32 1x16, intermediates [7] (int16 1x4 = 8 bytes)
     *   op1 CUSTOM "MyOp"(a, h)        -> b[4] float32 1x16 and c[5] int8 1x2 (c unused), and updates h (output)
     *   op2 RELU(b)                     -> y[6] float32 1x16 (output); tensors 3 and 6 share the name "dup",
     *   tensor 4 has no name
     * </pre>
     * Subgraph 1 (2 tensors, 1 operator) is a body that is never scheduled. The model has a metadata entry
     * "min_runtime_version" and a stale "OfflineMemoryAllocation".
     */
    public static byte[] synthetic() {
        ModelT m = new ModelT();
        m.setVersion(3);
        m.setDescription("synthetic");
        m.setOperatorCodes(new OperatorCodeT[] {
            code(BuiltinOperator.FULLY_CONNECTED, null), code(BuiltinOperator.CUSTOM, "MyOp"),
            code(BuiltinOperator.RELU, null)});
        List<BufferT> buffers = new ArrayList<>();
        buffers.add(new BufferT());                       // 0: the empty sentinel
        buffers.add(buffer(new byte[128 * 4]));           // 1: weights of w
        buffers.add(new BufferT());                       // 2: an empty buffer (not constant)
        buffers.add(buffer("2.14".getBytes()));           // 3: metadata
        buffers.add(buffer(new byte[] {0, 0, 0, 0, 1, 0, 0, 0}));  // 4: stale offline plan
        m.setBuffers(buffers.toArray(new BufferT[0]));

        SubGraphT main = new SubGraphT();
        main.setName("main");
        main.setTensors(new TensorT[] {
            tensor("x", TensorType.FLOAT32, 0, false, 1, 8),
            tensor("w", TensorType.FLOAT32, 1, false, 16, 8),
            tensor("h", TensorType.INT8, 2, true, 1, 4),
            tensor("dup", TensorType.FLOAT32, 0, false, 1, 16),
            tensor("", TensorType.FLOAT32, 0, false, 1, 16),
            tensor("c", TensorType.INT8, 0, false, 1, 2),
            tensor("dup", TensorType.FLOAT32, 2, false, 1, 16),
            tensor("mid", TensorType.INT16, 0, false, 1, 4)});
        main.setInputs(new int[] {0});
        main.setOutputs(new int[] {6});
        OperatorT fc = op(0, new int[] {0, 1, -1}, new int[] {3});
        fc.setIntermediates(new int[] {7});
        OperatorT custom = op(1, new int[] {3, 2}, new int[] {4, 5, 2});
        custom.setCustomOptions(new int[] {1, 2, 3});
        main.setOperators(new OperatorT[] {fc, custom, op(2, new int[] {4}, new int[] {6})});

        SubGraphT body = new SubGraphT();
        body.setName("body");
        body.setTensors(new TensorT[] {
            tensor("p", TensorType.FLOAT32, 0, false, 1, 4), tensor("q", TensorType.FLOAT32, 0, false, 1, 4)});
        body.setInputs(new int[] {0});
        body.setOutputs(new int[] {1});
        body.setOperators(new OperatorT[] {op(2, new int[] {0}, new int[] {1})});
        m.setSubgraphs(new SubGraphT[] {main, body});
        m.setMetadata(new MetadataT[] {metadata("min_runtime_version", 3),
            metadata(TfliteWriter.OFFLINE_MEMORY_ALLOCATION, 4)});
        return bytes(m);
    }

    /**
     * A model with parallel branches (so that orders differ): {@code a = CONV_2D(x); b = CONV_2D(x); c = RELU(a);
     * y = CONCATENATION(c, b)}, x 1x8x8x4, a and c 1x8x8x16, b 1x8x8x2, y 1x8x8x18, all float32.
     */
    static byte[] branches() {
        ModelT m = new ModelT();
        m.setVersion(3);
        m.setOperatorCodes(new OperatorCodeT[] {code(BuiltinOperator.CONV_2D, null), code(BuiltinOperator.RELU, null),
            code(BuiltinOperator.CONCATENATION, null)});
        m.setBuffers(new BufferT[] {new BufferT(), buffer(new byte[64 * 4 * 4]), buffer(new byte[8 * 4 * 4])});
        SubGraphT main = new SubGraphT();
        main.setTensors(new TensorT[] {
            tensor("x", TensorType.FLOAT32, 0, false, 1, 8, 8, 4), tensor("w1", TensorType.FLOAT32, 1, false, 16, 4),
            tensor("w2", TensorType.FLOAT32, 2, false, 2, 4), tensor("a", TensorType.FLOAT32, 0, false, 1, 8, 8, 16),
            tensor("b", TensorType.FLOAT32, 0, false, 1, 8, 8, 2), tensor("c", TensorType.FLOAT32, 0, false, 1, 8, 8, 16),
            tensor("y", TensorType.FLOAT32, 0, false, 1, 8, 8, 18)});
        main.setInputs(new int[] {0});
        main.setOutputs(new int[] {6});
        main.setOperators(new OperatorT[] {op(0, new int[] {0, 1}, new int[] {3}), op(0, new int[] {0, 2}, new int[] {4}),
            op(1, new int[] {3}, new int[] {5}), op(2, new int[] {5, 4}, new int[] {6})});
        m.setSubgraphs(new SubGraphT[] {main});
        return bytes(m);
    }

    /** The FlatBuffer of {@code m}, with the "TFL3" identifier. */
    static byte[] bytes(ModelT m) {
        FlatBufferBuilder b = new FlatBufferBuilder(1024);
        Model.finishModelBuffer(b, Model.pack(b, m));
        return b.sizedByteArray();
    }

    static OperatorCodeT code(int builtin, String custom) {
        OperatorCodeT c = new OperatorCodeT();
        c.setBuiltinCode(builtin);
        c.setDeprecatedBuiltinCode((byte) Math.min(builtin, BuiltinOperator.PLACEHOLDER_FOR_GREATER_OP_CODES));
        c.setCustomCode(custom);
        c.setVersion(1);
        return c;
    }

    static TensorT tensor(String name, byte type, long buffer, boolean variable, int... shape) {
        TensorT t = new TensorT();
        t.setName(name);
        t.setType(type);
        t.setBuffer(buffer);
        t.setIsVariable(variable);
        t.setShape(shape);
        return t;
    }

    static OperatorT op(long code, int[] inputs, int[] outputs) {
        OperatorT o = new OperatorT();
        o.setOpcodeIndex(code);
        o.setInputs(inputs);
        o.setOutputs(outputs);
        return o;
    }

    static BufferT buffer(byte[] data) {
        int[] d = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            d[i] = data[i] & 0xff;
        }
        BufferT b = new BufferT();
        b.setData(d);
        return b;
    }

    static MetadataT metadata(String name, long buffer) {
        MetadataT md = new MetadataT();
        md.setName(name);
        md.setBuffer(buffer);
        return md;
    }
}
