package io.memsched.batch;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs a {@link BatchJob}: every graph through {@link BatchTask#run(BatchJob, int)}, rows back in job order.
 * Implementations: {@link SerialEngine} ({@code serial}) and, in the {@code spark} module, the Spark engine
 * ({@code spark}), found through {@link java.util.ServiceLoader} ({@link BatchEngines}).
 */
public interface BatchEngine extends AutoCloseable {
    /** The engine's id ({@code --engine}). */
    String id();

    /** One line for help texts. */
    String description();

    /**
     * Runs the job. Returns when every graph has its row, or early when the calling thread is interrupted
     * ({@link BatchResult#complete()} false).
     */
    BatchResult run(BatchJob job, BatchProgress progress);

    /** Whether {@link #writeParquet(List, Path)} works. */
    default boolean writesParquet() {
        return false;
    }

    /** Writes {@code rows} as a Parquet data set at {@code dir} (a directory, replaced if it exists). */
    default void writeParquet(List<BatchRow> rows, Path dir) {
        throw new UnsupportedOperationException(id() + " does not write Parquet");
    }

    /** Releases what the engine started (a Spark session); nothing by default. */
    @Override
    default void close() {
    }
}
