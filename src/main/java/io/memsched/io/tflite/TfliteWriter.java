package io.memsched.io.tflite;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.flatbuffers.FlatBufferBuilder;
import io.memsched.graph.BadInputException;
import io.memsched.io.TextFiles;
import io.memsched.graph.Graph;
import io.memsched.io.GraphFormatException;
import io.memsched.io.ModelWriter;
import io.memsched.io.PlanExport;
import io.memsched.io.tflite.schema.Buffer;
import io.memsched.io.tflite.schema.BufferT;
import io.memsched.io.tflite.schema.MetadataT;
import io.memsched.io.tflite.schema.Model;
import io.memsched.io.tflite.schema.ModelT;
import io.memsched.io.tflite.schema.OperatorCode;
import io.memsched.io.tflite.schema.OperatorCodeT;
import io.memsched.io.tflite.schema.OperatorT;
import io.memsched.io.tflite.schema.SignatureDef;
import io.memsched.io.tflite.schema.SignatureDefT;
import io.memsched.io.tflite.schema.SubGraph;
import io.memsched.io.tflite.schema.SubGraphT;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a TFLite model back with a plan: the operators of subgraph 0 in the plan's order and, when an arena plan is
 * given, its offsets as TensorFlow Lite Micro's offline memory plan. Everything else (tensors, weights, other
 * subgraphs, signatures, other metadata) is kept; the model is re-serialized through the FlatBuffers object API
 * with every buffer's data 16-byte aligned, as {@code schema.fbs} asks ({@code force_align: 16}).
 *
 * <p>The offline plan is the metadata entry {@value #OFFLINE_MEMORY_ALLOCATION}: a buffer of little-endian int32
 * words {@code [0 (version), number of subgraphs, N = tensors over all subgraphs, offset of tensor 0, ...,
 * offset of tensor N-1]}, tensors numbered subgraph by subgraph; an offset is a byte offset into the arena's
 * non-persistent (head) section, {@code -1} lets the runtime plan the tensor (weights, variable tensors, tensors of
 * other subgraphs, operator intermediates). An earlier entry of that name is replaced (without a new arena plan
 * it is removed, since its offsets were planned for another order). A {@value #MEMSCHED_METADATA} entry records
 * what produced the file (the caller's text, usually JSON).
 *
 * <p>Models over 2 GB, whose buffers lie outside the FlatBuffer, cannot be written back (their data offsets would
 * move); they are refused.
 *
 * @see TfliteImporter
 */
public final class TfliteWriter implements ModelWriter {
    /** The metadata name of TensorFlow Lite Micro's offline arena plan. */
    public static final String OFFLINE_MEMORY_ALLOCATION = "OfflineMemoryAllocation";
    /** The metadata name of memsched's note on the plan. */
    public static final String MEMSCHED_METADATA = "memsched";
    private static final int BUFFER_ALIGNMENT = 16;

    /** The writer of {@code .tflite} files (the facade keeps one in its list of model writers). */
    public TfliteWriter() {
    }

    @Override
    public String extension() {
        return ".tflite";
    }

    /**
     * Writes {@code plan} into a copy of the TFLite model {@code source}: its order, its arena offsets when it has an
     * arena layout, and as {@value #MEMSCHED_METADATA} metadata a JSON object with the memsched version, method,
     * memory model, peak and arena ({@code {"memsched": "0.1.0", "method": "best", "memoryModel": "default",
     * "peakBytes": 55296, "arenaPlanner": "greedy", "arenaBytes": 55296}}).
     */
    @Override
    public void write(Path source, PlanExport plan, Path out) {
        if (!source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tflite")) {
            throw new GraphFormatException(out + ": a TFLite model can only be written from a TFLite model; graph '"
                    + plan.graph().name() + "' was read from " + source);
        }
        ObjectNode note = JsonNodeFactory.instance.objectNode();
        note.put("memsched", plan.version());
        note.put("method", plan.method());
        note.put("memoryModel", plan.memoryModel());
        note.put("peakBytes", plan.peakBytes());
        plan.arena().ifPresent(a -> {
            note.put("arenaPlanner", a.planner());
            note.put("arenaBytes", a.arenaBytes());
        });
        write(source, plan.order(), plan.arena().map(PlanExport.Arena::offsets).orElse(Map.of()), note.toString(),
                out);
    }

    /**
     * Writes {@code model} to {@code out} with the operators of subgraph 0 in {@code order} (operator names as
     * {@link TfliteImporter} gives them) and, when {@code tensorOffsets} is not empty, the arena offset of each
     * graph tensor as the offline memory plan. The file appears complete or not at all.
     *
     * @param model the original {@code .tflite} file
     * @param order every operator of subgraph 0 once, in a topological order
     * @param tensorOffsets arena offset per graph tensor name; empty for no arena plan
     * @param note text stored as the {@value #MEMSCHED_METADATA} metadata (empty: none)
     * @param out the file to write
     * @throws BadInputException naming the file and element when the order or offsets do not fit the model
     */
    public static void write(Path model, List<String> order, Map<String, Long> tensorOffsets, String note, Path out) {
        Objects.requireNonNull(out, "out");
        byte[] bytes = rewrite(TfliteImporter.readBytes(model), model.toString(), order, tensorOffsets, note);
        TextFiles.replace(out, bytes);
    }

    /** The bytes of the model in {@code data} written back as {@link #write} describes. */
    public static byte[] rewrite(byte[] data, String source, List<String> order, Map<String, Long> tensorOffsets,
                                 String note) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(tensorOffsets, "tensorOffsets");
        Objects.requireNonNull(note, "note");
        TfliteGraph imported = TfliteImporter.convert(data, source, "model");
        int[] permutation = permutation(imported, order, source);
        int[] words = tensorOffsets.isEmpty() ? null : offlinePlan(imported, tensorOffsets, source);

        Model original = Model.getRootAsModel(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN));
        ModelT m;
        try {
            // the import read subgraph 0's tensors and operators; the object API reads everything else too
            AbsentVectors.checkLengths(original, data.length);
            m = unpack(original);
            AbsentVectors.restore(original, m);
        } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException | NegativeArraySizeException
                 | IllegalStateException | IllegalArgumentException e) {
            throw new GraphFormatException(source + ": corrupted TFLite file outside subgraph 0's tensors and"
                    + " operators: " + String.valueOf(e.getMessage()).replaceAll("\\s+", " "), e);
        }
        for (BufferT b : m.getBuffers() == null ? new BufferT[0] : m.getBuffers()) {
            if (Long.compareUnsigned(b.getOffset(), 1) > 0) {
                throw new GraphFormatException(source + ": its buffers lie outside the FlatBuffer (a model over 2 GB);"
                        + " writing it back is not supported");
            }
        }
        SubGraphT main = m.getSubgraphs()[0];
        OperatorT[] ops = main.getOperators();
        if (ops != null) {
            OperatorT[] reordered = new OperatorT[ops.length];
            for (int k = 0; k < ops.length; k++) {
                reordered[k] = ops[permutation[k]];
            }
            main.setOperators(reordered);
        }

        List<BufferT> buffers = new ArrayList<>(m.getBuffers() == null ? List.of() : Arrays.asList(m.getBuffers()));
        List<MetadataT> metadata = new ArrayList<>();
        for (MetadataT md : m.getMetadata() == null ? new MetadataT[0] : m.getMetadata()) {
            if (!OFFLINE_MEMORY_ALLOCATION.equals(md.getName()) && !MEMSCHED_METADATA.equals(md.getName())) {
                metadata.add(md);
            }
        }
        if (words != null) {
            ByteBuffer w = ByteBuffer.allocate(words.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int x : words) {
                w.putInt(x);
            }
            metadata.add(metadata(OFFLINE_MEMORY_ALLOCATION, buffers.size()));
            buffers.add(buffer(w.array()));
        }
        if (!note.isEmpty()) {
            metadata.add(metadata(MEMSCHED_METADATA, buffers.size()));
            buffers.add(buffer(note.getBytes(StandardCharsets.UTF_8)));
        }
        m.setBuffers(buffers.toArray(new BufferT[0]));
        m.setMetadata(metadata.isEmpty() && m.getMetadata() == null ? null : metadata.toArray(new MetadataT[0]));

        FlatBufferBuilder builder = new FlatBufferBuilder(data.length + 1024);
        Model.finishModelBuffer(builder, pack(builder, m));
        return builder.sizedByteArray();
    }

    /**
     * The offline memory plan stored in a TFLite file, as its int32 words (version, subgraphs, N, N offsets), or
     * empty when the model has none.
     */
    public static Optional<int[]> offlineMemoryAllocation(Path file) {
        byte[] data = TfliteImporter.readBytes(file);
        TfliteImporter.convert(data, file.toString(), "model");
        Model model = Model.getRootAsModel(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN));
        for (int i = 0; i < model.metadataLength(); i++) {
            if (OFFLINE_MEMORY_ALLOCATION.equals(model.metadata(i).name())) {
                long index = model.metadata(i).buffer();
                if (index >= model.buffersLength()) {
                    throw new GraphFormatException(file + ": metadata '" + OFFLINE_MEMORY_ALLOCATION + "': buffer "
                            + index + " does not exist");
                }
                Buffer b = model.buffers((int) index);
                ByteBuffer raw = b.dataAsByteBuffer();
                if (raw == null || raw.remaining() % 4 != 0) {
                    throw new GraphFormatException(file + ": metadata '" + OFFLINE_MEMORY_ALLOCATION
                            + "' is not a list of int32 words");
                }
                raw = raw.slice().order(ByteOrder.LITTLE_ENDIAN);
                int[] words = new int[raw.remaining() / 4];
                raw.asIntBuffer().get(words);
                return Optional.of(words);
            }
        }
        return Optional.empty();
    }

    /**
     * The offline memory plan stored in a TFLite file, by graph tensor name (as {@link TfliteImporter} names them):
     * the tensors of subgraph 0 with an offset other than -1. Empty when the model has no plan.
     */
    public static Map<String, Long> offlineOffsetsByTensor(Path file) {
        Optional<int[]> words = offlineMemoryAllocation(file);
        if (words.isEmpty()) {
            return Map.of();
        }
        TfliteGraph imported = TfliteImporter.load(file);
        int[] w = words.get();
        if (w.length < 3 || w.length != 3 + w[2] || w[2] != imported.totalTensors()) {
            throw new GraphFormatException(file + ": metadata '" + OFFLINE_MEMORY_ALLOCATION + "' has "
                    + (w.length - 3) + " offsets for " + imported.totalTensors() + " tensors");
        }
        Map<String, Long> offsets = new java.util.LinkedHashMap<>();
        for (int i = 0; i < imported.tensorNames().size(); i++) {
            String name = imported.tensorNames().get(i);
            if (name != null && w[3 + i] >= 0) {
                offsets.put(name, (long) w[3 + i]);
            }
        }
        return offsets;
    }

    /** For each new position, the original operator index; the order is checked to be a topological order. */
    private static int[] permutation(TfliteGraph imported, List<String> order, String source) {
        Graph g = imported.graph();
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < imported.opNames().size(); k++) {
            index.put(imported.opNames().get(k), k);
        }
        if (order.size() != index.size()) {
            throw new BadInputException(source + ": the order has " + order.size() + " operators, subgraph 0 has "
                    + index.size() + " (was the plan made on a rewritten graph?)");
        }
        int[] perm = new int[order.size()];
        boolean[] done = new boolean[order.size()];
        for (int pos = 0; pos < order.size(); pos++) {
            String name = order.get(pos);
            Integer k = index.get(name);
            if (k == null) {
                throw new BadInputException(source + ": order[" + pos + "]: '" + name
                        + "' is not an operator of subgraph 0 (was the plan made on a rewritten graph?)");
            }
            if (done[k]) {
                throw new BadInputException(source + ": order[" + pos + "]: operator '" + name + "' appears twice");
            }
            for (String in : g.op(k).inputs()) {
                int p = g.producer(g.tensorIndex(in));
                if (p >= 0 && !done[p]) {
                    throw new BadInputException(source + ": order[" + pos + "]: operator '" + name + "' reads '" + in
                            + "' before its producer '" + g.op(p).name() + "' runs");
                }
            }
            done[k] = true;
            perm[pos] = k;
        }
        return perm;
    }

    /** The words of the offline plan: version 0, subgraphs, N, then one offset per tensor of every subgraph. */
    private static int[] offlinePlan(TfliteGraph imported, Map<String, Long> tensorOffsets, String source) {
        int[] words = new int[3 + imported.totalTensors()];
        Arrays.fill(words, -1);
        words[0] = 0;
        words[1] = imported.subgraphs();
        words[2] = imported.totalTensors();
        List<String> names = imported.tensorNames();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || imported.variable()[i]) {
                continue;
            }
            Long offset = tensorOffsets.get(name);
            if (offset == null) {
                throw new BadInputException(source + ": the arena plan has no offset for tensor '" + name + "'");
            }
            if (offset < 0 || offset > Integer.MAX_VALUE) {
                throw new BadInputException(source + ": tensor '" + name + "': arena offset " + offset
                        + " does not fit TFLite Micro's int32 offsets");
            }
            words[3 + i] = offset.intValue();
        }
        return words;
    }

    private static MetadataT metadata(String name, int buffer) {
        MetadataT md = new MetadataT();
        md.setName(name);
        md.setBuffer(buffer);
        return md;
    }

    private static BufferT buffer(byte[] bytes) {
        int[] data = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = bytes[i] & 0xff;
        }
        BufferT b = new BufferT();
        b.setData(data);
        return b;
    }

    /**
     * {@code Model.pack} of the generated object API, except that buffer data is aligned to 16 bytes (flatc 2.0.8's
     * Java generator ignores {@code force_align}).
     */
    private static int pack(FlatBufferBuilder builder, ModelT m) {
        int codes = 0;
        if (m.getOperatorCodes() != null) {
            int[] offsets = new int[m.getOperatorCodes().length];
            for (int j = 0; j < offsets.length; j++) {
                offsets[j] = OperatorCode.pack(builder, m.getOperatorCodes()[j]);
            }
            codes = Model.createOperatorCodesVector(builder, offsets);
        }
        int subgraphs = 0;
        if (m.getSubgraphs() != null) {
            int[] offsets = new int[m.getSubgraphs().length];
            for (int j = 0; j < offsets.length; j++) {
                offsets[j] = SubGraph.pack(builder, m.getSubgraphs()[j]);
            }
            subgraphs = Model.createSubgraphsVector(builder, offsets);
        }
        int description = m.getDescription() == null ? 0 : builder.createString(m.getDescription());
        int buffers = 0;
        if (m.getBuffers() != null) {
            int[] offsets = new int[m.getBuffers().length];
            for (int j = 0; j < offsets.length; j++) {
                offsets[j] = packBuffer(builder, m.getBuffers()[j]);
            }
            buffers = Model.createBuffersVector(builder, offsets);
        }
        int metadataBuffer = m.getMetadataBuffer() == null ? 0
                : Model.createMetadataBufferVector(builder, m.getMetadataBuffer());
        int metadata = 0;
        if (m.getMetadata() != null) {
            int[] offsets = new int[m.getMetadata().length];
            for (int j = 0; j < offsets.length; j++) {
                offsets[j] = io.memsched.io.tflite.schema.Metadata.pack(builder, m.getMetadata()[j]);
            }
            metadata = Model.createMetadataVector(builder, offsets);
        }
        int signatures = 0;
        if (m.getSignatureDefs() != null) {
            SignatureDefT[] defs = m.getSignatureDefs();
            int[] offsets = new int[defs.length];
            for (int j = 0; j < offsets.length; j++) {
                offsets[j] = SignatureDef.pack(builder, defs[j]);
            }
            signatures = Model.createSignatureDefsVector(builder, offsets);
        }
        return Model.createModel(builder, m.getVersion(), codes, subgraphs, description, buffers, metadataBuffer,
                metadata, signatures);
    }

    private static int packBuffer(FlatBufferBuilder builder, BufferT b) {
        int data = 0;
        int[] d = b.getData();
        if (d != null) {
            ByteBuffer target = builder.createUnintializedVector(1, d.length, BUFFER_ALIGNMENT);
            for (int k = 0; k < d.length; k++) {
                target.put(k, (byte) d[k]);
            }
            data = builder.endVector();
        }
        return Buffer.createBuffer(builder, data, b.getOffset(), b.getSize());
    }

    /**
     * {@code Model.unpack()} of the generated object API, except that buffer data is copied in bulk (the generated
     * code reads a 4 MB model's weights one accessor call per byte).
     */
    private static ModelT unpack(Model model) {
        ModelT m = new ModelT();
        m.setVersion(model.version());
        OperatorCodeT[] codes = new OperatorCodeT[model.operatorCodesLength()];
        for (int j = 0; j < codes.length; j++) {
            codes[j] = model.operatorCodes(j) == null ? null : model.operatorCodes(j).unpack();
        }
        m.setOperatorCodes(codes);
        SubGraphT[] subgraphs = new SubGraphT[model.subgraphsLength()];
        for (int j = 0; j < subgraphs.length; j++) {
            subgraphs[j] = model.subgraphs(j) == null ? null : model.subgraphs(j).unpack();
        }
        m.setSubgraphs(subgraphs);
        m.setDescription(model.description());
        BufferT[] buffers = new BufferT[model.buffersLength()];
        Buffer b = new Buffer();
        for (int j = 0; j < buffers.length; j++) {
            if (model.buffers(b, j) == null) {
                continue;
            }
            BufferT t = new BufferT();
            ByteBuffer raw = b.dataAsByteBuffer();
            int[] data = new int[raw == null ? 0 : raw.remaining()];
            for (int k = 0; k < data.length; k++) {
                data[k] = raw.get(raw.position() + k) & 0xff;
            }
            t.setData(data);
            t.setOffset(b.offset());
            t.setSize(b.size());
            buffers[j] = t;
        }
        m.setBuffers(buffers);
        int[] metadataBuffer = new int[model.metadataBufferLength()];
        for (int j = 0; j < metadataBuffer.length; j++) {
            metadataBuffer[j] = model.metadataBuffer(j);
        }
        m.setMetadataBuffer(metadataBuffer);
        MetadataT[] metadata = new MetadataT[model.metadataLength()];
        for (int j = 0; j < metadata.length; j++) {
            metadata[j] = model.metadata(j) == null ? null : model.metadata(j).unpack();
        }
        m.setMetadata(metadata);
        SignatureDefT[] signatures = new SignatureDefT[model.signatureDefsLength()];
        for (int j = 0; j < signatures.length; j++) {
            signatures[j] = model.signatureDefs(j) == null ? null : model.signatureDefs(j).unpack();
        }
        m.setSignatureDefs(signatures);
        return m;
    }
}
