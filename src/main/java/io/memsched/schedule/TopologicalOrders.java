package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Iterator;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleDirectedGraph;
import org.jgrapht.traverse.TopologicalOrderIterator;

/** Topological-order helpers shared by the schedulers and their models. */
public final class TopologicalOrders {
    private TopologicalOrders() {
    }

    /**
     * The ancestors of every operator as an n-bit set ({@code descendants}: the descendants instead), given a
     * topological order {@code topo} of {@code graph}. O(n^2) bits: the transitive closure as bit sets, where
     * JGraphT's {@code TransitiveClosure} would add up to n^2 / 2 edge objects to a graph (gigabytes on the
     * 10,000-operator graphs the ILP's windows are computed for).
     */
    public static BitSet[] closure(Graph graph, int[] topo, boolean descendants) {
        int n = graph.opCount();
        BitSet[] sets = new BitSet[n];
        for (int k = 0; k < n; k++) {
            int i = topo[descendants ? n - 1 - k : k];
            BitSet s = new BitSet(n);
            Ints near = descendants ? graph.successors(i) : graph.predecessors(i);
            for (int j = 0; j < near.size(); j++) {
                s.or(sets[near.get(j)]);
                s.set(near.get(j));
            }
            sets[i] = s;
        }
        return sets;
    }

    /**
     * The topological order that always runs the ready operator that comes first in {@code priority}: JGraphT's
     * {@link TopologicalOrderIterator} with a priority queue, on an index view of the graph. O((n + e) log n).
     */
    static int[] kahn(Graph graph, Comparator<Integer> priority) {
        int n = graph.opCount();
        SimpleDirectedGraph<Integer, DefaultEdge> dag = new SimpleDirectedGraph<>(DefaultEdge.class);
        for (int i = 0; i < n; i++) {
            dag.addVertex(i);
        }
        for (int i = 0; i < n; i++) {
            Ints s = graph.successors(i);
            for (int j = 0; j < s.size(); j++) {
                dag.addEdge(i, s.get(j));
            }
        }
        int[] order = new int[n];
        int k = 0;
        for (Iterator<Integer> it = new TopologicalOrderIterator<>(dag, priority); it.hasNext(); ) {
            order[k++] = it.next();
        }
        return order;
    }
}
