package io.memsched.io.onnx;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.memsched.graph.Graph;
import io.memsched.io.GraphFormatException;
import io.memsched.io.TextFiles;
import io.memsched.io.ModelWriter;
import io.memsched.io.PlanExport;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a plan back into its ONNX model: the same {@code ModelProto} with {@code graph.node} in the plan's order
 * and the plan in {@code metadata_props}. Every other field is copied byte for byte; each node is re-emitted from its
 * original bytes ({@link OnnxWireRewriter}). Nodes that are not operators of the graph (weight computations:
 * {@code Constant} and folded nodes) come first, in their original order, then the operators in the plan's order.
 *
 * <p>Metadata keys (any earlier {@code memsched.*} entries are replaced): {@value #VERSION}, {@value #METHOD},
 * {@value #MEMORY_MODEL}, {@value #PEAK} (bytes) and, with an arena plan, {@value #ARENA_PLANNER},
 * {@value #ARENA_BYTES} and {@value #ARENA_OFFSETS}: a JSON object mapping every activation tensor name to its
 * byte offset in the arena, in the graph's tensor order.
 *
 * <p>ONNX Runtime runs the nodes in the file's order when its session uses
 * {@code ExecutionOrder.PRIORITY_BASED} (a topological sort that takes the ready node of lowest index, apart from
 * {@code Shape} and {@code Size} nodes, which it runs as early as possible); its default order is a depth-first
 * order of its own (docs/ARCHITECTURE.md, "Writing the plan back").
 */
public final class OnnxWriter implements ModelWriter {
    /** Metadata key of the memsched version that wrote the plan. */
    public static final String VERSION = "memsched.version";
    /** Metadata key of the method id that found the order. */
    public static final String METHOD = "memsched.method";
    /** Metadata key of the memory model id the peak is measured under. */
    public static final String MEMORY_MODEL = "memsched.memory_model";
    /** Metadata key of the order's peak, bytes. */
    public static final String PEAK = "memsched.peak_bytes";
    /** Metadata key of the arena planner id. */
    public static final String ARENA_PLANNER = "memsched.arena_planner";
    /** Metadata key of the arena size, bytes. */
    public static final String ARENA_BYTES = "memsched.arena_bytes";
    /** Metadata key of the arena offsets: a JSON object, tensor name to byte offset. */
    public static final String ARENA_OFFSETS = "memsched.arena_offsets";

    /** A writer. */
    public OnnxWriter() {
    }

    @Override
    public String extension() {
        return ".onnx";
    }

    @Override
    public void write(Path source, PlanExport plan, Path out) {
        if (!source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            throw new GraphFormatException(out + ": an ONNX model can only be written from an ONNX model; graph '"
                    + plan.graph().name() + "' was read from " + source);
        }
        byte[] data;
        try {
            data = Files.readAllBytes(source);
        } catch (IOException e) {
            throw new GraphFormatException(source + ": cannot read the model to write the plan into: "
                    + e.getMessage(), e);
        }
        OnnxImporter.Imported imported = OnnxImporter.imported(data, source.toString(), plan.graph().name(),
                OnnxImporter.Options.defaults());
        int[] order = nodeOrder(source, imported, plan, nodeCount(data, source));
        byte[] written;
        try {
            written = OnnxWireRewriter.rewrite(data, order, "memsched.", metadata(plan));
        } catch (IOException e) {
            throw new GraphFormatException(source + ": cannot rewrite the model: " + e.getMessage(), e);
        }
        writeAtomically(written, out);
    }

    private static int nodeCount(byte[] data, Path source) {
        try {
            return OnnxWireReader.read(data).graph().orElseThrow().nodes().size();
        } catch (IOException e) {
            throw new GraphFormatException(source + ": not an ONNX model: " + e.getMessage(), e);
        }
    }

    /** Weight nodes first (file order), then the operators' nodes in the plan's order. */
    private static int[] nodeOrder(Path source, OnnxImporter.Imported imported, PlanExport plan, int nodes) {
        Graph model = imported.graph();
        Graph planned = plan.graph();
        if (model.opCount() != planned.opCount()) {
            throw new GraphFormatException(source + ": the plan has " + planned.opCount() + " operators, the model "
                    + model.opCount() + "; a plan of a rewritten graph cannot be written back");
        }
        Set<Integer> opNodes = new HashSet<>();
        for (int n : imported.opNodes()) {
            opNodes.add(n);
        }
        List<Integer> order = new ArrayList<>(nodes);
        for (int n = 0; n < nodes; n++) {
            if (!opNodes.contains(n)) {
                order.add(n);
            }
        }
        for (String op : plan.order()) {
            int i = model.findOp(op).orElseThrow(() -> new GraphFormatException(source + ": the plan's operator '"
                    + op + "' is not an operator of the model; a plan of a rewritten graph cannot be written back"));
            order.add(imported.opNodes()[i]);
        }
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Map<String, String> metadata(PlanExport plan) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(VERSION, plan.version());
        m.put(METHOD, plan.method());
        m.put(MEMORY_MODEL, plan.memoryModel());
        m.put(PEAK, Long.toString(plan.peakBytes()));
        plan.arena().ifPresent(a -> {
            m.put(ARENA_PLANNER, a.planner());
            m.put(ARENA_BYTES, Long.toString(a.arenaBytes()));
            m.put(ARENA_OFFSETS, json(a.offsets()));
        });
        return m;
    }

    private static String json(Map<String, Long> offsets) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.writeStartObject();
            for (Map.Entry<String, Long> e : offsets.entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Writes {@code bytes} to {@code out} whole or not at all ({@link TextFiles#replace(Path, byte[])}). */
    static void writeAtomically(byte[] bytes, Path out) {
        try {
            TextFiles.replace(out, bytes);
        } catch (java.io.UncheckedIOException e) {
            throw new GraphFormatException(out + ": cannot write: " + e.getCause(), e);
        }
    }
}
