package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import java.util.Comparator;
import java.util.PriorityQueue;

/** Topological-order helpers shared by the schedulers. */
final class TopologicalOrders {
    private TopologicalOrders() {
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
