package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;

/**
 * Memory-aware list scheduling, as XLA's {@code ListScheduler} (hlo_memory_scheduler.cc) does it: at every step run
 * the ready operator that frees the most bytes net of what it allocates (in-place reuse counted), ties broken by
 * the smaller allocation, then by more consumers of its outputs (XLA's second key), then by the lower operator
 * index. Time O(n * r * d) for r ready operators and operator degree d.
 *
 * @see LeastPeakScheduler
 * @see GreedyScheduler
 */
public final class ListScheduler extends OrderingScheduler {
    /** A list scheduler with these options. */
    public ListScheduler(SchedulerOptions options) {
        super(options);
    }

    @Override
    public String name() {
        return "list";
    }

    @Override
    int[] order(Graph graph) {
        int n = graph.opCount();
        ReadyList rl = new ReadyList(graph, options.memoryModel());
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            int bestPos = -1;
            long bestNet = Long.MAX_VALUE;
            long bestAlloc = Long.MAX_VALUE;
            int bestUsers = -1;
            for (int r = 0; r < rl.size(); r++) {
                int i = rl.get(r);
                long alloc = rl.allocated(i);
                long net = alloc - rl.freed(i);
                int users = 0;
                Ints out = graph.opOutputs(i);
                for (int j = 0; j < out.size(); j++) {
                    users += graph.consumers(out.get(j)).size();
                }
                if (bestPos < 0 || net < bestNet || net == bestNet && (alloc < bestAlloc || alloc == bestAlloc
                        && (users > bestUsers || users == bestUsers && i < rl.get(bestPos)))) {
                    bestNet = net;
                    bestAlloc = alloc;
                    bestUsers = users;
                    bestPos = r;
                }
            }
            order[k] = rl.run(bestPos);
        }
        return order;
    }
}
