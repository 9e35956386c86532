package io.memsched.rewrite;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import java.util.HashMap;
import java.util.Map;

/**
 * A test oracle written from docs/ARCHITECTURE.md, "The memory model" without the production simulator: the peak of an order, and the
 * optimal peak by dynamic programming over sets of scheduled operators (n at most 20).
 */
final class IndependentPeak {
    private IndependentPeak() {
    }

    /** The peak of {@code order}, re-simulated from scratch (any number of operators). */
    static long peak(Graph g, MemoryModel model, int[] order) {
        int nt = g.tensorCount();
        boolean[] done = new boolean[g.opCount()];
        int[] pending = new int[nt];
        boolean[] live = new boolean[nt];
        long liveBytes = 0;
        for (int t = 0; t < nt; t++) {
            pending[t] = g.consumers(t).size();
            if (g.isGraphInput(t)) {
                live[t] = true;
                liveBytes += g.bytes(t);
            }
        }
        long peak = order.length == 0 ? liveBytes : 0;
        for (int step = 0; step < order.length; step++) {
            int u = order[step];
            var outs = g.opOutputs(u);
            long alloc = 0;
            for (int k = 0; k < outs.size(); k++) {
                alloc += g.bytes(outs.get(k));
            }
            java.util.Set<Integer> reads = new java.util.LinkedHashSet<>();
            for (int k = 0; k < g.opInputs(u).size(); k++) {
                reads.add(g.opInputs(u).get(k));
            }
            if (model.inplace() && g.op(u).inplace() && outs.size() == 1) {
                long size = g.bytes(outs.get(0));
                for (int k = 0; k < g.opInputs(u).size(); k++) {
                    int t = g.opInputs(u).get(k);
                    if (g.bytes(t) == size) {
                        if (!g.isGraphOutput(t) && pending[t] == 1) {
                            alloc -= size;
                        }
                        break;
                    }
                }
            }
            long ws = model.workspace() ? g.op(u).workspaceBytes() : 0;
            peak = Math.max(peak, liveBytes + alloc + ws);
            done[u] = true;
            for (int k = 0; k < outs.size(); k++) {
                live[outs.get(k)] = true;
                liveBytes += g.bytes(outs.get(k));
            }
            for (int t : reads) {
                pending[t]--;
            }
            for (int t = 0; t < nt; t++) {
                boolean dead = pending[t] == 0 && !g.isGraphOutput(t);
                if (live[t] && dead) {
                    live[t] = false;
                    liveBytes -= g.bytes(t);
                }
            }
        }
        return peak;
    }

    /** The smallest peak over all topological orders. */
    static long optimum(Graph g, MemoryModel model) {
        int n = g.opCount();
        if (n > 20) {
            throw new IllegalArgumentException("graph '" + g.name() + "' has " + n + " ops, too many for the oracle");
        }
        if (n == 0) {
            return live(g, 0);
        }
        Map<Long, Long> best = new HashMap<>();
        best.put(0L, 0L);
        for (int step = 0; step < n; step++) {
            Map<Long, Long> next = new HashMap<>();
            for (Map.Entry<Long, Long> e : best.entrySet()) {
                long mask = e.getKey();
                for (int u = 0; u < n; u++) {
                    if ((mask >> u & 1) != 0 || !ready(g, mask, u)) {
                        continue;
                    }
                    long p = Math.max(e.getValue(), footprint(g, model, mask, u));
                    next.merge(mask | 1L << u, p, Math::min);
                }
            }
            best = next;
        }
        return best.values().iterator().next();
    }

    private static boolean ready(Graph g, long mask, int u) {
        for (int k = 0; k < g.predecessors(u).size(); k++) {
            if ((mask >> g.predecessors(u).get(k) & 1) == 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean allConsumersIn(Graph g, long mask, int t) {
        for (int k = 0; k < g.consumers(t).size(); k++) {
            if ((mask >> g.consumers(t).get(k) & 1) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Bytes live once the operators in {@code mask} have run. */
    private static long live(Graph g, long mask) {
        long sum = 0;
        for (int t = 0; t < g.tensorCount(); t++) {
            int p = g.producer(t);
            boolean exists = p < 0 || (mask >> p & 1) != 0;
            boolean dead = !g.isGraphOutput(t) && allConsumersIn(g, mask, t) && (p >= 0 || mask != 0);
            if (exists && !dead) {
                sum += g.bytes(t);
            }
        }
        return sum;
    }

    private static long footprint(Graph g, MemoryModel model, long mask, int u) {
        long f = live(g, mask);
        var outs = g.opOutputs(u);
        for (int k = 0; k < outs.size(); k++) {
            f += g.bytes(outs.get(k));
        }
        if (model.inplace() && g.op(u).inplace() && outs.size() == 1) {
            long size = g.bytes(outs.get(0));
            for (int k = 0; k < g.opInputs(u).size(); k++) {
                int t = g.opInputs(u).get(k);
                if (g.bytes(t) == size) {
                    if (!g.isGraphOutput(t) && allConsumersIn(g, mask | 1L << u, t)) {
                        f -= size;
                    }
                    break;
                }
            }
        }
        if (model.workspace()) {
            f += g.op(u).workspaceBytes();
        }
        return f;
    }
}
