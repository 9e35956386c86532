package io.memsched.io.tflite;

import io.memsched.graph.BadInputException;
import io.memsched.graph.Graph;
import io.memsched.graph.InvalidGraphException;
import io.memsched.graph.Op;
import io.memsched.graph.Tensor;
import io.memsched.io.GraphFormatException;
import io.memsched.io.tflite.schema.BuiltinOperator;
import io.memsched.io.tflite.schema.Model;
import io.memsched.io.tflite.schema.OperatorCode;
import io.memsched.io.tflite.schema.SubGraph;
import io.memsched.io.tflite.schema.TensorType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a TensorFlow Lite model ({@code .tflite}, a FlatBuffer of TFLite's {@code schema.fbs}) into a
 * {@link Graph}: subgraph 0, the model's main function, with its operators in file order (the order TFLite runs
 * them).
 *
 * <ul>
 *   <li>A tensor whose buffer holds data (or lies outside the FlatBuffer, {@code Buffer.offset > 1}) is a weight:
 *       not a tensor of the graph and not an operator input. Every other tensor an operator or the subgraph's
 *       input/output lists use is an activation tensor of {@code product(shape) x element size} bytes
 *       ({@code INT4}: half a byte per element, rounded up).</li>
 *   <li>Operators are named {@code TYPE_i} (i = index in subgraph 0) and typed by their builtin code
 *       ({@code CONV_2D}, the larger of {@code builtin_code} and {@code deprecated_builtin_code}, as TFLite reads
 *       it) or, for {@code CUSTOM}, by their custom code. Optional inputs ({@code -1}) are skipped. An operator's
 *       {@code intermediates} are its workspace.</li>
 *   <li>Variable tensors ({@code is_variable}, e.g. LSTM state) live for the whole run: they are graph inputs and
 *       graph outputs. An operator that lists one as an output reads it instead (it updates the state in place).</li>
 *   <li>A non-constant tensor that no operator writes and the subgraph does not list as an input is treated as a
 *       graph input.</li>
 *   <li>Subgraphs 1.. (bodies of {@code WHILE}/{@code IF}/{@code CALL_ONCE}) are not scheduled: their operators
 *       and tensors are not part of the graph, and a write-back keeps them unchanged.</li>
 * </ul>
 * A file that is not a TFLite model, is truncated or corrupted (an offset or vector pointing outside the file), has
 * a dynamic dimension ({@code -1}), a tensor type without a fixed size ({@code STRING}, {@code RESOURCE},
 * {@code VARIANT}) or an absurd size (over 1 TB per tensor) is refused with a {@link GraphFormatException} naming
 * the file and element. The FlatBuffers runtime does not verify a buffer; every access happens inside a guard that
 * turns an out-of-range read into that message.
 *
 * @see TfliteWriter
 */
public final class TfliteImporter {
    /** Largest file accepted (the FlatBuffers 2 GB limit). */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;
    /** Largest activation tensor accepted, in bytes. */
    public static final long MAX_TENSOR_BYTES = 1L << 40;

    /** Element types that can run in place under the in-place memory model (element-wise and reshape-like). */
    static final Set<String> INPLACE_CAPABLE = Set.of(
            "ADD", "SUB", "MUL", "DIV", "RELU", "RELU6", "RELU_N1_TO_1", "RELU_0_TO_1", "LOGISTIC", "TANH",
            "LEAKY_RELU", "HARD_SWISH", "ELU", "GELU", "PRELU", "ABS", "NEG", "EXP", "LOG", "SQRT", "RSQRT", "SQUARE",
            "SIN", "COS", "FLOOR", "CEIL", "ROUND", "SIGN", "MAXIMUM", "MINIMUM", "SQUARED_DIFFERENCE", "POW",
            "RESHAPE", "SQUEEZE", "EXPAND_DIMS");

    private static final int[] ELEMENT_BITS = {32, 16, 32, 8, 64, -1, 8, 16, 64, 8, 64, 128, 64, -1, -1, 32, 16, 4, 16};
    private static final String[] DTYPES = {"float32", "float16", "int32", "uint8", "int64", "string", "bool", "int16",
        "complex64", "int8", "float64", "complex128", "uint64", "resource", "variant", "uint32", "uint16", "int4",
        "bfloat16"};

    private TfliteImporter() {
    }

    /** The graph of subgraph 0 of the TFLite model {@code file}, named after the file. */
    public static Graph read(Path file) {
        return load(file).graph();
    }

    /**
     * The graph of subgraph 0 of the TFLite model in {@code data}; {@code source} names it in messages and
     * {@code graphName} names the graph.
     */
    public static Graph parse(byte[] data, String source, String graphName) {
        return convert(data, source, graphName).graph();
    }

    /** The model in {@code file} with the index maps a write-back needs. */
    static TfliteGraph load(Path file) {
        String stem = file.getFileName().toString().replaceFirst("(?i)\\.tflite$", "");
        return convert(readBytes(file), file.toString(), stem);
    }

    /** The bytes of {@code file}, refused when over {@link #MAX_FILE_BYTES} (read bounded: a device has no size). */
    static byte[] readBytes(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new GraphFormatException(file + ": " + size + " bytes is larger than the 2 GB FlatBuffers limit");
            }
            byte[] raw;
            try (InputStream in = Files.newInputStream(file)) {
                raw = in.readNBytes((int) MAX_FILE_BYTES);
            }
            return raw;
        } catch (IOException e) {
            throw new GraphFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The model in {@code data}, converted. */
    static TfliteGraph convert(byte[] data, String source, String graphName) {
        if (data.length == 0) {
            throw new GraphFormatException(source + ": empty file, not a TFLite model");
        }
        if (data.length < 8) {
            throw new GraphFormatException(source + ": truncated TFLite file (" + data.length + " bytes)");
        }
        ByteBuffer bb = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (!Model.ModelBufferHasIdentifier(bb)) {
            throw new GraphFormatException(source + ": not a TFLite model (no \"TFL3\" file identifier at byte 4)");
        }
        Conversion c = new Conversion(source, data.length);
        try {
            int root = bb.getInt(0);
            if (root < 8 || root > data.length - 4) {
                throw c.corrupt("root table offset " + root + " points outside the file");
            }
            return c.run(Model.getRootAsModel(bb), graphName);
        } catch (BadInputException e) {
            throw e;
        } catch (IndexOutOfBoundsException | BufferUnderflowException | IllegalArgumentException
                 | NegativeArraySizeException | ArithmeticException | IllegalStateException e) {
            throw new GraphFormatException(source + ": truncated or corrupted TFLite file: " + c.where
                    + " points outside the file or holds garbage (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The type name of an operator code: its builtin operator, or its custom code for {@code CUSTOM}. */
    static String opType(OperatorCode code) {
        int builtin = Math.max(code.builtinCode(), code.deprecatedBuiltinCode());
        if (builtin == BuiltinOperator.CUSTOM) {
            String custom = code.customCode();
            return custom == null || custom.isBlank() ? "CUSTOM" : custom.strip();
        }
        return builtin >= 0 && builtin < BuiltinOperator.names.length ? BuiltinOperator.name(builtin)
                : "BUILTIN_" + builtin;
    }

    /** One conversion, with the element being read for messages. */
    private static final class Conversion {
        private final String source;
        private final int fileBytes;
        String where = "the root table";

        Conversion(String source, int fileBytes) {
            this.source = source;
            this.fileBytes = fileBytes;
        }

        GraphFormatException corrupt(String what) {
            return new GraphFormatException(source + ": corrupted TFLite file: " + where + ": " + what);
        }

        /** A vector length, refused when its elements cannot fit in the file. */
        int length(int n, int elementBytes) {
            if (n < 0 || (long) n * elementBytes > fileBytes) {
                throw corrupt("vector of " + Integer.toUnsignedString(n) + " elements is longer than the file");
            }
            return n;
        }

        /** An index into a list of {@code size} elements. */
        int index(long i, int size, String of) {
            if (i < 0 || i >= size) {
                throw corrupt("index " + i + " is not one of the " + size + " " + of);
            }
            return (int) i;
        }

        TfliteGraph run(Model model, String graphName) {
            where = "subgraphs";
            int subgraphs = length(model.subgraphsLength(), 4);
            if (subgraphs == 0) {
                throw corrupt("the model has no subgraph");
            }
            int totalTensors = 0;
            for (int s = 0; s < subgraphs; s++) {
                where = "subgraphs[" + s + "].tensors";
                SubGraph sg = model.subgraphs(s);
                if (sg == null) {
                    throw corrupt("missing");
                }
                totalTensors += length(sg.tensorsLength(), 4);
            }
            where = "operator_codes";
            int codes = length(model.operatorCodesLength(), 4);
            String[] types = new String[codes];
            for (int k = 0; k < codes; k++) {
                where = "operator_codes[" + k + "]";
                OperatorCode code = model.operatorCodes(k);
                if (code == null) {
                    throw corrupt("missing");
                }
                types[k] = opType(code);
            }
            where = "buffers";
            int buffers = length(model.buffersLength(), 4);
            SubGraph sg = model.subgraphs(0);
            int nt = sg.tensorsLength();
            String[] names = new String[nt];
            long[] bytes = new long[nt];
            boolean[] constant = new boolean[nt];
            boolean[] variable = new boolean[nt];
            Tensor[] tensors = new Tensor[nt];
            Set<String> used = new HashSet<>();
            io.memsched.io.tflite.schema.Tensor t = new io.memsched.io.tflite.schema.Tensor();
            io.memsched.io.tflite.schema.Buffer buf = new io.memsched.io.tflite.schema.Buffer();
            for (int i = 0; i < nt; i++) {
                where = "subgraphs[0].tensors[" + i + "]";
                if (sg.tensors(t, i) == null) {
                    throw corrupt("missing");
                }
                String n = t.name();
                n = n == null ? "" : n.strip();
                if (n.isEmpty() || !used.add(n)) {
                    n = (n.isEmpty() ? "tensor" : n) + "#" + i;
                    used.add(n);
                }
                names[i] = n;
                long b = t.buffer();
                if (b != 0) {
                    index(b, buffers, "buffers");
                    model.buffers(buf, (int) b);
                    constant[i] = buf.dataLength() > 0 || Long.compareUnsigned(buf.offset(), 1) > 0;
                }
                variable[i] = t.isVariable();
                if (!constant[i]) {
                    tensors[i] = tensor(t, n);
                    bytes[i] = tensors[i].bytes();
                }
            }
            where = "subgraphs[0].inputs";
            int[] sgInputs = indices(sg.inputsLength(), sg::inputs, nt);
            where = "subgraphs[0].outputs";
            int[] sgOutputs = indices(sg.outputsLength(), sg::outputs, nt);

            where = "subgraphs[0].operators";
            int nops = length(sg.operatorsLength(), 4);
            String[] opNames = new String[nops];
            List<Op> ops = new ArrayList<>(nops);
            int[] producer = new int[nt];
            Arrays.fill(producer, -1);
            boolean[] referenced = new boolean[nt];
            io.memsched.io.tflite.schema.Operator op = new io.memsched.io.tflite.schema.Operator();
            for (int k = 0; k < nops; k++) {
                where = "subgraphs[0].operators[" + k + "]";
                if (sg.operators(op, k) == null) {
                    throw corrupt("missing");
                }
                String type = types[index(op.opcodeIndex(), codes, "operator_codes")];
                String name = type + "_" + k;
                opNames[k] = name;
                where = "subgraphs[0].operators[" + k + "].inputs";
                int[] in = indices(op.inputsLength(), op::inputs, nt);
                where = "subgraphs[0].operators[" + k + "].outputs";
                int[] out = indices(op.outputsLength(), op::outputs, nt);
                where = "subgraphs[0].operators[" + k + "].intermediates";
                int[] mid = indices(op.intermediatesLength(), op::intermediates, nt);
                Set<String> reads = new LinkedHashSet<>();
                Set<String> writes = new LinkedHashSet<>();
                for (int i : in) {
                    if (i >= 0 && !constant[i]) {
                        reads.add(names[i]);
                        referenced[i] = true;
                    }
                }
                for (int i : out) {
                    if (i < 0 || constant[i]) {
                        continue;
                    }
                    referenced[i] = true;
                    if (variable[i]) {
                        reads.add(names[i]);
                    } else {
                        if (producer[i] >= 0 && producer[i] != k) {
                            where = "subgraphs[0].operators[" + k + "].outputs";
                            throw corrupt("tensor '" + names[i] + "' is also written by operator " + producer[i]);
                        }
                        producer[i] = k;
                        writes.add(names[i]);
                    }
                }
                long workspace = 0;
                for (int i : mid) {
                    if (i >= 0 && !constant[i]) {
                        workspace = Math.addExact(workspace, bytes[i]);
                    }
                }
                ops.add(new Op(name, type, List.copyOf(reads), List.copyOf(writes), workspace,
                        INPLACE_CAPABLE.contains(type)));
            }
            where = "subgraphs[0]";
            for (int i : sgInputs) {
                if (i >= 0) {
                    referenced[i] = true;
                }
            }
            for (int i : sgOutputs) {
                if (i >= 0) {
                    referenced[i] = true;
                }
            }
            List<Tensor> graphTensors = new ArrayList<>();
            Set<String> inputs = new LinkedHashSet<>();
            Set<String> outputs = new LinkedHashSet<>();
            String[] inGraph = new String[nt];
            for (int i : sgInputs) {
                if (i >= 0 && !constant[i] && producer[i] < 0) {
                    inputs.add(names[i]);
                }
            }
            for (int i = 0; i < nt; i++) {
                if (!referenced[i] || constant[i]) {
                    continue;
                }
                graphTensors.add(tensors[i]);
                inGraph[i] = names[i];
                if (variable[i]) {
                    inputs.add(names[i]);
                } else if (producer[i] < 0) {
                    inputs.add(names[i]);
                }
            }
            for (int i : sgOutputs) {
                if (i >= 0 && !constant[i]) {
                    outputs.add(names[i]);
                }
            }
            for (int i = 0; i < nt; i++) {
                if (referenced[i] && !constant[i] && variable[i]) {
                    outputs.add(names[i]);
                }
            }
            boolean[] isVariable = variable.clone();
            Graph graph;
            try {
                graph = Graph.of(graphName, graphTensors, List.copyOf(inputs), List.copyOf(outputs), ops);
            } catch (InvalidGraphException e) {
                throw new GraphFormatException(source + ": " + e.getMessage(), e);
            }
            return new TfliteGraph(graph, List.of(opNames), Arrays.asList(inGraph), isVariable, subgraphs,
                    totalTensors);
        }

        /** Tensor indices of a vector (-1 = optional, kept), each checked against the subgraph's tensors. */
        private int[] indices(int n, java.util.function.IntUnaryOperator get, int tensors) {
            int len = length(n, 4);
            int[] r = new int[len];
            for (int j = 0; j < len; j++) {
                int i = get.applyAsInt(j);
                if (i != -1) {
                    index(i, tensors, "tensors of subgraph 0");
                }
                r[j] = i;
            }
            return r;
        }

        /** The activation tensor of {@code t}: static shape times element size. */
        private Tensor tensor(io.memsched.io.tflite.schema.Tensor t, String name) {
            int type = t.type();
            if (type < 0 || type >= ELEMENT_BITS.length) {
                throw corrupt("unknown tensor type " + type);
            }
            if (ELEMENT_BITS[type] < 0) {
                throw new GraphFormatException(source + ": tensor '" + name + "' has element type "
                        + TensorType.name(type) + ", which has no fixed size");
            }
            int rank = length(t.shapeLength(), 4);
            List<Long> shape = new ArrayList<>(rank);
            long elements = 1;
            for (int d = 0; d < rank; d++) {
                int dim = t.shape(d);
                if (dim < 0) {
                    throw new GraphFormatException(source + ": tensor '" + name + "' has a dynamic dimension (" + dim
                            + ") in its shape; convert the model with a fixed batch size");
                }
                shape.add((long) dim);
                elements = multiplyCapped(elements, dim);
            }
            long bits = multiplyCapped(elements, ELEMENT_BITS[type]);
            long bytes = bits == Long.MAX_VALUE ? bits : (bits + 7) / 8;
            if (bytes > MAX_TENSOR_BYTES) {
                throw new GraphFormatException(source + ": tensor '" + name + "' of shape " + shape
                        + " would need more than 1 TB; refusing it");
            }
            return new Tensor(name, bytes, shape, Optional.of(DTYPES[type].toLowerCase(Locale.ROOT)));
        }

        private static long multiplyCapped(long a, long b) {
            try {
                return Math.multiplyExact(a, b);
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
    }
}
