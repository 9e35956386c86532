package io.memsched.testing;

import io.memsched.graph.Graph;
import java.util.SplittableRandom;

/** Uniformly drawn ready operators: a random valid topological order, for tests. */
public final class RandomOrders {
    private RandomOrders() {
    }

    /** A random topological order of {@code g}, drawn with {@code r}. */
    public static int[] of(Graph g, SplittableRandom r) {
        int n = g.opCount();
        int[] indeg = new int[n];
        int[] ready = new int[n];
        int nr = 0;
        for (int i = 0; i < n; i++) {
            indeg[i] = g.predecessors(i).size();
            if (indeg[i] == 0) {
                ready[nr++] = i;
            }
        }
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            int pos = r.nextInt(nr);
            int i = ready[pos];
            ready[pos] = ready[--nr];
            order[k] = i;
            var s = g.successors(i);
            for (int j = 0; j < s.size(); j++) {
                if (--indeg[s.get(j)] == 0) {
                    ready[nr++] = s.get(j);
                }
            }
        }
        return order;
    }
}
