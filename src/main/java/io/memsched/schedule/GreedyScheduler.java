package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.memory.MemorySimulator;

/**
 * List scheduling: at every step run the ready operator with the smallest net allocation (bytes it allocates
 * minus bytes it frees), ties broken by the smaller footprint of the step, then by program order. This is the
 * memory-aware list scheduler of XLA and TVM in its simplest form. Time O(n * r * d) for r ready operators and
 * operator degree d.
 */
public final class GreedyScheduler extends OrderingScheduler {
    /** A greedy scheduler with these options. */
    public GreedyScheduler(SchedulerOptions options) {
        super(options);
    }

    @Override
    public String name() {
        return "greedy";
    }

    @Override
    int[] order(Graph graph) {
        int n = graph.opCount();
        int nt = graph.tensorCount();
        int[] remaining = new int[nt];
        for (int t = 0; t < nt; t++) {
            remaining[t] = graph.consumers(t).size();
        }
        int[] indeg = new int[n];
        int[] ready = new int[n];
        int nr = 0;
        for (int i = 0; i < n; i++) {
            indeg[i] = graph.predecessors(i).size();
            if (indeg[i] == 0) {
                ready[nr++] = i;
            }
        }
        int[] stamp = new int[nt];
        java.util.Arrays.fill(stamp, -1);
        int stampId = 0;
        int[] order = new int[n];
        boolean inplace = options.memoryModel().inplace();
        for (int k = 0; k < n; k++) {
            int bestPos = -1;
            long bestNet = Long.MAX_VALUE;
            long bestAlloc = Long.MAX_VALUE;
            for (int r = 0; r < nr; r++) {
                int i = ready[r];
                long alloc = 0;
                Ints out = graph.opOutputs(i);
                for (int j = 0; j < out.size(); j++) {
                    alloc += graph.bytes(out.get(j));
                }
                long freed = 0;
                Ints in = graph.opInputs(i);
                stampId++;
                for (int j = 0; j < in.size(); j++) {
                    int t = in.get(j);
                    if (stamp[t] != stampId) {
                        stamp[t] = stampId;
                        if (remaining[t] == 1 && !graph.isGraphOutput(t)) {
                            freed += graph.bytes(t);
                        }
                    }
                }
                for (int j = 0; j < out.size(); j++) {
                    int t = out.get(j);
                    if (graph.consumers(t).isEmpty() && !graph.isGraphOutput(t)) {
                        freed += graph.bytes(t);
                    }
                }
                if (inplace) {
                    int victim = MemorySimulator.inplaceCandidate(graph, i);
                    if (victim >= 0 && remaining[victim] == 1 && !graph.isGraphOutput(victim)) {
                        alloc -= graph.bytes(out.get(0));
                    }
                }
                long net = alloc - freed;
                if (net < bestNet || net == bestNet && (alloc < bestAlloc || alloc == bestAlloc && i < ready[bestPos])) {
                    bestNet = net;
                    bestAlloc = alloc;
                    bestPos = r;
                }
            }
            int i = ready[bestPos];
            ready[bestPos] = ready[--nr];
            order[k] = i;
            Ints in = graph.opInputs(i);
            stampId++;
            for (int j = 0; j < in.size(); j++) {
                int t = in.get(j);
                if (stamp[t] != stampId) {
                    stamp[t] = stampId;
                    remaining[t]--;
                }
            }
            Ints s = graph.successors(i);
            for (int j = 0; j < s.size(); j++) {
                if (--indeg[s.get(j)] == 0) {
                    ready[nr++] = s.get(j);
                }
            }
        }
        return order;
    }
}
