package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Depth-first post-order from the sinks that visits the heavier operand subtree first, after XLA's
 * {@code DFSMemoryScheduler} (hlo_memory_scheduler.cc): every operator gets the bytes of its outputs plus those of
 * all its operand subtrees (shared subtrees counted once per path, saturating, as XLA does) and its "extra users"
 * (consumers beyond the first, summed the same way); operands, and the sinks themselves, are visited heaviest
 * first, then most extra users first, then by operator index. Running the heavy subtree first lets its big
 * intermediates die before the light subtrees produce their results. Time O(n log n + e).
 *
 * @see ReversePostOrderScheduler
 * @see GreedyScheduler
 */
public final class DfsScheduler extends OrderingScheduler {
    /** A DFS scheduler with these options. */
    public DfsScheduler(SchedulerOptions options) {
        super(options);
    }

    @Override
    public String name() {
        return "dfs";
    }

    @Override
    int[] order(Graph graph) {
        int n = graph.opCount();
        long[] weight = new long[n];
        long[] extra = new long[n];
        for (int i : TopologicalOrders.kahn(graph, Integer::compare)) {
            long w = 0;
            long users = 0;
            Ints out = graph.opOutputs(i);
            for (int j = 0; j < out.size(); j++) {
                w = saturatedAdd(w, graph.bytes(out.get(j)));
                users += graph.consumers(out.get(j)).size();
            }
            long x = Math.max(0, users - 1);
            Ints p = graph.predecessors(i);
            for (int j = 0; j < p.size(); j++) {
                w = saturatedAdd(w, weight[p.get(j)]);
                x = saturatedAdd(x, extra[p.get(j)]);
            }
            weight[i] = w;
            extra[i] = x;
        }
        Comparator<Integer> heavierFirst = Comparator.<Integer>comparingLong(i -> -weight[i])
                .thenComparingLong(i -> -extra[i]).thenComparingInt(i -> i);
        Integer[][] operands = new Integer[n][];
        for (int i = 0; i < n; i++) {
            Ints p = graph.predecessors(i);
            operands[i] = new Integer[p.size()];
            for (int j = 0; j < p.size(); j++) {
                operands[i][j] = p.get(j);
            }
            Arrays.sort(operands[i], heavierFirst);
        }
        Integer[] sinks = java.util.stream.IntStream.range(0, n).filter(i -> graph.successors(i).isEmpty())
                .boxed().sorted(heavierFirst).toArray(Integer[]::new);
        int[] order = new int[n];
        int k = 0;
        boolean[] seen = new boolean[n];
        int[] stack = new int[n];
        int[] next = new int[n];
        for (int root : sinks) {
            int sp = 0;
            stack[sp++] = root;
            seen[root] = true;
            while (sp > 0) {
                int v = stack[sp - 1];
                if (next[v] < operands[v].length) {
                    int w = operands[v][next[v]++];
                    if (!seen[w]) {
                        seen[w] = true;
                        stack[sp++] = w;
                    }
                } else {
                    order[k++] = v;
                    sp--;
                }
            }
        }
        return order;
    }

    private static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE / 2 : Math.min(s, Long.MAX_VALUE / 2);
    }
}
