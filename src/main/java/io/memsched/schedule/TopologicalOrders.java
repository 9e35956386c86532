package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import java.util.BitSet;
import java.util.Comparator;
import java.util.PriorityQueue;

/** Topological-order helpers shared by the schedulers and their models. */
public final class TopologicalOrders {
    private TopologicalOrders() {
    }

    /** Kahn's algorithm with a first-in first-out queue: ready operators run in the order they became ready. */
    public static int[] fifo(Graph graph) {
        int n = graph.opCount();
        int[] indeg = new int[n];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            indeg[i] = graph.predecessors(i).size();
            if (indeg[i] == 0) {
                queue[tail++] = i;
            }
        }
        while (head < tail) {
            Ints s = graph.successors(queue[head++]);
            for (int k = 0; k < s.size(); k++) {
                if (--indeg[s.get(k)] == 0) {
                    queue[tail++] = s.get(k);
                }
            }
        }
        return queue;
    }

    /**
     * The ancestors of every operator as an n-bit set ({@code descendants}: the descendants instead), given a
     * topological order {@code topo} of {@code graph}. O(n^2) bits.
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

    /** Kahn's algorithm that always runs the ready operator that comes first in {@code priority}. */
    static int[] kahn(Graph graph, Comparator<Integer> priority) {
        int n = graph.opCount();
        int[] indeg = new int[n];
        PriorityQueue<Integer> ready = new PriorityQueue<>(priority);
        for (int i = 0; i < n; i++) {
            indeg[i] = graph.predecessors(i).size();
            if (indeg[i] == 0) {
                ready.add(i);
            }
        }
        int[] order = new int[n];
        int k = 0;
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order[k++] = i;
            Ints s = graph.successors(i);
            for (int j = 0; j < s.size(); j++) {
                if (--indeg[s.get(j)] == 0) {
                    ready.add(s.get(j));
                }
            }
        }
        return order;
    }
}
