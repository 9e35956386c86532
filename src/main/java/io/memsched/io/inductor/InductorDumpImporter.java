package io.memsched.io.inductor;

import com.fasterxml.jackson.databind.JsonNode;
import io.memsched.graph.Graph;
import io.memsched.graph.InvalidGraphException;
import io.memsched.graph.Op;
import io.memsched.graph.Tensor;
import io.memsched.io.GraphFormatException;
import io.memsched.io.GraphJson;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the graph PyTorch Inductor dumps for an offline memory simulator ({@code export_graph_for_simulator} in
 * {@code torch/_inductor/memory.py}, written when {@code torch._inductor.config.reorder_for_peak_memory_debug} is
 * set): a JSON object with {@code "nodes"} (scheduler nodes, possibly fused, in Inductor's order:
 * {@code {"name", "buffer_names"}}) and {@code "buffers"} ({@code {"name", "size_alloc", "size_free", "size",
 * "is_input", "is_output", "deps", "unmet_deps"}}; {@code deps} are the buffers the defining node reads).
 *
 * <p>Inductor's memory model adds {@code size_alloc} when a buffer's node runs and subtracts {@code size_free} after
 * its last reader, so most buffers ({@code size_alloc == size_free}) are ordinary tensors of the graph, and the two
 * models agree on them (inputs and outputs of a node coexist; graph outputs stay to the end). Where the sizes
 * differ (docs/ARCHITECTURE.md, "PyTorch Inductor dumps"):
 * <ul>
 *   <li>a multi-output kernel's buffer ({@code size_alloc} = the sum of its outputs, {@code size_free} 0) and its
 *       outputs, each the buffer of a {@code MultiOutput} node ({@code size_alloc} 0, {@code size_free} its
 *       bytes): each output becomes a tensor of {@code size_free} bytes written by the kernel's node and read by
 *       its {@code MultiOutput} node and its readers; the {@code MultiOutput} node writes a zero-size tensor
 *       {@code NAME/view} that orders its readers after it; the kernel's buffer keeps the bytes no output frees
 *       (Inductor never frees them: it becomes a graph output) and carries the dependency;</li>
 *   <li>a mutated buffer (a new name for the same memory, 0 and 0) is a zero-size tensor; Inductor already forwards
 *       its readers to the original buffer, which stays live until they have run.</li>
 * </ul>
 * Any other buffer whose two sizes differ is refused, as are unknown buffers, a buffer written by two nodes, and
 * the usual JSON errors: one line naming the file and element.
 */
public final class InductorDumpImporter {
    /** The type given to every operator (Inductor's dump does not say what a node computes). */
    public static final String OP_TYPE = "inductor";
    private static final BigInteger MAX_SIZE = BigInteger.ONE.shiftLeft(62);

    private InductorDumpImporter() {
    }

    /** Whether {@code root} looks like an Inductor dump: an object with "nodes" and "buffers" and no "format". */
    public static boolean isDump(JsonNode root) {
        return root != null && root.isObject() && !root.has("format") && root.has("nodes") && root.has("buffers");
    }

    /** The graph of the Inductor dump {@code file}, named after the file. */
    public static Graph read(Path file) {
        return fromTree(GraphJson.readJson(file), file.toString(),
                file.getFileName().toString().replaceFirst("\\.json$", ""));
    }

    /** The graph of a dump already read as a JSON tree; {@code source} names it in messages. */
    public static Graph fromTree(JsonNode root, String source, String graphName) {
        return new Reader(source).graph(root, graphName);
    }

    /** One buffer of the dump. */
    private record Buffer(String name, long alloc, long free, boolean input, boolean output, List<String> deps) {
    }

    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        GraphFormatException error(String where, String what) {
            return new GraphFormatException(source + ": " + where + ": " + what);
        }

        Graph graph(JsonNode root, String graphName) {
            if (!isDump(root)) {
                throw error("(top level)", "not a PyTorch Inductor memory dump (expected an object with \"nodes\" and"
                        + " \"buffers\")");
            }
            JsonNode nodes = array(root.get("nodes"), "nodes");
            JsonNode bufs = array(root.get("buffers"), "buffers");
            Map<String, Buffer> buffers = new LinkedHashMap<>();
            for (int i = 0; i < bufs.size(); i++) {
                Buffer b = buffer(bufs.get(i), "buffers[" + i + "]");
                if (buffers.put(b.name(), b) != null) {
                    throw error("buffers[" + i + "]", "duplicate buffer name '" + b.name() + "'");
                }
            }
            for (int i = 0; i < bufs.size(); i++) {
                List<String> deps = buffers.get(text(bufs.get(i).get("name"), "")).deps();
                for (int j = 0; j < deps.size(); j++) {
                    if (!buffers.containsKey(deps.get(j))) {
                        throw error("buffers[" + i + "].deps[" + j + "]", "unknown buffer '" + deps.get(j) + "'");
                    }
                }
            }
            // which node writes which buffer
            Map<String, Integer> writer = new HashMap<>();
            List<String> nodeNames = new ArrayList<>();
            List<List<String>> written = new ArrayList<>();
            Set<String> seenNodes = new LinkedHashSet<>();
            for (int k = 0; k < nodes.size(); k++) {
                String where = "nodes[" + k + "]";
                JsonNode n = nodes.get(k);
                if (!n.isObject()) {
                    throw error(where, "expected an object {\"name\", \"buffer_names\"}");
                }
                String name = text(n.get("name"), where + ".name");
                if (!seenNodes.add(name)) {
                    throw error(where, "duplicate node name '" + name + "'");
                }
                nodeNames.add(name);
                List<String> outs = strings(n.get("buffer_names"), where + ".buffer_names");
                for (int j = 0; j < outs.size(); j++) {
                    String b = outs.get(j);
                    String w = where + ".buffer_names[" + j + "]";
                    Buffer buf = buffers.get(b);
                    if (buf == null) {
                        throw error(w, "unknown buffer '" + b + "'");
                    }
                    if (buf.input()) {
                        throw error(w, "buffer '" + b + "' is a graph input, which no node writes");
                    }
                    Integer other = writer.putIfAbsent(b, k);
                    if (other != null && other != k) {
                        throw error(w, "buffer '" + b + "' is also written by node '" + nodeNames.get(other) + "'");
                    }
                }
                written.add(new ArrayList<>(new LinkedHashSet<>(outs)));
            }
            int index = 0;
            for (Buffer b : buffers.values()) {
                if (!b.input() && !writer.containsKey(b.name())) {
                    throw error("buffers[" + index + "]", "buffer '" + b.name()
                            + "' is neither a graph input nor written by a node");
                }
                index++;
            }

            // multi-output pieces: the kernel buffer among a piece's deps that carries its allocation
            Map<String, Long> left = new HashMap<>();
            buffers.values().stream().filter(b -> b.alloc() > 0 && b.free() == 0).forEach(b -> left.put(b.name(),
                    b.alloc()));
            Map<String, String> parent = new HashMap<>();
            index = 0;
            for (Buffer b : buffers.values()) {
                String where = "buffers[" + index++ + "]";
                if (b.alloc() == b.free() || (b.alloc() > 0 && b.free() == 0)) {
                    continue;
                }
                if (b.alloc() != 0 || b.input()) {
                    throw error(where, "'" + b.name() + "' has size_alloc " + b.alloc() + " and size_free " + b.free()
                            + ": neither a multi-output buffer (size_free 0) nor one of its outputs (size_alloc 0)");
                }
                String p = null;
                for (String d : b.deps()) {
                    Long l = left.get(d);
                    if (l != null && l >= b.free()) {
                        p = d;
                        break;
                    }
                }
                if (p == null) {
                    throw error(where, "'" + b.name() + "' frees " + b.free() + " bytes it did not allocate, and no"
                            + " multi-output buffer among its deps has that many bytes left");
                }
                left.merge(p, -b.free(), Long::sum);
                parent.put(b.name(), p);
            }

            List<Tensor> tensors = new ArrayList<>();
            List<String> inputs = new ArrayList<>();
            List<String> outputs = new ArrayList<>();
            Set<String> tensorNames = new LinkedHashSet<>();
            for (Buffer b : buffers.values()) {
                long bytes = parent.containsKey(b.name()) ? b.free() : left.getOrDefault(b.name(), b.free());
                tensors.add(Tensor.of(b.name(), bytes));
                tensorNames.add(b.name());
                if (b.input()) {
                    inputs.add(b.name());
                }
                if (b.output() || left.getOrDefault(b.name(), 0L) > 0) {
                    outputs.add(b.name());
                }
            }
            Map<String, String> view = new HashMap<>();
            for (String piece : parent.keySet()) {
                String v = piece + "/view";
                while (tensorNames.contains(v)) {
                    v = v + "_";
                }
                tensorNames.add(v);
                view.put(piece, v);
                tensors.add(Tensor.of(v, 0));
            }
            List<Op> ops = new ArrayList<>();
            for (int k = 0; k < nodeNames.size(); k++) {
                Set<String> reads = new LinkedHashSet<>();
                Set<String> writes = new LinkedHashSet<>();
                for (String out : written.get(k)) {
                    for (String d : buffers.get(out).deps()) {
                        if (writer.getOrDefault(d, -1) != k) {
                            reads.add(d);
                        }
                    }
                }
                for (String out : written.get(k)) {
                    if (parent.containsKey(out)) {
                        writes.add(view.get(out));
                        reads.add(out);
                    } else {
                        writes.add(out);
                    }
                }
                // the kernel's node writes the bytes of its outputs
                for (String out : written.get(k)) {
                    parent.forEach((piece, p) -> {
                        if (p.equals(out)) {
                            writes.add(piece);
                        }
                    });
                }
                ops.add(new Op(nodeNames.get(k), OP_TYPE, List.copyOf(reads), List.copyOf(writes), 0, false));
            }
            // a reader of a multi-output piece also waits for the piece's MultiOutput node
            for (int k = 0; k < ops.size(); k++) {
                Op o = ops.get(k);
                List<String> reads = new ArrayList<>(o.inputs());
                for (String in : o.inputs()) {
                    if (view.containsKey(in) && !o.outputs().contains(view.get(in))) {
                        reads.add(view.get(in));
                    }
                }
                if (reads.size() != o.inputs().size()) {
                    ops.set(k, new Op(o.name(), o.type(), reads, o.outputs(), 0, false));
                }
            }
            try {
                return Graph.of(graphName, tensors, inputs, outputs, ops);
            } catch (InvalidGraphException e) {
                throw new GraphFormatException(source + ": " + e.getMessage(), e);
            }
        }

        private Buffer buffer(JsonNode b, String where) {
            if (b == null || !b.isObject()) {
                throw error(where, "expected an object {\"name\", \"size_alloc\", \"size_free\", ...}");
            }
            String name = text(b.get("name"), where + ".name");
            JsonNode size = b.get("size");
            JsonNode alloc = b.has("size_alloc") ? b.get("size_alloc") : size;
            JsonNode free = b.has("size_free") ? b.get("size_free") : size;
            if (alloc == null || free == null) {
                throw error(where, "'" + name + "' has no size_alloc/size_free (nor size)");
            }
            return new Buffer(name, bytes(alloc, where + (b.has("size_alloc") ? ".size_alloc" : ".size")),
                    bytes(free, where + (b.has("size_free") ? ".size_free" : ".size")),
                    bool(b.get("is_input"), where + ".is_input"), bool(b.get("is_output"), where + ".is_output"),
                    b.has("deps") ? strings(b.get("deps"), where + ".deps") : List.of());
        }

        private JsonNode array(JsonNode n, String where) {
            if (n == null || !n.isArray()) {
                throw error(where, "expected an array");
            }
            return n;
        }

        private String text(JsonNode n, String where) {
            if (n == null || !n.isTextual() || n.asText().isBlank()) {
                throw error(where, "expected a non-empty string");
            }
            return n.asText();
        }

        private List<String> strings(JsonNode n, String where) {
            array(n, where);
            List<String> r = new ArrayList<>(n.size());
            for (int j = 0; j < n.size(); j++) {
                r.add(text(n.get(j), where + "[" + j + "]"));
            }
            return r;
        }

        private boolean bool(JsonNode n, String where) {
            if (n == null || n.isNull()) {
                return false;
            }
            if (!n.isBoolean()) {
                throw error(where, "expected true or false, got " + n);
            }
            return n.asBoolean();
        }

        private long bytes(JsonNode n, String where) {
            if (!n.isIntegralNumber() || n.bigIntegerValue().signum() < 0) {
                throw error(where, "expected a byte count (a non-negative integer), got " + n);
            }
            if (n.bigIntegerValue().compareTo(MAX_SIZE) > 0) {
                throw error(where, "size " + n + " is too large (at most 2^62 bytes)");
            }
            return n.longValue();
        }
    }
}
