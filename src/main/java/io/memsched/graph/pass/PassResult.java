package io.memsched.graph.pass;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import java.util.List;
import java.util.Objects;

/**
 * The output of a pass.
 *
 * @param graph the transformed graph
 * @param members for each operator of {@code graph}, the operators of the input graph it stands for, in the order
 *     they run inside it (a single index when the operator is unchanged)
 * @param stats what the pass did
 */
public record PassResult(Graph graph, List<Ints> members, PassStats stats) {
    /** Checks that there is one member list per operator. */
    public PassResult {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(stats, "stats");
        members = List.copyOf(members);
        if (members.size() != graph.opCount()) {
            throw new IllegalArgumentException("pass '" + stats.name() + "': " + members.size()
                    + " member lists for " + graph.opCount() + " operators of graph '" + graph.name() + "'");
        }
    }
}
