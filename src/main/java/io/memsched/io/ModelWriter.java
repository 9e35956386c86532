package io.memsched.io;

import java.nio.file.Path;

/**
 * Writes a plan back into the model file its graph was read from: the same model with its operators in the plan's
 * order and the plan recorded in the model's own metadata. One implementation per model format; the facade picks
 * the one whose {@link #extension()} the output file has ({@code Memsched.save(plan, path)}).
 *
 * <p>A writer refuses, with a {@link GraphFormatException} naming the file, a source of another format, a plan
 * whose operators are not the model's, and an unreadable source; it writes nothing then (the output is written to
 * a temporary file next to it and moved into place only when complete).
 */
public interface ModelWriter {
    /** The file extension this writer produces, lower case with the dot ({@code .onnx}). */
    String extension();

    /**
     * Writes {@code plan} into a copy of {@code source} (the model {@code plan.graph()} was read from) at
     * {@code out}; {@code out} may equal {@code source}.
     */
    void write(Path source, PlanExport plan, Path out);
}
