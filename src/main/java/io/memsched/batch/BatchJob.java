package io.memsched.batch;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A batch: the graphs, how each is scheduled, how files are read, and where the engine runs.
 *
 * @param graphs the graphs, in row order
 * @param settings the scheduling options of every graph
 * @param reader reads the graph files
 * @param master where a distributed engine runs ({@code local[*]}, {@code spark://host:port}; empty: the engine's
 *     default, for Spark the master spark-submit set or else {@code local[*]}); ignored by {@link SerialEngine}
 */
public record BatchJob(List<GraphSource> graphs, BatchSettings settings, GraphReader reader, String master)
        implements Serializable {
    /** Copies the list and checks the fields. */
    public BatchJob {
        graphs = List.copyOf(graphs);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(master, "master");
    }

    /** Number of graphs. */
    public int size() {
        return graphs.size();
    }
}
