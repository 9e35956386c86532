package io.memsched.io.onnx;

import io.memsched.graph.ShapeRules;
import io.memsched.io.GraphFormatException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shape inference for ONNX graphs without (complete) {@code value_info}: walks the nodes in a topological order
 * and gives every tensor its element type and static shape from the node's operator rule ({@link ShapeRules},
 * shared with the layer-level builder), and the values of small constant tensors (shape computations). Sizes agree
 * with {@code onnx.shape_inference.infer_shapes(model, data_prop=True)}.
 *
 * <p>A static shape given in {@code graph.input}, {@code graph.value_info} or {@code graph.output} wins over the
 * inferred one. Nodes whose inputs are all constant (initializers, {@code Constant}, and outputs of such nodes;
 * {@code ConstantOfShape} of a constant shape among them) are <em>folded</em>: they compute weights, and their
 * outputs are weights, not tensors. A node that is not folded and whose output shape neither is given nor can be
 * inferred (an unknown operator, a shape that depends on the data) is refused naming the node and its type.
 *
 * <p>Time linear in the number of nodes plus the constant values computed (at most
 * {@link OnnxWireReader#MAX_VALUES} elements each).
 */
final class OnnxShapeInference {
    static final int FLOAT = 1;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int BOOL = 9;

    /**
     * What is known of a tensor: element type, dimensions (null: unknown), values (small constants and shape
     * computations; null: unknown) and whether it is a weight.
     */
    record Info(int dtype, long[] dims, long[] ints, double[] reals, boolean constant) {
        boolean hasValues() {
            return ints != null || reals != null;
        }

        Info asConstant(boolean c) {
            return new Info(dtype, dims, ints, reals, c);
        }
    }

    /** The inference: every tensor's info and the indices of the folded nodes. */
    record Result(Map<String, Info> infos, Set<Integer> folded) {
    }

    private static final Set<String> SAME_SHAPE = Set.of("Relu", "LeakyRelu", "Sigmoid", "Tanh",
            "Exp", "Log", "Abs", "Neg", "Sqrt", "Reciprocal", "Floor", "Ceil", "Round", "Sign", "Erf", "Sin", "Cos",
            "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh", "Clip", "Elu", "Selu", "Celu",
            "ThresholdedRelu", "HardSigmoid", "HardSwish", "Softplus", "Softsign", "Shrink", "Mish", "Gelu",
            "Softmax", "LogSoftmax", "Hardmax", "LRN", "InstanceNormalization", "LpNormalization",
            "MeanVarianceNormalization", "CumSum", "Trilu", "ReverseSequence", "Not", "BitwiseNot", "Scatter",
            "ScatterND", "ScatterElements", "Identity", "Dropout", "BatchNormalization", "LayerNormalization");
    private static final Set<String> BROADCAST = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Mod", "PRelu",
            "BitShift", "BitwiseAnd", "BitwiseOr", "BitwiseXor", "Sum", "Mean", "Max", "Min");
    private static final Set<String> COMPARISON = Set.of("Equal", "Less", "Greater", "LessOrEqual",
            "GreaterOrEqual", "And", "Or", "Xor");

    private final String source;
    private final OnnxWireReader.GraphData data;
    private final long opset;
    private final Map<String, OnnxWireReader.TypeInfo> given = new HashMap<>();
    private final Map<String, Info> infos = new HashMap<>();

    private OnnxShapeInference(String source, OnnxWireReader.GraphData data, long opset) {
        this.source = source;
        this.data = data;
        this.opset = opset <= 0 ? 1 : opset;
    }

    /** Infers the tensors of {@code data}; {@code opset} is the default domain's version. */
    static Result infer(String source, OnnxWireReader.GraphData data, long opset) {
        return new OnnxShapeInference(source, data, opset).run();
    }

    private Result run() {
        for (List<OnnxWireReader.ValueInfo> list : List.of(data.inputs(), data.valueInfo(), data.outputs())) {
            for (OnnxWireReader.ValueInfo v : list) {
                v.type().filter(OnnxShapeInference::isStatic).ifPresent(t -> given.putIfAbsent(v.name(), t));
            }
        }
        for (OnnxWireReader.Initializer w : data.initializers().values()) {
            long[] dims = w.dims().stream().mapToLong(Long::longValue).toArray();
            infos.put(w.name(), new Info(w.elemType(), dims, w.ints(), w.reals(), true));
        }
        for (OnnxWireReader.ValueInfo v : data.inputs()) {
            if (!infos.containsKey(v.name())) {
                OnnxWireReader.TypeInfo t = given.get(v.name());
                infos.put(v.name(), t == null ? new Info(0, null, null, null, false)
                        : new Info(t.elemType(), dims(t), null, null, false));
            }
        }
        Set<Integer> folded = new HashSet<>();
        List<OnnxWireReader.Node> nodes = data.nodes();
        for (int i : topologicalOrder(nodes)) {
            OnnxWireReader.Node n = nodes.get(i);
            boolean constant = !n.subgraphs();
            for (String in : n.inputs()) {
                constant &= in.isEmpty() || infos.containsKey(in) && infos.get(in).constant();
            }
            List<Info> out = null;
            String why = null;
            try {
                out = n.domain().isEmpty() ? rule(n) : null;
                why = out == null ? (n.domain().isEmpty() ? "" : "domain '" + n.domain() + "' ")
                        + "operator unknown to memsched's shape inference" : null;
            } catch (IllegalArgumentException | ArithmeticException e) {
                why = e.getMessage();
            }
            for (int k = 0; k < n.outputs().size(); k++) {
                String name = n.outputs().get(k);
                if (name.isEmpty()) {
                    continue;
                }
                Info inferred = out != null && k < out.size() ? out.get(k) : null;
                OnnxWireReader.TypeInfo t = given.get(name);
                Info info;
                if (t != null) {
                    long[] d = dims(t);
                    boolean same = inferred != null && Arrays.equals(d, inferred.dims());
                    info = new Info(t.elemType(), d, same ? inferred.ints() : null, same ? inferred.reals() : null,
                            constant);
                } else if (inferred != null && inferred.dims() != null) {
                    info = inferred.asConstant(constant);
                } else if (constant) {
                    info = new Info(0, null, null, null, true);
                } else {
                    throw new GraphFormatException(source + ": node '" + label(n, i) + "' (" + n.opType()
                            + "): cannot infer the shape of its output '" + name + "': "
                            + (why == null ? "no shape rule for this output" : why)
                            + "; give its shape in graph.value_info (onnx.shape_inference.infer_shapes)");
                }
                infos.put(name, info);
            }
            if (constant) {
                folded.add(i);
            }
        }
        return new Result(infos, folded);
    }

    private static String label(OnnxWireReader.Node n, int i) {
        return n.name().isEmpty() ? "#" + i : n.name();
    }

    static boolean isStatic(OnnxWireReader.TypeInfo t) {
        return t.kind().equals("tensor") && t.hasShape() && t.dims().stream().allMatch(OnnxWireReader.Dim::isStatic);
    }

    private static long[] dims(OnnxWireReader.TypeInfo t) {
        return t.dims().stream().mapToLong(OnnxWireReader.Dim::value).toArray();
    }

    /** Kahn's algorithm, lowest node index first among the ready ones: the file order when it is topological. */
    private List<Integer> topologicalOrder(List<OnnxWireReader.Node> nodes) {
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String o : nodes.get(i).outputs()) {
                if (!o.isEmpty()) {
                    producer.putIfAbsent(o, i);
                }
            }
        }
        int[] waiting = new int[nodes.size()];
        List<List<Integer>> users = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            users.add(new ArrayList<>());
        }
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : new HashSet<>(nodes.get(i).inputs())) {
                Integer p = producer.get(in);
                if (p != null && p != i && !infos.containsKey(in)) {
                    waiting[i]++;
                    users.get(p).add(i);
                }
            }
        }
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        List<Integer> order = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(i);
            for (int u : users.get(i)) {
                if (--waiting[u] == 0) {
                    ready.add(u);
                }
            }
        }
        if (order.size() < nodes.size()) {
            ArrayDeque<Integer> left = new ArrayDeque<>();
            for (int i = 0; i < nodes.size(); i++) {
                if (waiting[i] > 0) {
                    left.add(i);
                }
            }
            OnnxWireReader.Node n = nodes.get(left.peek());
            throw new GraphFormatException(source + ": node '" + label(n, left.peek()) + "' (" + n.opType()
                    + ") is on a cycle of the graph");
        }
        return order;
    }

    // ------------------------------------------------------------------ the rules

    /** The outputs' infos of node {@code n} (constant flags set by the caller); null for an unknown operator. */
    private List<Info> rule(OnnxWireReader.Node n) {
        Node x = new Node(n);
        String op = n.opType();
        if (BROADCAST.contains(op) || COMPARISON.contains(op) || op.equals("Where")) {
            return List.of(x.elementwise(op));
        }
        if (SAME_SHAPE.contains(op)) {
            return x.sameShape(op);
        }
        return switch (op) {
            case "Constant" -> List.of(x.constant());
            case "ConstantOfShape" -> List.of(x.constantOfShape());
            case "Shape" -> List.of(x.shapeOf());
            case "Size" -> List.of(withInts(INT64, new long[0], new long[] {ShapeRules.elements(x.shape(0))}));
            case "Cast" -> List.of(x.cast((int) x.attrI("to", FLOAT)));
            case "CastLike" -> List.of(x.cast(x.in(1).dtype()));
            case "IsNaN", "IsInf" -> List.of(info(BOOL, x.shape(0)));
            case "Reshape" -> List.of(x.reshaped(ShapeRules.reshape(x.shape(0), x.attr("shape") != null
                    ? x.attrInts("shape") : x.ints(1), x.attrI("allowzero", 0) != 0)));
            case "Flatten" -> List.of(x.reshaped(ShapeRules.flatten(x.shape(0), x.attrI("axis", 1))));
            case "Squeeze" -> List.of(x.reshaped(ShapeRules.squeeze(x.shape(0), x.axes(1))));
            case "Unsqueeze" -> List.of(x.reshaped(ShapeRules.unsqueeze(x.shape(0), x.required(x.axes(1), "axes"))));
            case "Transpose" -> List.of(x.transpose());
            case "Concat" -> List.of(x.concat());
            case "Split" -> x.split();
            case "Gather" -> List.of(x.gather());
            case "GatherElements" -> List.of(info(x.in(0).dtype(), x.shape(1)));
            case "Slice" -> List.of(x.slice());
            case "Pad" -> List.of(x.pad());
            case "Resize", "Upsample" -> List.of(x.resize(op));
            case "Expand" -> List.of(info(x.in(0).dtype(), ShapeRules.broadcast(x.shape(0), x.ints(1))));
            case "Tile" -> List.of(x.tile());
            case "Conv", "ConvInteger" -> List.of(x.conv(op.equals("Conv") ? x.in(0).dtype() : INT32));
            case "ConvTranspose" -> List.of(x.convTranspose());
            case "MaxPool", "AveragePool", "LpPool" -> x.pool(op);
            case "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool" -> List.of(x.globalPool());
            case "Gemm" -> List.of(info(x.in(0).dtype(), ShapeRules.gemm(x.shape(0), x.shape(1),
                    x.attrI("transA", 0) != 0, x.attrI("transB", 0) != 0)));
            case "MatMul" -> List.of(info(x.in(0).dtype(), ShapeRules.matmul(x.shape(0), x.shape(1))));
            case "MatMulInteger" -> List.of(info(INT32, ShapeRules.matmul(x.shape(0), x.shape(1))));
            case "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2",
                 "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare" -> List.of(x.reduce(op));
            case "ArgMax", "ArgMin" -> List.of(info(INT64, ShapeRules.reduce(x.shape(0),
                    new long[] {x.attrI("axis", 0)}, x.attrI("keepdims", 1) != 0)));
            case "TopK" -> x.topK();
            case "Range" -> List.of(x.range());
            case "DepthToSpace", "SpaceToDepth" -> List.of(x.depthSpace(op.equals("DepthToSpace")));
            case "QuantizeLinear" -> List.of(info(x.in(2) == null ? 2 : x.in(2).dtype(), x.shape(0)));
            case "DequantizeLinear" -> List.of(info(x.in(1) == null ? FLOAT : x.in(1).dtype(), x.shape(0)));
            case "OneHot" -> List.of(x.oneHot());
            default -> null;
        };
    }

    private static Info info(int dtype, long[] dims) {
        return new Info(dtype, dims, null, null, false);
    }

    private static Info withInts(int dtype, long[] dims, long[] values) {
        return new Info(dtype, dims, values, null, false);
    }

    private static boolean isReal(int dtype) {
        return dtype == FLOAT || dtype == 10 || dtype == 11 || dtype == 16;
    }

    /** A value of {@code count} elements small enough to keep. */
    private static boolean keep(long count) {
        return count <= OnnxWireReader.MAX_VALUES;
    }

    /** One node's view: its inputs' infos and attributes. */
    private final class Node {
        private final OnnxWireReader.Node n;

        Node(OnnxWireReader.Node n) {
            this.n = n;
        }

        /** Info of input {@code k}, null when absent (optional and empty). */
        Info in(int k) {
            if (k >= n.inputs().size() || n.inputs().get(k).isEmpty()) {
                return null;
            }
            Info i = infos.get(n.inputs().get(k));
            if (i == null) {
                throw new IllegalArgumentException("input '" + n.inputs().get(k) + "' is not a known tensor");
            }
            return i;
        }

        /** Input {@code k} present with at least one element. */
        boolean present(int k) {
            Info i = in(k);
            return i != null && (i.dims() == null || ShapeRules.elements(i.dims()) > 0);
        }

        long[] shape(int k) {
            Info i = in(k);
            if (i == null) {
                throw new IllegalArgumentException("input " + k + " is missing");
            }
            if (i.dims() == null) {
                throw new IllegalArgumentException("input '" + n.inputs().get(k) + "' has no known shape");
            }
            return i.dims();
        }

        long[] ints(int k) {
            Info i = in(k);
            if (i == null || !i.hasValues()) {
                throw new IllegalArgumentException(i == null ? "input " + k + " is missing" : "input '"
                        + n.inputs().get(k) + "' is not a constant (its values decide the output shape)");
            }
            return i.ints() != null ? i.ints() : Arrays.stream(i.reals()).mapToLong(v -> (long) v).toArray();
        }

        double[] reals(int k) {
            Info i = in(k);
            if (i == null || !i.hasValues()) {
                throw new IllegalArgumentException(i == null ? "input " + k + " is missing" : "input '"
                        + n.inputs().get(k) + "' is not a constant (its values decide the output shape)");
            }
            return i.reals() != null ? i.reals() : Arrays.stream(i.ints()).asDoubleStream().toArray();
        }

        OnnxWireReader.Attribute attr(String name) {
            return n.attributes().get(name);
        }

        long attrI(String name, long dflt) {
            OnnxWireReader.Attribute a = attr(name);
            return a == null ? dflt : a.i();
        }

        long[] attrInts(String name) {
            OnnxWireReader.Attribute a = attr(name);
            return a == null ? null : a.ints();
        }

        <T> T required(T value, String what) {
            if (value == null) {
                throw new IllegalArgumentException("no " + what + " given");
            }
            return value;
        }

        /** Axes from the attribute {@code axes} or, when absent, from input {@code k} (opset 13 form); null: none. */
        long[] axes(int k) {
            long[] a = attrInts("axes");
            return a != null ? a : in(k) != null ? ints(k) : null;
        }

        List<Info> sameShape(String op) {
            Info x = in(0);
            long[] d = shape(0);
            int dtype = op.equals("Not") ? BOOL : x.dtype();
            Info first = op.equals("Identity") ? new Info(x.dtype(), d, x.ints(), x.reals(), false) : info(dtype, d);
            List<Info> out = new ArrayList<>(List.of(first));
            switch (op) {
                case "Dropout" -> out.add(info(BOOL, d));
                case "BatchNormalization" -> {
                    long[] c = new long[] {d.length > 1 ? d[1] : 1};
                    for (int k = 1; k < n.outputs().size(); k++) {
                        out.add(info(x.dtype(), c));
                    }
                }
                case "LayerNormalization" -> {
                    int axis = ShapeRules.axis(attrI("axis", -1), d.length);
                    long[] stats = d.clone();
                    for (int k = axis; k < d.length; k++) {
                        stats[k] = 1;
                    }
                    int stash = (int) attrI("stash_type", FLOAT);
                    out.add(info(stash, stats));
                    out.add(info(stash, stats));
                }
                default -> {
                }
            }
            return out;
        }

        Info elementwise(String op) {
            List<long[]> shapes = new ArrayList<>();
            List<Info> ins = new ArrayList<>();
            for (int k = 0; k < n.inputs().size(); k++) {
                if (in(k) != null) {
                    shapes.add(shape(k));
                    ins.add(in(k));
                }
            }
            if (shapes.isEmpty()) {
                throw new IllegalArgumentException("no inputs");
            }
            long[] d = ShapeRules.broadcast(shapes.toArray(long[][]::new));
            int dtype = COMPARISON.contains(op) ? BOOL : op.equals("Where") ? ins.get(Math.min(1, ins.size() - 1))
                    .dtype() : ins.get(0).dtype();
            if (ins.stream().allMatch(Info::hasValues) && keep(ShapeRules.elements(d))) {
                return Values.elementwise(op, ins, d, dtype);
            }
            return info(dtype, d);
        }

        Info constant() {
            for (String k : List.of("value", "sparse_value")) {
                OnnxWireReader.Attribute a = attr(k);
                if (a != null && a.t() != null) {
                    OnnxWireReader.Initializer t = a.t();
                    return new Info(t.elemType(), t.dims().stream().mapToLong(Long::longValue).toArray(), t.ints(),
                            t.reals(), false);
                }
            }
            if (attr("value_float") != null) {
                return new Info(FLOAT, new long[0], null, new double[] {attr("value_float").f()}, false);
            }
            if (attr("value_floats") != null) {
                double[] v = attr("value_floats").floats();
                return new Info(FLOAT, new long[] {v.length}, null, v, false);
            }
            if (attr("value_int") != null) {
                return withInts(INT64, new long[0], new long[] {attr("value_int").i()});
            }
            if (attr("value_ints") != null) {
                long[] v = attr("value_ints").ints();
                return withInts(INT64, new long[] {v.length}, v);
            }
            if (attr("value_string") != null) {
                return info(8, new long[0]);
            }
            throw new IllegalArgumentException("Constant without a value attribute memsched reads");
        }

        Info constantOfShape() {
            long[] d = ints(0);
            for (long v : d) {
                if (v < 0) {
                    throw new IllegalArgumentException("negative dimension in " + Arrays.toString(d));
                }
            }
            OnnxWireReader.Attribute a = attr("value");
            int dtype = a == null || a.t() == null ? FLOAT : a.t().elemType();
            long count = ShapeRules.elements(d);
            if (!keep(count)) {
                return info(dtype, d);
            }
            if (a != null && a.t() != null && a.t().ints() != null && a.t().ints().length > 0) {
                long[] v = new long[(int) count];
                Arrays.fill(v, a.t().ints()[0]);
                return withInts(dtype, d, v);
            }
            double[] v = new double[(int) count];
            if (a != null && a.t() != null && a.t().reals() != null && a.t().reals().length > 0) {
                Arrays.fill(v, a.t().reals()[0]);
            }
            return new Info(dtype, d, null, v, false);
        }

        Info shapeOf() {
            long[] d = shape(0);
            int r = d.length;
            long start = attrI("start", 0);
            long end = attrI("end", r);
            start = Math.max(0, Math.min(r, start < 0 ? start + r : start));
            end = Math.max(0, Math.min(r, end < 0 ? end + r : end));
            long[] v = Arrays.copyOfRange(d, (int) start, (int) Math.max(start, end));
            return withInts(INT64, new long[] {v.length}, v);
        }

        Info cast(int to) {
            Info x = in(0);
            long[] d = shape(0);
            if (!x.hasValues()) {
                return info(to, d);
            }
            if (isReal(to)) {
                return new Info(to, d, null, x.reals() != null ? x.reals()
                        : Arrays.stream(x.ints()).asDoubleStream().toArray(), false);
            }
            long[] v = x.ints() != null ? x.ints() : Arrays.stream(x.reals()).mapToLong(r -> (long) r).toArray();
            if (to == BOOL) {
                v = Arrays.stream(v).map(e -> e != 0 ? 1 : 0).toArray();
            }
            return withInts(to, d, v);
        }

        /** Input 0's data in a new shape (values kept: reshapes do not reorder elements). */
        Info reshaped(long[] d) {
            Info x = in(0);
            return new Info(x.dtype(), d, x.ints(), x.reals(), false);
        }

        Info transpose() {
            long[] d = shape(0);
            long[] perm = attrInts("perm");
            long[] out = ShapeRules.transpose(d, perm);
            return d.length <= 1 ? reshaped(out) : info(in(0).dtype(), out);
        }

        Info concat() {
            List<long[]> shapes = new ArrayList<>();
            List<Info> ins = new ArrayList<>();
            for (int k = 0; k < n.inputs().size(); k++) {
                if (in(k) != null) {
                    shapes.add(shape(k));
                    ins.add(in(k));
                }
            }
            long[] d = ShapeRules.concat(shapes, required(attr("axis"), "axis").i());
            if (d.length == 1 && ins.stream().allMatch(Info::hasValues) && keep(d[0])) {
                return Values.concat(ins, d);
            }
            return info(ins.get(0).dtype(), d);
        }

        List<Info> split() {
            long[] d = shape(0);
            long[] sizes = attrInts("split");
            if (sizes == null && present(1)) {
                sizes = ints(1);
            }
            List<Info> out = new ArrayList<>();
            for (long[] s : ShapeRules.split(d, attrI("axis", 0), sizes, n.outputs().size())) {
                out.add(info(in(0).dtype(), s));
            }
            return out;
        }

        Info gather() {
            long[] d = shape(0);
            long[] idx = shape(1);
            long axis = attrI("axis", 0);
            long[] out = ShapeRules.gather(d, idx, axis);
            Info x = in(0);
            if (x.hasValues() && in(1).hasValues() && keep(ShapeRules.elements(out))) {
                return Values.gather(x, d, ints(1), ShapeRules.axis(axis, d.length), out);
            }
            return info(x.dtype(), out);
        }

        Info slice() {
            long[] d = shape(0);
            long[] starts;
            long[] ends;
            long[] axes;
            long[] steps = null;
            if (opset < 10) {
                starts = required(attrInts("starts"), "starts");
                ends = required(attrInts("ends"), "ends");
                axes = attrInts("axes");
            } else {
                starts = ints(1);
                ends = ints(2);
                axes = in(3) != null ? ints(3) : null;
                steps = in(4) != null ? ints(4) : null;
            }
            long[] out = ShapeRules.slice(d, starts, ends, axes, steps);
            Info x = in(0);
            if (d.length == 1 && x.hasValues()) {
                return Values.slice1(x, d[0], starts[0], ends[0], steps == null ? 1 : steps[0], out);
            }
            return info(x.dtype(), out);
        }

        Info pad() {
            long[] d = shape(0);
            long[] pads = attrInts("pads");
            if (pads == null) {
                pads = attrInts("paddings");
            }
            if (pads == null) {
                pads = ints(1);
                if (in(3) != null) {
                    long[] axes = ints(3);
                    long[] full = new long[2 * d.length];
                    for (int k = 0; k < axes.length; k++) {
                        int a = ShapeRules.axis(axes[k], d.length);
                        full[a] = pads[k];
                        full[a + d.length] = pads[k + axes.length];
                    }
                    pads = full;
                }
            }
            return info(in(0).dtype(), ShapeRules.pad(d, pads));
        }

        Info resize(String op) {
            long[] d = shape(0);
            int dtype = in(0).dtype();
            if (op.equals("Upsample") || opset <= 10) {
                double[] scales = attr("scales") != null ? attr("scales").floats() : reals(1);
                return info(dtype, ShapeRules.resize(d, scales));
            }
            if (present(3)) {
                long[] sizes = ints(3);
                if (sizes.length != d.length) {
                    throw new IllegalArgumentException(sizes.length + " sizes for rank " + d.length);
                }
                return info(dtype, sizes);
            }
            return info(dtype, ShapeRules.resize(d, reals(2)));
        }

        Info tile() {
            long[] d = shape(0);
            long[] r = ints(1);
            if (r.length != d.length) {
                throw new IllegalArgumentException(r.length + " repeats for rank " + d.length);
            }
            long[] out = new long[d.length];
            for (int k = 0; k < d.length; k++) {
                out[k] = Math.multiplyExact(d[k], r[k]);
            }
            return info(in(0).dtype(), out);
        }

        /** Spatial output lengths of a convolution or pooling window over input {@code x}. */
        long[] windows(long[] x, long[] kernel, boolean ceil) {
            int sp = x.length - 2;
            if (sp < 1 || kernel.length != sp) {
                throw new IllegalArgumentException("kernel " + Arrays.toString(kernel) + " does not fit input "
                        + Arrays.toString(x));
            }
            long[] strides = orOnes(attrInts("strides"), sp);
            long[] dil = orOnes(attrInts("dilations"), sp);
            long[] pads = attrInts("pads");
            String auto = attr("auto_pad") == null ? "NOTSET" : attr("auto_pad").s();
            long[] out = new long[sp];
            for (int k = 0; k < sp; k++) {
                long pb;
                long pe;
                if (auto.equals("SAME_UPPER") || auto.equals("SAME_LOWER")) {
                    long[] p = ShapeRules.samePads(x[k + 2], kernel[k], strides[k], dil[k], auto.equals("SAME_LOWER"));
                    pb = p[0];
                    pe = p[1];
                } else if (auto.equals("VALID") || pads == null) {
                    pb = 0;
                    pe = 0;
                } else {
                    if (pads.length != 2 * sp) {
                        throw new IllegalArgumentException(pads.length + " pads for " + sp + " spatial axes");
                    }
                    pb = pads[k];
                    pe = pads[k + sp];
                }
                out[k] = ShapeRules.window(x[k + 2], kernel[k], strides[k], pb, pe, dil[k], ceil);
            }
            return out;
        }

        Info conv(int dtype) {
            long[] x = shape(0);
            long[] w = shape(1);
            long[] kernel = attrInts("kernel_shape");
            if (kernel == null) {
                kernel = Arrays.copyOfRange(w, 2, w.length);
            }
            long group = attrI("group", 1);
            if (w.length != x.length || group <= 0 || x[1] != w[1] * group) {
                throw new IllegalArgumentException("weights " + Arrays.toString(w) + " do not fit input "
                        + Arrays.toString(x) + " with group " + group);
            }
            long[] out = new long[x.length];
            out[0] = x[0];
            out[1] = w[0];
            System.arraycopy(windows(x, kernel, false), 0, out, 2, x.length - 2);
            return info(dtype, out);
        }

        Info convTranspose() {
            long[] x = shape(0);
            long[] w = shape(1);
            int sp = x.length - 2;
            long group = attrI("group", 1);
            if (sp < 1 || w.length != x.length || x[1] != w[0]) {
                throw new IllegalArgumentException("weights " + Arrays.toString(w) + " do not fit input "
                        + Arrays.toString(x));
            }
            long[] kernel = attrInts("kernel_shape");
            if (kernel == null) {
                kernel = Arrays.copyOfRange(w, 2, w.length);
            }
            long[] out = new long[x.length];
            out[0] = x[0];
            out[1] = w[1] * group;
            long[] given = attrInts("output_shape");
            if (given != null) {
                System.arraycopy(given, given.length - sp, out, 2, sp);
                return info(in(0).dtype(), out);
            }
            long[] strides = orOnes(attrInts("strides"), sp);
            long[] dil = orOnes(attrInts("dilations"), sp);
            long[] outPad = attrInts("output_padding");
            long[] pads = attrInts("pads");
            String auto = attr("auto_pad") == null ? "NOTSET" : attr("auto_pad").s();
            for (int k = 0; k < sp; k++) {
                if (auto.equals("SAME_UPPER") || auto.equals("SAME_LOWER")) {
                    out[k + 2] = x[k + 2] * strides[k];
                } else {
                    long pb = pads == null || auto.equals("VALID") ? 0 : pads[k];
                    long pe = pads == null || auto.equals("VALID") ? 0 : pads[k + sp];
                    out[k + 2] = ShapeRules.transposedWindow(x[k + 2], kernel[k], strides[k], pb, pe, dil[k],
                            outPad == null ? 0 : outPad[k]);
                }
            }
            return info(in(0).dtype(), out);
        }

        List<Info> pool(String op) {
            long[] x = shape(0);
            long[] kernel = required(attrInts("kernel_shape"), "kernel_shape");
            long[] out = x.clone();
            System.arraycopy(windows(x, kernel, attrI("ceil_mode", 0) != 0), 0, out, 2, x.length - 2);
            List<Info> r = new ArrayList<>(List.of(info(in(0).dtype(), out)));
            if (op.equals("MaxPool")) {
                r.add(info(INT64, out));
            }
            return r;
        }

        Info globalPool() {
            long[] x = shape(0);
            if (x.length < 3) {
                throw new IllegalArgumentException("input " + Arrays.toString(x) + " has no spatial axes");
            }
            long[] out = x.clone();
            Arrays.fill(out, 2, out.length, 1);
            return info(in(0).dtype(), out);
        }

        Info reduce(String op) {
            long[] d = shape(0);
            long[] axes = attrInts("axes");
            if (axes == null && in(1) != null) {
                axes = ints(1);
            }
            boolean keep = attrI("keepdims", 1) != 0;
            if ((axes == null || axes.length == 0) && attrI("noop_with_empty_axes", 0) != 0) {
                return info(in(0).dtype(), d);
            }
            return info(in(0).dtype(), ShapeRules.reduce(d, axes, keep));
        }

        List<Info> topK() {
            long[] d = shape(0);
            long k = attr("k") != null ? attr("k").i() : ints(1)[0];
            int axis = ShapeRules.axis(attrI("axis", -1), d.length);
            if (k < 0 || k > d[axis]) {
                throw new IllegalArgumentException("k = " + k + " for an axis of " + d[axis]);
            }
            long[] out = d.clone();
            out[axis] = k;
            return List.of(info(in(0).dtype(), out), info(INT64, out));
        }

        Info range() {
            double start = reals(0)[0];
            double limit = reals(1)[0];
            double delta = reals(2)[0];
            if (delta == 0) {
                throw new IllegalArgumentException("delta 0");
            }
            long count = Math.max(0, (long) Math.ceil((limit - start) / delta));
            int dtype = in(0).dtype();
            if (!keep(count)) {
                return info(dtype, new long[] {count});
            }
            if (isReal(dtype)) {
                double[] v = new double[(int) count];
                for (int k = 0; k < count; k++) {
                    v[k] = start + k * delta;
                }
                return new Info(dtype, new long[] {count}, null, v, false);
            }
            long[] v = new long[(int) count];
            for (int k = 0; k < count; k++) {
                v[k] = ints(0)[0] + k * ints(2)[0];
            }
            return withInts(dtype, new long[] {count}, v);
        }

        Info depthSpace(boolean toSpace) {
            long[] x = shape(0);
            long b = required(attr("blocksize"), "blocksize").i();
            if (x.length != 4 || b <= 0 || (toSpace ? x[1] % (b * b) != 0 : x[2] % b != 0 || x[3] % b != 0)) {
                throw new IllegalArgumentException("blocksize " + b + " does not fit " + Arrays.toString(x));
            }
            long[] out = toSpace ? new long[] {x[0], x[1] / (b * b), x[2] * b, x[3] * b}
                    : new long[] {x[0], x[1] * b * b, x[2] / b, x[3] / b};
            return info(in(0).dtype(), out);
        }

        Info oneHot() {
            long[] idx = shape(0);
            long depth = ints(1)[0];
            int axis = ShapeRules.axis(attrI("axis", -1), idx.length + 1);
            long[] out = ShapeRules.unsqueeze(idx, new long[] {axis});
            out[axis] = depth;
            return info(in(2).dtype(), out);
        }
    }

    private static long[] orOnes(long[] v, int n) {
        if (v == null) {
            long[] ones = new long[n];
            Arrays.fill(ones, 1);
            return ones;
        }
        if (v.length != n) {
            throw new IllegalArgumentException(v.length + " values for " + n + " spatial axes");
        }
        return v;
    }
}
