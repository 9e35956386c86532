package io.memsched.fusion;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.graph.pass.PassStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A graph after fusion: the original graph, the fused graph (ordinary operators, some standing for several original
 * ones), which original operators each fused operator runs, in order, and what fusion did. Every order of the fused
 * graph {@linkplain #expand expands} to an order of the original graph with the same peak under the memory model the
 * fusion ran with.
 *
 * @param original the graph fusion started from
 * @param graph the fused graph
 * @param members for each operator of {@code graph}, the original operator indices it runs, in order
 * @param stats operators before and after, merges per rule, passes
 */
public record FusedGraph(Graph original, Graph graph, List<Ints> members, PassStats stats) {
    /** Checks that the members cover every original operator once. */
    public FusedGraph {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(stats, "stats");
        members = List.copyOf(members);
        if (members.size() != graph.opCount()) {
            throw new IllegalArgumentException("fused graph '" + graph.name() + "': " + members.size()
                    + " member lists for " + graph.opCount() + " operators");
        }
        boolean[] seen = new boolean[original.opCount()];
        int count = 0;
        for (Ints m : members) {
            for (int k = 0; k < m.size(); k++) {
                int i = m.get(k);
                if (i < 0 || i >= seen.length || seen[i]) {
                    throw new IllegalArgumentException("fused graph '" + graph.name() + "': original operator index "
                            + i + " is out of range or listed twice");
                }
                seen[i] = true;
                count++;
            }
        }
        if (count != original.opCount()) {
            throw new IllegalArgumentException("fused graph '" + graph.name() + "' covers " + count + " of "
                    + original.opCount() + " original operators");
        }
    }

    /** The unfused view of {@code graph}: every operator stands for itself. */
    public static FusedGraph identity(Graph graph) {
        List<Ints> m = new ArrayList<>(graph.opCount());
        for (int i = 0; i < graph.opCount(); i++) {
            m.add(Ints.of(i));
        }
        return new FusedGraph(graph, graph, m, new PassStats("fusion", graph.opCount(), graph.opCount(),
                java.util.Map.of(), 0));
    }

    /** The original order that runs the fused operators in {@code fusedOrder}, each expanded to its members. */
    public int[] expand(int[] fusedOrder) {
        Objects.requireNonNull(fusedOrder, "fusedOrder");
        int[] out = new int[original.opCount()];
        int k = 0;
        for (int f : fusedOrder) {
            if (f < 0 || f >= members.size()) {
                throw new IllegalArgumentException("fused graph '" + graph.name() + "': operator index " + f
                        + " out of range");
            }
            Ints m = members.get(f);
            for (int j = 0; j < m.size(); j++) {
                if (k >= out.length) {
                    throw new IllegalArgumentException("fused order of graph '" + graph.name()
                            + "' runs some operator twice");
                }
                out[k++] = m.get(j);
            }
        }
        if (k != out.length) {
            throw new IllegalArgumentException("fused order of graph '" + graph.name() + "' covers " + k + " of "
                    + out.length + " original operators");
        }
        return out;
    }

    /** The fused order in which {@code originalOrder} runs the fused operators, if it keeps every group together. */
    public java.util.Optional<int[]> contract(int[] originalOrder) {
        int[] groupOf = new int[original.opCount()];
        for (int f = 0; f < members.size(); f++) {
            Ints m = members.get(f);
            for (int j = 0; j < m.size(); j++) {
                groupOf[m.get(j)] = f;
            }
        }
        int[] out = new int[members.size()];
        int k = 0;
        int pos = 0;
        while (pos < originalOrder.length) {
            int f = groupOf[originalOrder[pos]];
            Ints m = members.get(f);
            for (int j = 0; j < m.size(); j++) {
                if (pos >= originalOrder.length || originalOrder[pos] != m.get(j)) {
                    return java.util.Optional.empty();
                }
                pos++;
            }
            out[k++] = f;
        }
        return java.util.Optional.of(out);
    }
}
