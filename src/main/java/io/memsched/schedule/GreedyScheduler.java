package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.memory.StepCosts;
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

    /**
     * The ranking of a ready operator from its current allocation (outputs less an in-place reuse) and the bytes it
     * frees (inputs it reads last, unread outputs): smaller primary key first, then smaller secondary, then lower
     * index.
     */
    interface Keys {
        /** The first key of operator {@code op}. */
        long primary(int op, long alloc, long freed);

        /** The tie-breaking key of operator {@code op}. */
        long secondary(int op, long alloc, long freed);
    }

    private record Entry(long primary, long secondary, int op, int version) implements Comparable<Entry> {
        static Entry of(Keys keys, int op, long alloc, long freed, int version) {
            return new Entry(keys.primary(op, alloc, freed), keys.secondary(op, alloc, freed), op, version);
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(primary, o.primary);
            if (c == 0) {
                c = Long.compare(secondary, o.secondary);
            }
            return c != 0 ? c : Integer.compare(op, o.op);
        }
    }

    private static final Keys NET_ALLOCATION = new Keys() {
        @Override
        public long primary(int op, long alloc, long freed) {
            return alloc - freed;
        }

        @Override
        public long secondary(int op, long alloc, long freed) {
            return alloc;
        }
    };

    @Override
    int[] order(Graph graph) {
        return lazyOrder(StepCosts.of(graph, options.memoryModel()), NET_ALLOCATION);
    }

    /**
     * The list schedule of the graph of {@code costs} by {@code keys}, kept up to date incrementally (the keys may
     * change only when an input of the operator gets down to its last consumer) in a priority queue with lazy
     * deletion.
     */
    static int[] lazyOrder(StepCosts costs, Keys keys) {
        Graph graph = costs.graph();
        int n = graph.opCount();
        int nt = graph.tensorCount();
        int[] remaining = new int[nt];
        for (int t = 0; t < nt; t++) {
            remaining[t] = graph.consumers(t).size();
        }
        long[] alloc = new long[n];
        long[] freed = new long[n];
        for (int i = 0; i < n; i++) {
            alloc[i] = costs.allocated(i);
            freed[i] = costs.allocated(i) - costs.kept(i);
        }
        for (int t = 0; t < nt; t++) {
            if (remaining[t] == 1) {
                lastConsumer(costs, t, graph.consumers(t).get(0), alloc, freed);
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
                queue.add(Entry.of(keys, i, alloc[i], freed[i], 0));
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
                    lastConsumer(costs, t, last, alloc, freed);
                    if (ready[last]) {
                        queue.add(Entry.of(keys, last, alloc[last], freed[last], ++version[last]));
                    }
                }
            }
            Ints s = graph.successors(i);
            for (int j = 0; j < s.size(); j++) {
                int w = s.get(j);
                if (--indeg[w] == 0) {
                    ready[w] = true;
                    queue.add(Entry.of(keys, w, alloc[w], freed[w], version[w]));
                }
            }
        }
        return order;
    }

    /** Tensor {@code t} now has one consumer left, {@code op}: running it frees {@code t} and may reuse it in place. */
    private static void lastConsumer(StepCosts costs, int t, int op, long[] alloc, long[] freed) {
        if (costs.graph().isGraphOutput(t)) {
            return;
        }
        freed[op] += costs.graph().bytes(t);
        if (costs.victim(op) == t) {
            alloc[op] -= costs.saving(op);
        }
    }
}
