package io.memsched.io;

import io.memsched.graph.Graph;
import io.memsched.io.onnx.OnnxImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reads a graph from a file of any supported kind: {@code memsched-graph/1} JSON, or ONNX ({@code .onnx}). */
public final class GraphFiles {
    private GraphFiles() {
    }

    /** The graph in {@code file}; a {@link GraphFormatException} naming the file when it cannot be read. */
    public static Graph read(Path file) {
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
        return GraphJson.read(file);
    }
}
