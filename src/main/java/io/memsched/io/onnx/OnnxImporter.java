package io.memsched.io.onnx;

import io.memsched.graph.Graph;
import io.memsched.graph.InvalidGraphException;
import io.memsched.graph.Op;
import io.memsched.graph.OpTypes;
import io.memsched.graph.Tensor;
import io.memsched.graph.TensorShape;
import io.memsched.io.GraphFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an ONNX model ({@code .onnx}, a protobuf {@code ModelProto}) as a {@link Graph} for scheduling.
 *
 * <p>Activation tensors are the {@code graph.input} entries that are not initializers and every node output; their
 * sizes are the static shapes given in {@code graph.input}, {@code graph.value_info} or {@code graph.output} times
 * the element size of the data type. Initializers and the outputs of {@code Constant} nodes are weights: they are
 * not tensors of the graph (docs/ARCHITECTURE.md, "The memory model"), and operators do not list them as inputs; {@code Constant} nodes are
 * dropped. Operators keep their ONNX name (or {@code <OpType>_<first output>} when it is empty, {@code <name>_<first output>}
 * when it is repeated: names that do not depend on the node order) and op type;
 * element-wise and reshape-like types ({@link OpTypes#INPLACE_CAPABLE}) are marked in-place capable, which gives
 * the memory model of HMCOS under {@code --memory-model inplace}. The graph is named after the file.
 *
 * <p>Bad input is refused with a one-line {@link GraphFormatException} naming the file and the tensor: not an ONNX
 * model, a truncated file, a tensor without a static shape (run ONNX shape inference first), a dynamic dimension,
 * a data type without a fixed size, or absurd sizes (refused before anything large is allocated).
 *
 * <p>Time and memory linear in the file size.
 */
public final class OnnxImporter {
    /** Largest file read (protobuf's own 2 GB message limit). */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;
    /** Largest single tensor accepted, 1 TiB: anything bigger is a corrupt or absurd shape. */
    public static final long MAX_TENSOR_BYTES = 1L << 40;

    private static final String[] DTYPES = {
        null, "float32", "uint8", "int8", "uint16", "int16", "int32", "int64", null, "bool", "float16", "float64",
        "uint32", "uint64", "complex64", "complex128", "bfloat16", "float8e4m3fn", "float8e4m3fnuz", "float8e5m2",
        "float8e5m2fnuz", "uint4", "int4", "float4e2m1"};
    private static final String SHAPE_HINT = "run ONNX shape inference first, e.g. python3 -c \"import onnx; "
            + "m = onnx.load('in.onnx'); onnx.save(onnx.shape_inference.infer_shapes(m), 'out.onnx')\"";

    private OnnxImporter() {
    }

    /**
     * Import options.
     *
     * @param residentWeights when on, all weights (initializers and {@code Constant} outputs) are added as one graph
     *     tensor {@code weights} that is both a graph input and a graph output, so it is live for the whole schedule
     *     (weights resident in the same memory); off by default (weights live in flash, docs/ARCHITECTURE.md, "The memory model")
     */
    public record Options(boolean residentWeights) {
        /** Weights are not counted. */
        public static Options defaults() {
            return new Options(false);
        }

        /** A copy with {@link #residentWeights()} set. */
        public Options withResidentWeights(boolean on) {
            return new Options(on);
        }
    }

    /** The graph in the ONNX file {@code file}, named after the file. */
    public static Graph read(Path file) {
        return read(file, Options.defaults());
    }

    /** The graph in the ONNX file {@code file}, named after the file, imported with {@code options}. */
    public static Graph read(Path file, Options options) {
        String source = file.toString();
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new GraphFormatException(source + ": " + size + " bytes is larger than the 2 GB protobuf limit");
            }
            String stem = file.getFileName().toString().replaceFirst("(?i)\\.onnx$", "");
            return parse(Files.readAllBytes(file), source, stem, options);
        } catch (IOException e) {
            throw new GraphFormatException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The graph in {@code data}, an ONNX model; {@code source} names it in messages and {@code graphName} names the
     * graph.
     */
    public static Graph parse(byte[] data, String source, String graphName) {
        return parse(data, source, graphName, Options.defaults());
    }

    /** The graph in {@code data} imported with {@code options}. */
    public static Graph parse(byte[] data, String source, String graphName, Options options) {
        return imported(data, source, graphName, options).graph();
    }

    /**
     * An imported model: the graph and, for each of its operators (by index), the index of the ONNX node it stands
     * for in {@code graph.node}.
     */
    record Imported(Graph graph, int[] opNodes) {
    }

    /** The graph in {@code data} with the node each operator came from. */
    static Imported imported(byte[] data, String source, String graphName, Options options) {
        if (data.length == 0) {
            throw new GraphFormatException(source + ": empty file, not an ONNX model");
        }
        OnnxWireReader.Model model;
        try {
            model = OnnxWireReader.read(data);
        } catch (OnnxWireReader.AbsurdModelException e) {
            throw new GraphFormatException(source + ": refusing an absurd model: " + e.getMessage(), e);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("truncated") || m.contains("ended unexpectedly")) {
                throw new GraphFormatException(source
                        + ": truncated ONNX file (a field runs past the end of the file)", e);
            }
            throw new GraphFormatException(source + ": not an ONNX model (invalid protobuf: " + m + ")", e);
        }
        if (model.irVersion() <= 0 || model.graph().isEmpty()) {
            throw new GraphFormatException(source + ": not an ONNX model (no " + (model.irVersion() <= 0
                    ? "ir_version" : "graph") + " field)");
        }
        return new Conversion(source, model.graph().get(), model.opset()).graph(graphName, options);
    }

    /** One import: the model's graph data and what has been decided about its tensors. */
    private static final class Conversion {
        private final String source;
        private final OnnxWireReader.GraphData data;
        private final Set<String> weights = new HashSet<>();
        private final Map<String, OnnxWireReader.ValueInfo> types = new HashMap<>();
        private final long opset;
        private OnnxShapeInference.Result shapes;

        Conversion(String source, OnnxWireReader.GraphData data, long opset) {
            this.source = source;
            this.data = data;
            this.opset = opset;
            weights.addAll(data.initializers().keySet());
            for (List<OnnxWireReader.ValueInfo> list : List.of(data.inputs(), data.valueInfo(), data.outputs())) {
                for (OnnxWireReader.ValueInfo v : list) {
                    types.merge(v.name(), v, (old, now) -> old.type().isPresent() ? old : now);
                }
            }
        }

        Imported graph(String graphName, Options options) {
            List<Tensor> tensors = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<String> inputs = new ArrayList<>();
            List<String> outputs = new ArrayList<>();
            for (OnnxWireReader.ValueInfo v : data.inputs()) {
                if (!weights.contains(v.name())) {
                    tensor(v.name());
                }
            }
            shapes = OnnxShapeInference.infer(source, data, opset);
            for (int i : shapes.folded()) {
                data.nodes().get(i).outputs().stream().filter(t -> !t.isEmpty()).forEach(weights::add);
            }
            if (options.residentWeights()) {
                Tensor w = residentWeights();
                tensors.add(w);
                seen.add(w.name());
                inputs.add(w.name());
                outputs.add(w.name());
            }
            for (OnnxWireReader.ValueInfo v : data.inputs()) {
                if (!weights.contains(v.name()) && seen.add(v.name())) {
                    tensors.add(tensor(v.name()));
                    inputs.add(v.name());
                }
            }
            List<Op> ops = new ArrayList<>();
            List<Integer> opNodes = new ArrayList<>();
            Set<String> opNames = new HashSet<>();
            List<OnnxWireReader.Node> nodes = data.nodes();
            Map<String, Integer> nameCounts = new HashMap<>();
            nodes.forEach(n -> nameCounts.merge(n.name(), 1, Integer::sum));
            for (int i = 0; i < nodes.size(); i++) {
                OnnxWireReader.Node n = nodes.get(i);
                if (shapes.folded().contains(i)) {
                    continue;
                }
                String name = opName(n, nameCounts, i);
                while (!opNames.add(name)) {
                    name = name + "_" + i;
                }
                List<String> in = new ArrayList<>();
                for (String t : n.inputs()) {
                    if (!t.isEmpty() && !weights.contains(t)) {
                        in.add(t);
                    }
                }
                List<String> out = new ArrayList<>();
                for (String t : n.outputs()) {
                    if (!t.isEmpty()) {
                        out.add(t);
                        if (seen.add(t)) {
                            tensors.add(tensor(t));
                        }
                    }
                }
                ops.add(new Op(name, n.opType(), in, out, 0, OpTypes.isInplaceCapable(n.opType())));
                opNodes.add(i);
            }
            for (OnnxWireReader.ValueInfo v : data.outputs()) {
                if (!weights.contains(v.name())) {
                    outputs.add(v.name());
                }
            }
            try {
                return new Imported(Graph.of(graphName, tensors, inputs, outputs, ops),
                        opNodes.stream().mapToInt(Integer::intValue).toArray());
            } catch (InvalidGraphException e) {
                throw new GraphFormatException(source + ": " + e.getMessage(), e);
            }
        }

        /**
         * The operator name of node {@code n}: its ONNX name when that is unique in the graph, else
         * {@code <name or OpType>_<first output>}, which does not depend on the node order (a model written back in
         * another order imports with the same names).
         */
        private static String opName(OnnxWireReader.Node n, Map<String, Integer> nameCounts, int index) {
            if (!n.name().isEmpty() && nameCounts.get(n.name()) == 1) {
                return n.name();
            }
            String base = n.name().isEmpty() ? n.opType() : n.name();
            return base + "_" + n.outputs().stream().filter(o -> !o.isEmpty()).findFirst()
                    .orElse(Integer.toString(index));
        }

        /** One tensor holding the bytes of every initializer and Constant output, named {@code weights} (or _2...). */
        private Tensor residentWeights() {
            long bytes = 0;
            for (OnnxWireReader.Initializer w : data.initializers().values()) {
                String dtype = w.elemType() > 0 && w.elemType() < DTYPES.length ? DTYPES[w.elemType()] : null;
                if (dtype == null) {
                    throw new GraphFormatException(source + ": initializer '" + w.name() + "' has data type "
                            + w.elemType() + ", which has no fixed element size");
                }
                bytes = addBytes(bytes, sized(w.name(), w.dims(), dtype).bytes(), "initializer '" + w.name() + "'");
            }
            for (int i : new java.util.TreeSet<>(shapes.folded())) {
                for (String out : data.nodes().get(i).outputs()) {
                    if (!out.isEmpty()) {
                        bytes = addBytes(bytes, tensor(out).bytes(), "constant '" + out + "'");
                    }
                }
            }
            Set<String> names = new HashSet<>();
            data.inputs().forEach(v -> names.add(v.name()));
            data.nodes().forEach(n -> names.addAll(n.outputs()));
            String name = "weights";
            for (int k = 2; names.contains(name); k++) {
                name = "weights_" + k;
            }
            return new Tensor(name, bytes, List.of(bytes), Optional.of("uint8"));
        }

        private long addBytes(long total, long more, String what) {
            if (total + more > MAX_TENSOR_BYTES) {
                throw new GraphFormatException(source + ": weights up to " + what + " would need more than 1 TB;"
                        + " refusing them");
            }
            return total + more;
        }

        private TensorShape sized(String name, List<Long> dims, String dtype) {
            for (long d : dims) {
                if (d < 0) {
                    throw new GraphFormatException(source + ": initializer '" + name + "' has a negative dimension "
                            + dims);
                }
            }
            TensorShape shape = new TensorShape(dims, dtype);
            try {
                shape.bytes();
            } catch (ArithmeticException e) {
                throw new GraphFormatException(source + ": initializer '" + name + "' of shape " + dims
                        + " would need more than 1 TB; refusing it", e);
            }
            return shape;
        }

        private Tensor tensor(String name) {
            String where = source + ": tensor '" + name + "'";
            OnnxWireReader.ValueInfo v = types.get(name);
            OnnxShapeInference.Info info = shapes == null ? null : shapes.infos().get(name);
            if (info != null && info.dims() != null
                    && (v == null || v.type().filter(OnnxShapeInference::isStatic).isEmpty())) {
                int code = info.dtype();
                String dtype = code > 0 && code < DTYPES.length ? DTYPES[code] : null;
                if (dtype == null) {
                    throw new GraphFormatException(where + " has data type " + code + (code == 8 ? " (string)" : "")
                            + ", which has no fixed element size");
                }
                List<Long> dims = java.util.Arrays.stream(info.dims()).boxed().toList();
                return sizedTensor(where, name, dims, dtype);
            }
            if (v == null || v.type().isEmpty() || v.type().get().kind().isEmpty()) {
                throw new GraphFormatException(where + " has no type or shape in graph.input, graph.value_info or "
                        + "graph.output; " + SHAPE_HINT);
            }
            OnnxWireReader.TypeInfo t = v.type().get();
            if (!t.kind().equals("tensor")) {
                throw new GraphFormatException(where + " is a " + t.kind()
                        + ", not a tensor; only tensors are supported");
            }
            int code = t.elemType();
            String dtype = code > 0 && code < DTYPES.length ? DTYPES[code] : null;
            if (dtype == null) {
                throw new GraphFormatException(where + " has data type " + code + (code == 8 ? " (string)" : "")
                        + ", which has no fixed element size");
            }
            if (!t.hasShape()) {
                throw new GraphFormatException(where + " has no shape; " + SHAPE_HINT);
            }
            List<Long> dims = new ArrayList<>(t.dims().size());
            for (int d = 0; d < t.dims().size(); d++) {
                OnnxWireReader.Dim dim = t.dims().get(d);
                if (!dim.isStatic()) {
                    throw new GraphFormatException(where + " has a dynamic dimension " + d
                            + (dim.param().isEmpty() ? "" : " ('" + dim.param() + "')")
                            + " in " + describe(t.dims()) + "; export or fix the model with static shapes (batch 1)");
                }
                dims.add(dim.value());
            }
            return sizedTensor(where, name, dims, dtype);
        }

        private Tensor sizedTensor(String where, String name, List<Long> dims, String dtype) {
            TensorShape shape = new TensorShape(dims, dtype);
            long bytes;
            try {
                bytes = shape.bytes();
            } catch (ArithmeticException e) {
                bytes = Long.MAX_VALUE;
            }
            if (bytes > MAX_TENSOR_BYTES) {
                throw new GraphFormatException(where + " of shape " + shape
                        + " would need more than 1 TB; refusing it");
            }
            return new Tensor(name, bytes, dims, Optional.of(dtype));
        }

        private static String describe(List<OnnxWireReader.Dim> dims) {
            List<String> parts = new ArrayList<>();
            for (OnnxWireReader.Dim d : dims) {
                parts.add(d.isStatic() ? Long.toString(d.value()) : d.param().isEmpty() ? "?" : d.param());
            }
            return "[" + String.join(", ", parts) + "]";
        }
    }
}
