package io.memsched;

import com.fasterxml.jackson.databind.JsonNode;
import io.memsched.graph.Graph;
import io.memsched.io.GraphFormatException;
import io.memsched.io.GraphJson;
import io.memsched.io.inductor.InductorDumpImporter;
import io.memsched.io.onnx.OnnxImporter;
import io.memsched.io.tflite.TfliteImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads and writes graphs by file extension: {@code memsched-graph/1} JSON ({@code .json}, the default), ONNX
 * ({@code .onnx}, read only), TFLite ({@code .tflite}, read only). A JSON file that is a PyTorch Inductor memory
 * dump (an object with {@code nodes} and {@code buffers}, no {@code format}) is read as one. The facade's
 * {@link Memsched#load} and {@link Memsched#save} call it.
 */
final class GraphFiles {
    private GraphFiles() {
    }

    /** The graph in {@code file}; a {@link GraphFormatException} naming the file when it cannot be read. */
    static Graph read(Path file) {
        if (!Files.exists(file)) {
            throw new GraphFormatException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new GraphFormatException(file + ": is a directory, not a graph file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".onnx")) {
            return OnnxImporter.read(file);
        }
        if (name.endsWith(".tflite")) {
            return TfliteImporter.read(file);
        }
        JsonNode root = GraphJson.readJson(file);
        String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
        if (InductorDumpImporter.isDump(root)) {
            return InductorDumpImporter.fromTree(root, file.toString(), stem);
        }
        return GraphJson.fromTree(root, file.toString(), stem);
    }

    /** Writes {@code graph} to {@code file} in the format its extension names ({@code .json}). */
    static void write(Graph graph, Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            GraphJson.write(graph, file);
        } else {
            throw new io.memsched.graph.BadInputException(file + ": cannot write a graph as '" + name
                    + "' (use a .json file)");
        }
    }
}
