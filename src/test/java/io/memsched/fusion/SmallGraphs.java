package io.memsched.fusion;

import io.memsched.graph.Graph;
import io.memsched.graph.GraphBuilder;
import io.memsched.graph.Ints;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test helpers: seeded random small graphs with multi-consumer tensors, multi-output ops, in-place ops, workspace,
 * graph inputs/outputs; and an exact optimum by dynamic programming over subsets of run operators (equivalent to
 * brute force over all orders, for n up to ~16).
 */
public final class SmallGraphs {
    private SmallGraphs() {
    }

    /** A random graph with {@code n} operators from {@code seed}. */
    public static Graph random(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        GraphBuilder b = Graph.builder("rand" + seed);
        List<String> tensors = new ArrayList<>();
        java.util.Map<String, Long> sizes = new java.util.HashMap<>();
        int inputs = 1 + r.nextInt(2);
        for (int k = 0; k < inputs; k++) {
            long sz = size(r);
            sizes.put("in" + k, sz);
            b.input("in" + k, sz);
            tensors.add("in" + k);
        }
        List<String> produced = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            b.op("op" + i, "T");
            int reads = tensors.isEmpty() ? 0 : 1 + r.nextInt(Math.min(3, tensors.size()));
            List<String> rs = new ArrayList<>();
            for (int k = 0; k < reads; k++) {
                // prefer recent tensors, to make chains and diamonds
                int idx = tensors.size() - 1 - Math.min(tensors.size() - 1, (int) Math.abs(r.nextGaussian() * 2.5));
                rs.add(tensors.get(idx));
            }
            b.reads(rs.toArray(String[]::new));
            int outs = r.nextInt(6) == 0 ? 2 : 1;
            for (int k = 0; k < outs; k++) {
                String t = "t" + i + "_" + k;
                long sz = r.nextInt(3) == 0 ? sizes.get(rs.get(0)) : size(r);
                sizes.put(t, sz);
                b.writes(t, sz);
                tensors.add(t);
                produced.add(t);
            }
            if (r.nextInt(3) == 0) {
                b.inplace();
            }
            if (r.nextInt(8) == 0) {
                b.workspace(1 + r.nextInt(4));
            }
        }
        if (!produced.isEmpty()) {
            b.output(produced.get(produced.size() - 1));
            String extra = produced.get(r.nextInt(produced.size()));
            if (r.nextInt(4) == 0 && !extra.equals(produced.get(produced.size() - 1))) {
                b.output(extra);
            }
        }
        if (r.nextInt(10) == 0) {
            b.output("in0");
        }
        return b.build();
    }

    private static long size(SplittableRandom r) {
        return 1 + r.nextInt(8);
    }

    /** An exact optimum: the minimal peak and one order reaching it. */
    public record Optimum(long peak, int[] order) {
    }

    /** The exact optimal peak of {@code g} under {@code m}, by DP over subsets of run operators. */
    public static Optimum optimum(Graph g, MemoryModel m) {
        int n = g.opCount();
        if (n > 20) {
            throw new IllegalArgumentException("too many operators for the subset DP: " + n);
        }
        int full = (1 << n) - 1;
        long[] best = new long[1 << n];
        int[] from = new int[1 << n];
        java.util.Arrays.fill(best, Long.MAX_VALUE);
        int[] predMask = new int[n];
        for (int i = 0; i < n; i++) {
            Ints p = g.predecessors(i);
            for (int k = 0; k < p.size(); k++) {
                predMask[i] |= 1 << p.get(k);
            }
        }
        int[] consMask = new int[g.tensorCount()];
        for (int t = 0; t < g.tensorCount(); t++) {
            Ints c = g.consumers(t);
            for (int k = 0; k < c.size(); k++) {
                consMask[t] |= 1 << c.get(k);
            }
        }
        best[0] = 0;
        for (int k = 0; k < g.inputIndices().size(); k++) {
            best[0] += g.bytes(g.inputIndices().get(k));
        }
        if (n == 0) {
            return new Optimum(best[0], new int[0]);
        }
        best[0] = Long.MIN_VALUE;
        for (int mask = 0; mask < full; mask++) {
            if (best[mask] == Long.MAX_VALUE) {
                continue;
            }
            long live = live(g, mask, consMask);
            for (int i = 0; i < n; i++) {
                if ((mask >> i & 1) != 0 || (predMask[i] & ~mask) != 0) {
                    continue;
                }
                long alloc = 0;
                Ints out = g.opOutputs(i);
                for (int k = 0; k < out.size(); k++) {
                    alloc += g.bytes(out.get(k));
                }
                if (m.inplace()) {
                    int v = MemorySimulator.inplaceCandidate(g, i);
                    if (v >= 0 && !g.isGraphOutput(v) && (consMask[v] & ~mask) == 1 << i) {
                        alloc -= g.bytes(out.get(0));
                    }
                }
                long ws = m.workspace() ? g.op(i).workspaceBytes() : 0;
                long peak = Math.max(best[mask], live + alloc + ws);
                int next = mask | 1 << i;
                if (peak < best[next]) {
                    best[next] = peak;
                    from[next] = i;
                }
            }
        }
        int[] order = new int[n];
        int mask = full;
        for (int k = n - 1; k >= 0; k--) {
            order[k] = from[mask];
            mask &= ~(1 << from[mask]);
        }
        return new Optimum(best[full], order);
    }

    private static long live(Graph g, int mask, int[] consMask) {
        long s = 0;
        for (int t = 0; t < g.tensorCount(); t++) {
            int p = g.producer(t);
            boolean exists = p < 0 || (mask >> p & 1) != 0;
            if (!exists) {
                continue;
            }
            boolean needed = g.isGraphOutput(t) || (consMask[t] & ~mask) != 0;
            if (p < 0 && consMask[t] == 0 && !g.isGraphOutput(t)) {
                needed = mask == 0;
            }
            if (needed) {
                s += g.bytes(t);
            }
        }
        return s;
    }
}
