package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;

/**
 * Reverse post-order: a depth-first search along successors from the source operators (in program order,
 * successors in index order), the finished operators reversed. This is the order TensorFlow Lite and HMCOS use as
 * their baseline. Iterative, time O(n + e).
 */
public final class ReversePostOrderScheduler extends OrderingScheduler {
    /** An RPO scheduler with these options. */
    public ReversePostOrderScheduler(SchedulerOptions options) {
        super(options);
    }

    @Override
    public String name() {
        return "rpo";
    }

    @Override
    int[] order(Graph graph) {
        int n = graph.opCount();
        boolean[] seen = new boolean[n];
        int[] post = new int[n];
        int np = 0;
        int[] stack = new int[n];
        int[] next = new int[n];
        for (int root = 0; root < n; root++) {
            if (seen[root] || !graph.predecessors(root).isEmpty()) {
                continue;
            }
            int sp = 0;
            stack[sp++] = root;
            seen[root] = true;
            next[root] = 0;
            while (sp > 0) {
                int v = stack[sp - 1];
                Ints s = graph.successors(v);
                if (next[v] < s.size()) {
                    int w = s.get(next[v]++);
                    if (!seen[w]) {
                        seen[w] = true;
                        next[w] = 0;
                        stack[sp++] = w;
                    }
                } else {
                    post[np++] = v;
                    sp--;
                }
            }
        }
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = post[n - 1 - k];
        }
        return order;
    }
}
