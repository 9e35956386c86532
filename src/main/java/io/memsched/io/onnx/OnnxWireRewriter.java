package io.memsched.io.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites an ONNX {@code ModelProto} at the wire level: {@code graph.node} in a new order and
 * {@code metadata_props} entries replaced. Every other field is copied byte for byte from the original (nodes
 * included: each is re-emitted from its original bytes), so nothing memsched does not understand is lost.
 */
final class OnnxWireRewriter {
    /** ModelProto.graph, ModelProto.metadata_props, GraphProto.node, StringStringEntryProto.key. */
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_METADATA = 14;
    private static final int GRAPH_NODE = 1;
    private static final int ENTRY_KEY = 1;

    private OnnxWireRewriter() {
    }

    /** A field's bytes in the message: {@code [start, end)} with its tag; the payload at {@code [payload, end)}. */
    private record Field(int number, int wireType, int start, int payload, int end) {
    }

    /**
     * The model in {@code data} with the nodes of its (last) graph in {@code nodeOrder} (a permutation of the node
     * indices), every metadata entry whose key starts with {@code keyPrefix} dropped and {@code metadata} appended.
     */
    static byte[] rewrite(byte[] data, int[] nodeOrder, String keyPrefix, Map<String, String> metadata)
            throws IOException {
        List<Field> model = fields(data, 0, data.length);
        Field graph = null;
        for (Field f : model) {
            if (f.number() == MODEL_GRAPH && f.wireType() == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                graph = f;
            }
        }
        if (graph == null) {
            throw new IOException("the model has no graph");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 1024);
        CodedOutputStream co = CodedOutputStream.newInstance(out);
        for (Field f : model) {
            if (f == graph) {
                byte[] g = reorderedGraph(data, graph, nodeOrder);
                co.writeByteArray(MODEL_GRAPH, g);
            } else if (f.number() == MODEL_METADATA && f.wireType() == WireFormat.WIRETYPE_LENGTH_DELIMITED
                    && entryKey(data, f).startsWith(keyPrefix)) {
                continue;
            } else {
                co.writeRawBytes(data, f.start(), f.end() - f.start());
            }
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            ByteArrayOutputStream entry = new ByteArrayOutputStream();
            CodedOutputStream ce = CodedOutputStream.newInstance(entry);
            ce.writeString(1, e.getKey());
            ce.writeString(2, e.getValue());
            ce.flush();
            co.writeByteArray(MODEL_METADATA, entry.toByteArray());
        }
        co.flush();
        return out.toByteArray();
    }

    private static byte[] reorderedGraph(byte[] data, Field graph, int[] nodeOrder) throws IOException {
        List<Field> fields = fields(data, graph.payload(), graph.end());
        List<Field> nodes = new ArrayList<>();
        for (Field f : fields) {
            if (isNode(f)) {
                nodes.add(f);
            }
        }
        checkPermutation(nodeOrder, nodes.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream(graph.end() - graph.payload());
        boolean written = false;
        for (Field f : fields) {
            if (!isNode(f)) {
                out.write(data, f.start(), f.end() - f.start());
            } else if (!written) {
                for (int k : nodeOrder) {
                    Field n = nodes.get(k);
                    out.write(data, n.start(), n.end() - n.start());
                }
                written = true;
            }
        }
        return out.toByteArray();
    }

    private static boolean isNode(Field f) {
        return f.number() == GRAPH_NODE && f.wireType() == WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    private static void checkPermutation(int[] order, int n) throws IOException {
        boolean[] seen = new boolean[n];
        if (order.length != n) {
            throw new IOException("the new node order has " + order.length + " nodes, the graph " + n);
        }
        for (int k : order) {
            if (k < 0 || k >= n || seen[k]) {
                throw new IOException("the new node order is not a permutation of the graph's " + n + " nodes");
            }
            seen[k] = true;
        }
    }

    /** The key of a StringStringEntryProto field ({@code ""} when absent). */
    private static String entryKey(byte[] data, Field f) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(data, f.payload(), f.end() - f.payload());
        String key = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == ENTRY_KEY
                    && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                key = in.readStringRequireUtf8();
            } else {
                in.skipField(tag);
            }
        }
        return key;
    }

    /** The fields of the message at {@code [from, to)} with their byte ranges. */
    private static List<Field> fields(byte[] data, int from, int to) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(data, from, to - from);
        List<Field> fields = new ArrayList<>();
        while (true) {
            int start = from + in.getTotalBytesRead();
            int tag = in.readTag();
            if (tag == 0) {
                return fields;
            }
            int type = WireFormat.getTagWireType(tag);
            int payload;
            if (type == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int length = in.readRawVarint32();
                payload = from + in.getTotalBytesRead();
                in.skipRawBytes(length);
            } else {
                payload = start;
                in.skipField(tag);
            }
            fields.add(new Field(WireFormat.getTagFieldNumber(tag), type, start, payload,
                    from + in.getTotalBytesRead()));
        }
    }
}
