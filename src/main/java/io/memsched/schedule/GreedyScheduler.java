package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.memory.MemorySimulator;
import java.util.PriorityQueue;

/**
 * List scheduling: at every step run the ready operator with the smallest net allocation (bytes it allocates
 * minus bytes it frees), ties broken by the smaller footprint of the step, then by program order. This is the
 * memory-aware list scheduler of XLA ({@code ListScheduler} in hlo_memory_scheduler.cc: frees most net of what it
 * allocates) and TVM in its simplest form.
 *
 * <p>An operator's net allocation only falls, and only when one of its inputs gets down to its last consumer;
 * the keys are kept up to date incrementally and the ready set is a priority queue with lazy deletion, so the
 * time is O((n + e) log n) for n operators and e operator-tensor incidences (100,000 operators in well under a
 * second).
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

    private record Entry(long net, long alloc, int op, int version) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(net, o.net);
            if (c == 0) {
                c = Long.compare(alloc, o.alloc);
            }
            return c != 0 ? c : Integer.compare(op, o.op);
        }
    }

    @Override
    int[] order(Graph graph) {
        int n = graph.opCount();
        int nt = graph.tensorCount();
        boolean inplace = options.memoryModel().inplace();
        int[] remaining = new int[nt];
        for (int t = 0; t < nt; t++) {
            remaining[t] = graph.consumers(t).size();
        }
        long[] alloc = new long[n];
        long[] freed = new long[n];
        int[] victim = new int[n];
        for (int i = 0; i < n; i++) {
            Ints out = graph.opOutputs(i);
            for (int j = 0; j < out.size(); j++) {
                int t = out.get(j);
                alloc[i] += graph.bytes(t);
                if (graph.consumers(t).isEmpty() && !graph.isGraphOutput(t)) {
                    freed[i] += graph.bytes(t);
                }
            }
            victim[i] = inplace ? MemorySimulator.inplaceCandidate(graph, i) : -1;
        }
        for (int t = 0; t < nt; t++) {
            if (remaining[t] == 1) {
                lastConsumer(graph, t, graph.consumers(t).get(0), alloc, freed, victim);
            }
        }
        boolean[] done = new boolean[n];
        boolean[] ready = new boolean[n];
        int[] version = new int[n];
        int[] indeg = new int[n];
        PriorityQueue<Entry> queue = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            indeg[i] = graph.predecessors(i).size();
            if (indeg[i] == 0) {
                ready[i] = true;
                queue.add(new Entry(alloc[i] - freed[i], alloc[i], i, 0));
            }
        }
        int[] stamp = new int[nt];
        java.util.Arrays.fill(stamp, -1);
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            Entry e = queue.poll();
            while (e.version != version[e.op]) {
                e = queue.poll();
            }
            int i = e.op;
            order[k] = i;
            done[i] = true;
            ready[i] = false;
            Ints in = graph.opInputs(i);
            for (int j = 0; j < in.size(); j++) {
                int t = in.get(j);
                if (stamp[t] == k) {
                    continue;
                }
                stamp[t] = k;
                if (--remaining[t] == 1) {
                    Ints c = graph.consumers(t);
                    int last = -1;
                    for (int m = 0; m < c.size() && last < 0; m++) {
                        if (!done[c.get(m)]) {
                            last = c.get(m);
                        }
                    }
                    lastConsumer(graph, t, last, alloc, freed, victim);
                    if (ready[last]) {
                        queue.add(new Entry(alloc[last] - freed[last], alloc[last], last, ++version[last]));
                    }
                }
            }
            Ints s = graph.successors(i);
            for (int j = 0; j < s.size(); j++) {
                int w = s.get(j);
                if (--indeg[w] == 0) {
                    ready[w] = true;
                    queue.add(new Entry(alloc[w] - freed[w], alloc[w], w, version[w]));
                }
            }
        }
        return order;
    }

    /** Tensor {@code t} now has one consumer left, {@code op}: running it frees {@code t} and may reuse it in place. */
    private static void lastConsumer(Graph graph, int t, int op, long[] alloc, long[] freed, int[] victim) {
        if (graph.isGraphOutput(t)) {
            return;
        }
        freed[op] += graph.bytes(t);
        if (victim[op] == t) {
            alloc[op] -= graph.bytes(graph.opOutputs(op).get(0));
        }
    }
}
