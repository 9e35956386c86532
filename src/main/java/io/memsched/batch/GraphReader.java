package io.memsched.batch;

import io.memsched.graph.Graph;
import java.io.Serializable;

/**
 * Reads a graph file by path (the facade's {@code Memsched::load}); serializable so a distributed engine can ship
 * it to its workers with the job.
 */
@FunctionalInterface
public interface GraphReader extends Serializable {
    /** The graph in the file at {@code path}. */
    Graph read(String path);
}
