package io.memsched.graph.pass;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;

/**
 * One graph transformation with a stable kebab-case name (as MLIR names its passes). A pass never fails on a valid
 * graph: when it finds nothing to do it returns the graph unchanged with zero merges.
 */
public interface GraphPass {
    /** The stable kebab-case name of the pass, as pipelines and statistics list it. */
    String name();

    /** Applies the pass once to {@code graph} under memory model {@code model}. */
    PassResult apply(Graph graph, MemoryModel model);
}
