package io.memsched.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memsched.graph.Graph;
import io.memsched.graph.InvalidGraphException;
import io.memsched.graph.Op;
import io.memsched.graph.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code memsched-graph/1} JSON format of docs/ARCHITECTURE.md, "Graph JSON", read strictly and written canonically.
 *
 * <p>Shapes and element types, which the format does not define, are written to an extra top-level field
 * {@code tensorInfo} ({@code {"a": {"shape": [1, 8, 32, 32], "dtype": "float32"}}}) that other readers ignore.
 */
public final class GraphJson {
    /** The format tag. */
    public static final String FORMAT = "memsched-graph/1";
    /** Largest file {@link #read(Path)} accepts, in bytes: bigger files are refused before they are read. */
    public static final long MAX_FILE_BYTES = 256L << 20;
    private static final double MAX_SIZE_AS_DOUBLE = 0x1p62;
    /**
     * Reading uses Jackson's streaming parser into a tree (duplicate keys refused, integers kept exact, nothing after
     * the value): building an {@code ObjectMapper} costs a fresh JVM about a tenth of a second, which a CLI run
     * that only reads a graph should not pay.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The mapper of the writer, created on first write. */
    private static final class Writing {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }

    private GraphJson() {
    }

    /** Reads a graph file; the graph is named by the file's {@code name} field, else by the file name. */
    public static Graph read(Path file) {
        return fromTree(readJson(file), file.toString(), file.getFileName().toString().replaceFirst("\\.json$", ""));
    }

    /**
     * The JSON value in {@code file} as a tree, read as strictly as graph files are: at most {@link #MAX_FILE_BYTES}
     * (read bounded, so a device such as {@code /dev/zero} is refused), UTF-8, duplicate keys refused, integers
     * exact, nothing after the value; {@code null} for an empty file. Other JSON readers of memsched
     * ({@code io.inductor}) share it.
     *
     * @throws GraphFormatException naming the file, with the line and column of a syntax error
     */
    public static JsonNode readJson(Path file) {
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new GraphFormatException(file + ": file of " + size + " bytes is larger than the "
                        + MAX_FILE_BYTES + " bytes a JSON graph file may have");
            }
            byte[] raw;
            // bounded: a device or pipe (/dev/zero, /dev/stdin) has no size and must not fill the heap
            try (java.io.InputStream in = Files.newInputStream(file)) {
                raw = in.readNBytes((int) MAX_FILE_BYTES + 1);
            }
            if (raw.length > MAX_FILE_BYTES) {
                throw new GraphFormatException(file + ": more than the " + MAX_FILE_BYTES
                        + " bytes a JSON graph file may have");
            }
            text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(raw)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new GraphFormatException(file + ": not a JSON graph file (not UTF-8 text)");
        } catch (IOException e) {
            throw new GraphFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
        return tree(text, file.toString());
    }

    /** Parses a graph from JSON text; {@code source} names it in messages. */
    public static Graph parse(String json, String source) {
        return fromTree(tree(json, source), source, source);
    }

    /**
     * The graph of a {@code memsched-graph/1} JSON tree (as {@link #readJson} gives it); {@code source} names it in
     * messages, {@code defaultName} names the graph when the file has no {@code name}.
     */
    public static Graph fromTree(JsonNode root, String source, String defaultName) {
        return new Reader(source).graph(root, defaultName);
    }

    private static JsonNode tree(String json, String source) {
        try {
            return readTree(json);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage().replaceAll("\\s+", " ");
            var loc = e.getLocation();
            throw new GraphFormatException(source + ": not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr()
                    + ", column " + loc.getColumnNr()) + ": " + msg, e);
        } catch (IOException e) {
            throw new GraphFormatException(source + ": cannot read JSON: " + e.getMessage(), e);
        }
    }

    /** One JSON value as a tree (null for empty text); anything after it is an error. */
    private static JsonNode readTree(String json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return null;
            }
            JsonNode root = value(p, first);
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw new JsonParseException(p, "Trailing token (of type " + trailing + ") found after the value");
            }
            return root;
        }
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_ARRAY; k = p.nextToken()) {
                    a.add(value(p, k));
                }
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return NODES.numberNode(p.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonParseException(p, "Unexpected token " + t);
        }
    }

    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        GraphFormatException error(String path, String what) {
            return new GraphFormatException(source + ": " + (path.isEmpty() ? "" : path + ": ") + what);
        }

        Graph graph(JsonNode root, String defaultName) {
            if (root == null || !root.isObject()) {
                throw error("", "the top level must be a JSON object with \"format\": \"" + FORMAT + "\"");
            }
            JsonNode format = root.get("format");
            if (format == null) {
                throw error("format", "missing (expected \"" + FORMAT + "\")");
            }
            if (!format.isTextual() || !FORMAT.equals(format.asText())) {
                throw error("format", "unsupported format " + format + " (expected \"" + FORMAT + "\")");
            }
            String name = defaultName;
            JsonNode nameNode = root.get("name");
            if (nameNode != null && !nameNode.isNull()) {
                name = text(nameNode, "name");
            }
            JsonNode tensorsNode = require(root, "tensors", "");
            if (!tensorsNode.isObject()) {
                throw error("tensors", "must be an object mapping tensor names to byte sizes");
            }
            JsonNode info = root.get("tensorInfo");
            List<Tensor> tensors = new ArrayList<>(tensorsNode.size());
            Set<String> known = new HashSet<>();
            Iterator<Map.Entry<String, JsonNode>> it = tensorsNode.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = "tensors." + e.getKey();
                if (e.getKey().isEmpty()) {
                    throw error("tensors", "a tensor has an empty name");
                }
                long bytes = size(e.getValue(), path);
                List<Long> shape = List.of();
                Optional<String> dtype = Optional.empty();
                if (info != null && info.isObject() && info.get(e.getKey()) != null && info.get(e.getKey()).isObject()) {
                    JsonNode ti = info.get(e.getKey());
                    if (ti.get("shape") != null && ti.get("shape").isArray()) {
                        List<Long> dims = new ArrayList<>();
                        for (JsonNode d : ti.get("shape")) {
                            dims.add(d.canConvertToLong() ? d.asLong() : -1L);
                        }
                        shape = dims;
                    }
                    if (ti.get("dtype") != null && ti.get("dtype").isTextual()) {
                        dtype = Optional.of(ti.get("dtype").asText());
                    }
                }
                tensors.add(new Tensor(e.getKey(), bytes, shape, dtype));
                known.add(e.getKey());
            }
            List<String> inputs = names(root.get("inputs"), "inputs", known);
            List<String> outputs = names(root.get("outputs"), "outputs", known);
            JsonNode opsNode = require(root, "ops", "");
            if (!opsNode.isArray()) {
                throw error("ops", "must be an array of operators");
            }
            List<Op> ops = new ArrayList<>(opsNode.size());
            for (int i = 0; i < opsNode.size(); i++) {
                ops.add(op(opsNode.get(i), "ops[" + i + "]", known));
            }
            try {
                return Graph.of(name, tensors, inputs, outputs, ops);
            } catch (InvalidGraphException e) {
                throw new GraphFormatException(source + ": " + e.getMessage(), e);
            }
        }

        Op op(JsonNode node, String path, Set<String> known) {
            if (!node.isObject()) {
                throw error(path, "must be an object with name, inputs and outputs");
            }
            String name = text(require(node, "name", path), path + ".name");
            String where = path + " ('" + name + "')";
            String type = "";
            if (node.get("type") != null && !node.get("type").isNull()) {
                type = text(node.get("type"), where + ".type");
            }
            List<String> inputs = names(node.get("inputs"), where + ".inputs", known);
            List<String> outputs = names(node.get("outputs"), where + ".outputs", known);
            long workspace = 0;
            if (node.get("workspace") != null && !node.get("workspace").isNull()) {
                workspace = size(node.get("workspace"), where + ".workspace");
            }
            boolean inplace = false;
            JsonNode ip = node.get("inplace");
            if (ip != null && !ip.isNull()) {
                if (!ip.isBoolean()) {
                    throw error(where + ".inplace", "must be true or false, was " + ip);
                }
                inplace = ip.asBoolean();
            }
            return new Op(name, type, inputs, outputs, workspace, inplace);
        }

        JsonNode require(JsonNode node, String field, String path) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw error(path.isEmpty() ? field : path + "." + field, "missing");
            }
            return v;
        }

        String text(JsonNode node, String path) {
            if (!node.isTextual()) {
                throw error(path, "must be a string, was " + abbreviate(node));
            }
            return node.asText();
        }

        long size(JsonNode node, String path) {
            if (!node.isIntegralNumber()) {
                if (node.isNumber() && !(Math.abs(node.doubleValue()) < MAX_SIZE_AS_DOUBLE)) {
                    // infinite, NaN or far too large: refuse before any exact conversion (1e400 has no BigDecimal)
                    throw error(path, "size " + abbreviate(node) + " is too large (at most 2^62 bytes)");
                }
                if (node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0) {
                    node = NODES.numberNode(node.decimalValue().toBigIntegerExact());
                } else {
                    throw error(path, "size must be a non-negative integer number of bytes, was " + abbreviate(node));
                }
            }
            java.math.BigInteger v = node.bigIntegerValue();
            if (v.signum() < 0) {
                throw error(path, "negative size " + v);
            }
            if (v.bitLength() > 62) {
                throw error(path, "size " + abbreviate(node) + " is too large (at most 2^62 bytes)");
            }
            return v.longValue();
        }

        List<String> names(JsonNode node, String path, Set<String> known) {
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                throw error(path, "must be an array of tensor names, was " + abbreviate(node));
            }
            List<String> out = new ArrayList<>(node.size());
            for (int k = 0; k < node.size(); k++) {
                String n = text(node.get(k), path + "[" + k + "]");
                if (!known.contains(n)) {
                    throw error(path + "[" + k + "]", "unknown tensor '" + n + "'");
                }
                out.add(n);
            }
            return out;
        }

        static String abbreviate(JsonNode node) {
            String s = node.toString();
            return s.length() > 40 ? s.substring(0, 37) + "..." : s;
        }
    }

    /** The graph as canonical {@code memsched-graph/1} JSON text. */
    public static String write(Graph graph) {
        ObjectNode root = NODES.objectNode();
        root.put("format", FORMAT);
        root.put("name", graph.name());
        ObjectNode tensors = root.putObject("tensors");
        ObjectNode info = NODES.objectNode();
        for (Tensor t : graph.tensors()) {
            tensors.put(t.name(), t.bytes());
            if (t.hasShape() || t.dtype().isPresent()) {
                ObjectNode ti = info.putObject(t.name());
                if (t.hasShape()) {
                    ArrayNode shape = ti.putArray("shape");
                    t.shape().forEach(shape::add);
                }
                t.dtype().ifPresent(d -> ti.put("dtype", d));
            }
        }
        ArrayNode inputs = root.putArray("inputs");
        graph.inputs().forEach(inputs::add);
        ArrayNode outputs = root.putArray("outputs");
        graph.outputs().forEach(outputs::add);
        ArrayNode ops = root.putArray("ops");
        for (Op op : graph.ops()) {
            ObjectNode o = ops.addObject();
            o.put("name", op.name());
            if (!op.type().isEmpty()) {
                o.put("type", op.type());
            }
            ArrayNode in = o.putArray("inputs");
            op.inputs().forEach(in::add);
            ArrayNode out = o.putArray("outputs");
            op.outputs().forEach(out::add);
            if (op.workspaceBytes() != 0) {
                o.put("workspace", op.workspaceBytes());
            }
            if (op.inplace()) {
                o.put("inplace", true);
            }
        }
        if (!info.isEmpty()) {
            root.set("tensorInfo", info);
        }
        try {
            return Writing.MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the graph to {@code file} (through a temporary file, so a failure leaves nothing half-written). */
    public static void write(Graph graph, Path file) {
        TextFiles.replace(file, write(graph));
    }

}
