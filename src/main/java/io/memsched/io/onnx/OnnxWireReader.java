package io.memsched.io.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the few fields of an ONNX {@code ModelProto} that scheduling needs straight from the protobuf wire format
 * (field numbers of onnx/onnx.proto3), skipping everything else, weights included. Nested subgraphs of control-flow
 * nodes are skipped too.
 */
final class OnnxWireReader {
    /** Most dimensions a tensor may have before the file is considered absurd. */
    static final int MAX_RANK = 64;
    /** Most nodes, value infos or initializers a graph may list before the file is considered absurd. */
    static final int MAX_ENTRIES = 10_000_000;

    /** Well-formed protobuf that describes an absurd model (too many dimensions or nodes). */
    static final class AbsurdModelException extends IOException {
        private static final long serialVersionUID = 1L;

        AbsurdModelException(String message) {
            super(message);
        }
    }

    record Dim(long value, String param) {
        boolean isStatic() {
            return value >= 0;
        }
    }

    /** {@code kind} is {@code tensor}, {@code sequence}, {@code map}, {@code optional}, {@code sparse} or empty. */
    record TypeInfo(String kind, int elemType, boolean hasShape, List<Dim> dims) {
    }

    record ValueInfo(String name, Optional<TypeInfo> type) {
    }

    /** A node; {@code subgraphs} when an attribute holds a graph (control flow reads outer tensors implicitly). */
    record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                Map<String, Attribute> attributes, boolean subgraphs) {
        /** A node of the default domain without attributes (tests, older callers). */
        Node(String name, String opType, List<String> inputs, List<String> outputs) {
            this(name, opType, "", inputs, outputs, Map.of(), false);
        }
    }

    /**
     * A node attribute: the scalar fields that apply ({@code i}, {@code f}, {@code s}), lists ({@code ints},
     * {@code floats}) and a tensor value ({@code t}, or null).
     */
    record Attribute(String name, long i, double f, String s, long[] ints, double[] floats, Initializer t) {
    }

    /**
     * An initializer (weight) or a tensor attribute: its name, data type and dimensions (a sparse one by its dense
     * shape), and its values when they are few ({@link #MAX_VALUES}) and of a numeric type: {@code ints} for
     * integer and boolean types, {@code reals} for float32/float64 (the other is null; both null when unknown).
     */
    record Initializer(String name, int elemType, List<Long> dims, long[] ints, double[] reals) {
        Initializer(String name, int elemType, List<Long> dims) {
            this(name, elemType, dims, null, null);
        }
    }

    /** Most elements of a tensor whose values are decoded (shape computations need few; weights are skipped). */
    static final int MAX_VALUES = 1 << 12;
    /** Most values a list attribute may hold before the file is considered absurd. */
    static final int MAX_ATTRIBUTE_VALUES = 1 << 24;

    record GraphData(String name, List<Node> nodes, List<ValueInfo> inputs, List<ValueInfo> outputs,
                     List<ValueInfo> valueInfo, Map<String, Initializer> initializers) {
    }

    /** The model: IR version, the default domain's opset version (0 when not listed), the graph. */
    record Model(long irVersion, long opset, Optional<GraphData> graph) {
    }

    private final CodedInputStream in;

    private OnnxWireReader(byte[] data) {
        in = CodedInputStream.newInstance(data);
    }

    /** The model in {@code data}; an {@link InvalidProtocolBufferException} when it is not valid protobuf. */
    static Model read(byte[] data) throws IOException {
        OnnxWireReader r = new OnnxWireReader(data);
        r.in.enableAliasing(true);
        r.in.pushLimit(data.length);
        return r.model();
    }

    private int nextTag() throws IOException {
        int tag = in.readTag();
        int wt = WireFormat.getTagWireType(tag);
        if (wt == WireFormat.WIRETYPE_START_GROUP || wt == WireFormat.WIRETYPE_END_GROUP || wt > 5) {
            throw new InvalidProtocolBufferException("wire type " + wt + " does not occur in ONNX");
        }
        return tag;
    }

    private static int field(int tag) {
        return WireFormat.getTagFieldNumber(tag);
    }

    private static boolean delimited(int tag) {
        return WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    private static boolean varint(int tag) {
        return WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT;
    }

    private interface Body<T> {
        T read() throws IOException;
    }

    private <T> T message(Body<T> body) throws IOException {
        int length = in.readRawVarint32();
        if (length < 0) {
            throw new InvalidProtocolBufferException("negative message length");
        }
        int old = in.pushLimit(length);
        T value = body.read();
        in.popLimit(old);
        return value;
    }

    private Model model() throws IOException {
        long ir = 0;
        long opset = 0;
        GraphData graph = null;
        for (int tag = nextTag(); tag != 0; tag = nextTag()) {
            if (field(tag) == 1 && varint(tag)) {
                ir = in.readInt64();
            } else if (field(tag) == 7 && delimited(tag)) {
                graph = message(this::graph);
            } else if (field(tag) == 8 && delimited(tag)) {
                long[] v = message(this::opsetId);
                opset = v[0] >= 0 ? v[0] : opset;
            } else {
                in.skipField(tag);
            }
        }
        return new Model(ir, opset, Optional.ofNullable(graph));
    }

    /** OperatorSetIdProto: {version} for the default domain ("" or ai.onnx), {-1} for another. */
    private long[] opsetId() throws IOException {
        String domain = "";
        long version = 0;
        for (int tag = nextTag(); tag != 0; tag = nextTag()) {
            if (field(tag) == 1 && delimited(tag)) {
                domain = in.readString();
            } else if (field(tag) == 2 && varint(tag)) {
                version = in.readInt64();
            } else {
                in.skipField(tag);
            }
        }
        return new long[] {domain.isEmpty() || domain.equals("ai.onnx") ? version : -1};
    }

    private GraphData graph() throws IOException {
        String name = "";
        List<Node> nodes = new ArrayList<>();
        List<ValueInfo> inputs = new ArrayList<>();
        List<ValueInfo> outputs = new ArrayList<>();
        List<ValueInfo> valueInfo = new ArrayList<>();
        Map<String, Initializer> initializers = new LinkedHashMap<>();
        for (int tag = nextTag(); tag != 0; tag = nextTag()) {
            if (!delimited(tag)) {
                in.skipField(tag);
                continue;
            }
            if (nodes.size() + inputs.size() + outputs.size() + valueInfo.size() + initializers.size() >= MAX_ENTRIES) {
                throw new AbsurdModelException("the graph lists more than " + MAX_ENTRIES
                        + " nodes, values and initializers");
            }
            switch (field(tag)) {
                case 1 -> nodes.add(message(this::node));
                case 2 -> name = in.readString();
                case 5 -> {
                    Initializer t = message(this::tensor);
                    initializers.put(t.name(), t);
                }
                case 15 -> {
                    Initializer t = message(this::sparseTensor);
                    initializers.put(t.name(), t);
                }
                case 11 -> inputs.add(message(this::valueInfo));
                case 12 -> outputs.add(message(this::valueInfo));
                case 13 -> valueInfo.add(message(this::valueInfo));
                default -> in.skipField(tag);
            }
        }
        return new GraphData(name, nodes, inputs, outputs, valueInfo, initializers);
    }

    /**
     * TensorProto: dims (1, packed or not), data_type (2), name (8) and, for small numeric tensors, the values from
     * float_data (4), int32_data (5), int64_data (7), raw_data (9), double_data (10) or uint64_data (11); large
     * data is skipped without copying.
     */
    private Initializer tensor() throws IOException {
        String name = "";
        int type = 0;
        List<Long> dims = new ArrayList<>();
        TensorValues values = new TensorValues();
        for (int tag = nextTag(); tag != 0; tag = nextTag()) {
            int f = field(tag);
            if (f == 1 && varint(tag)) {
                dims.add(in.readInt64());
            } else if (f == 1 && delimited(tag)) {
                int old = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    dims.add(in.readInt64());
                }
                in.popLimit(old);
            } else if (f == 2 && varint(tag)) {
                type = in.readInt32();
            } else if (f == 8 && delimited(tag)) {
                name = in.readString();
            } else if (f == 9 && delimited(tag)) {
                values.raw = in.readBytes();
            } else if ((f == 4 || f == 5 || f == 7 || f == 10 || f == 11) && values.count() <= MAX_VALUES) {
                values.read(in, f, tag);
            } else {
                in.skipField(tag);
            }
            if (dims.size() > MAX_RANK) {
                throw new AbsurdModelException("initializer '" + name + "' has more than " + MAX_RANK + " dimensions");
            }
        }
        return values.decode(name, type, dims);
    }

    /** SparseTensorProto: values (1) names it and gives the data type, dims (3) the dense shape. */
    private Initializer sparseTensor() throws IOException {
        Initializer values = new Initializer("", 0, List.of());
        List<Long> dims = new ArrayList<>();
        for (int tag = nextTag(); tag != 0; tag = nextTag()) {
            if (field(tag) == 1 && delimited(tag)) {
                values = message(this::tensor);
            } else if (field(tag) == 3 && varint(tag)) {
                dims.add(in.readInt64());
            } else if (field(tag) == 3 && delimited(tag)) {
                int old = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    dims.add(in.readInt64());
                }
                in.popLimit(old);
            } else {
                in.skipField(tag);
            }
            if (dims.size() > MAX_RANK) {
                throw new AbsurdModelException("sparse initializer has more than " + MAX_RANK + " dimensions");
            }
        }
        return new Initializer(values.name(), values.elemType(), dims);
    }

    private Node node() throws IOException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        boolean[] subgraphs = {false};
        String name = "";
        String opType = "";
        String domain = "";
        for (int tag = nextTag(); tag != 0; tag = nextTag()) {
            if (!delimited(tag)) {
                in.skipField(tag);
                continue;
            }
            switch (field(tag)) {
                case 1 -> inputs.add(in.readString());
                case 2 -> outputs.add(in.readString());
                case 3 -> name = in.readString();
                case 4 -> opType = in.readString();
                case 7 -> domain = in.readString();
                case 5 -> {
                    if (attributes.size() >= MAX_RANK * 16) {
                        throw new AbsurdModelException("node '" + name + "' has more than " + MAX_RANK * 16
                                + " attributes");
                    }
                    Attribute a = message(() -> attribute(subgraphs));
                    attributes.put(a.name(), a);
                }
                default -> in.skipField(tag);
            }
        }
        return new Node(name, opType, domain.equals("ai.onnx") ? "" : domain, inputs, outputs, attributes,
                subgraphs[0]);
    }

    /** AttributeProto: name 1, f 2, i 3, s 4, t 5, g 6 (skipped, noted), floats 7, ints 8, graphs 11 (noted). */
    private Attribute attribute(boolean[] subgraphs) throws IOException {
        String name = "";
        long i = 0;
        double f = 0;
        String s = "";
        Initializer t = null;
        List<Long> ints = new ArrayList<>();
        List<Double> floats = new ArrayList<>();
        for (int tag = nextTag(); tag != 0; tag = nextTag()) {
            int k = field(tag);
            if (k == 1 && delimited(tag)) {
                name = in.readString();
            } else if (k == 2 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_FIXED32) {
                f = in.readFloat();
            } else if (k == 3 && varint(tag)) {
                i = in.readInt64();
            } else if (k == 4 && delimited(tag)) {
                s = in.readBytes().toStringUtf8();
            } else if (k == 5 && delimited(tag)) {
                t = message(this::tensor);
            } else if ((k == 6 || k == 11) && delimited(tag)) {
                subgraphs[0] = true;
                in.skipField(tag);
            } else if (k == 7 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_FIXED32) {
                floats.add((double) in.readFloat());
            } else if (k == 7 && delimited(tag)) {
                int old = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    floats.add((double) in.readFloat());
                }
                in.popLimit(old);
            } else if (k == 8 && varint(tag)) {
                ints.add(in.readInt64());
            } else if (k == 8 && delimited(tag)) {
                int old = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    ints.add(in.readInt64());
                }
                in.popLimit(old);
            } else {
                in.skipField(tag);
            }
            if (ints.size() + floats.size() > MAX_ATTRIBUTE_VALUES) {
                throw new AbsurdModelException("attribute '" + name + "' has more than " + MAX_ATTRIBUTE_VALUES
                        + " values");
            }
        }
        return new Attribute(name, i, f, s, ints.stream().mapToLong(Long::longValue).toArray(),
                floats.stream().mapToDouble(Double::doubleValue).toArray(), t);
    }

    private ValueInfo valueInfo() throws IOException {
        String name = "";
        TypeInfo type = null;
        for (int tag = nextTag(); tag != 0; tag = nextTag()) {
            if (field(tag) == 1 && delimited(tag)) {
                name = in.readString();
            } else if (field(tag) == 2 && delimited(tag)) {
                type = message(this::type);
            } else {
                in.skipField(tag);
            }
        }
        return new ValueInfo(name, Optional.ofNullable(type));
    }

    private TypeInfo type() throws IOException {
        TypeInfo t = new TypeInfo("", 0, false, List.of());
        for (int tag = nextTag(); tag != 0; tag = nextTag()) {
            if (!delimited(tag)) {
                in.skipField(tag);
                continue;
            }
            switch (field(tag)) {
                case 1 -> t = message(this::tensorType);
                case 4 -> t = skipAs("sequence", tag);
                case 5 -> t = skipAs("map", tag);
                case 8 -> t = skipAs("sparse", tag);
                case 9 -> t = skipAs("optional", tag);
                default -> in.skipField(tag);
            }
        }
        return t;
    }

    private TypeInfo skipAs(String kind, int tag) throws IOException {
        in.skipField(tag);
        return new TypeInfo(kind, 0, false, List.of());
    }

    private TypeInfo tensorType() throws IOException {
        int elem = 0;
        boolean hasShape = false;
        List<Dim> dims = List.of();
        for (int tag = nextTag(); tag != 0; tag = nextTag()) {
            if (field(tag) == 1 && varint(tag)) {
                elem = in.readInt32();
            } else if (field(tag) == 2 && delimited(tag)) {
                hasShape = true;
                dims = message(this::shape);
            } else {
                in.skipField(tag);
            }
        }
        return new TypeInfo("tensor", elem, hasShape, dims);
    }

    private List<Dim> shape() throws IOException {
        List<Dim> dims = new ArrayList<>();
        for (int tag = nextTag(); tag != 0; tag = nextTag()) {
            if (field(tag) == 1 && delimited(tag)) {
                if (dims.size() == MAX_RANK) {
                    throw new AbsurdModelException("a tensor type has more than " + MAX_RANK + " dimensions");
                }
                dims.add(message(this::dim));
            } else {
                in.skipField(tag);
            }
        }
        return dims;
    }

    private Dim dim() throws IOException {
        long value = -1;
        String param = "";
        for (int tag = nextTag(); tag != 0; tag = nextTag()) {
            if (field(tag) == 1 && varint(tag)) {
                value = in.readInt64();
                value = value < 0 ? Long.MIN_VALUE : value;
            } else if (field(tag) == 2 && delimited(tag)) {
                param = in.readString();
            } else {
                in.skipField(tag);
            }
        }
        return new Dim(value, param);
    }
}
