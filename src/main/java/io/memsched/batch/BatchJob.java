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
 * @param graphsPerTask graphs one distributed task schedules one after another (1: one task per graph); more
 *     amortises a distributed engine's per-task cost over graphs that schedule in milliseconds
 */
public record BatchJob(List<GraphSource> graphs, BatchSettings settings, GraphReader reader, String master,
                       int graphsPerTask) implements Serializable {
    /** Copies the list and checks the fields. */
    public BatchJob {
        graphs = List.copyOf(graphs);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(master, "master");
        if (graphsPerTask < 1) {
            throw new io.memsched.graph.BadInputException("--graphs-per-task must be at least 1, was "
                    + graphsPerTask);
        }
    }

    /** One task per graph. */
    public BatchJob(List<GraphSource> graphs, BatchSettings settings, GraphReader reader, String master) {
        this(graphs, settings, reader, master, 1);
    }

    /** Number of graphs. */
    public int size() {
        return graphs.size();
    }
}
