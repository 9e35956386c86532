package io.memsched;

import com.fasterxml.jackson.databind.JsonNode;
import io.memsched.arena.ArenaPlan;
import io.memsched.graph.BadInputException;
import io.memsched.graph.Graph;
import io.memsched.io.GraphDot;
import io.memsched.io.GraphFormatException;
import io.memsched.io.GraphJson;
import io.memsched.io.ModelWriter;
import io.memsched.io.PlanExport;
import io.memsched.io.inductor.InductorDumpImporter;
import io.memsched.io.onnx.OnnxImporter;
import io.memsched.io.onnx.OnnxWriter;
import io.memsched.io.tflite.TfliteImporter;
import io.memsched.io.tflite.TfliteWriter;
import io.memsched.schedule.ScheduleResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads and writes graphs by file extension: {@code memsched-graph/1} JSON ({@code .json}, the default), ONNX
 * ({@code .onnx}), TFLite ({@code .tflite}), Graphviz DOT ({@code .dot}, write only); a JSON file that is a
 * PyTorch Inductor memory dump (an object with {@code nodes} and {@code buffers}, no {@code format}) is read as
 * one. Writes plans back into models through the {@link ModelWriter} of the output's extension. The facade's
 * {@link Memsched#load} and {@link Memsched#save} call it. A graph read from a file remembers it
 * ({@link Graph#source()}).
 */
final class GraphFiles {
    /** The model writers, one per format (a new format adds its writer here). */
    static final List<ModelWriter> MODEL_WRITERS = List.of(new OnnxWriter(), new TfliteWriter());

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
            return OnnxImporter.read(file).withSource(file);
        }
        if (name.endsWith(".tflite")) {
            return TfliteImporter.read(file).withSource(file);
        }
        JsonNode root = GraphJson.readJson(file);
        String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
        if (InductorDumpImporter.isDump(root)) {
            return InductorDumpImporter.fromTree(root, file.toString(), stem).withSource(file);
        }
        return GraphJson.fromTree(root, file.toString(), stem).withSource(file);
    }

    /** The memsched version from the jar manifest, {@code dev} outside a built jar. */
    static String version() {
        String v = GraphFiles.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * Writes the order of {@code result} on {@code graph} (and the arena layout, when given) back into the model
     * {@code graph} was read from, as {@code file}, by the writer of {@code file}'s extension.
     */
    static void writePlan(Graph graph, ScheduleResult result, Optional<ArenaPlan> arena, Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ModelWriter writer = MODEL_WRITERS.stream().filter(w -> name.endsWith(w.extension())).findFirst()
                .orElseThrow(() -> new BadInputException(file + ": cannot write a plan as '" + name + "' (use "
                        + String.join(" or ", MODEL_WRITERS.stream().map(ModelWriter::extension).toList()) + ")"));
        Path source = graph.source().orElseThrow(() -> new BadInputException(file + ": graph '" + graph.name()
                + "' was not read from a model file (or a pass rewrote it), so there is no model to write the plan"
                + " into"));
        Optional<PlanExport.Arena> a = arena.map(p -> new PlanExport.Arena(p.planner(), p.arenaBytes(),
                p.tensorOffsets()));
        writer.write(source, new PlanExport(graph, result.schedule().opNames(), result.method(),
                result.memoryModel().id(), result.peakBytes(), a, version()), file);
    }

    /** Writes {@code graph} to {@code file} in the format its extension names ({@code .json}). */
    static void write(Graph graph, Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            GraphJson.write(graph, file);
        } else if (name.endsWith(".dot")) {
            GraphDot.write(graph, file);
        } else {
            throw new io.memsched.graph.BadInputException(file + ": cannot write a graph as '" + name
                    + "' (use .json, or .dot to draw it with Graphviz)");
        }
    }
}
