package io.memsched.fusion;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.graph.Op;
import io.memsched.graph.Tensor;
import io.memsched.pass.Pass;
import io.memsched.pass.PassContext;
import io.memsched.pass.PassResult;
import io.memsched.pass.PassStats;
import io.memsched.pass.Provenance;
import io.memsched.memory.StepCosts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Base of the rules that merge an edge {@code a -> b} into one operator running {@code a} then {@code b}. One sweep
 * visits the edges in operator-index order and merges every pair the rule accepts and {@link Merge} can represent
 * exactly, each operator in at most one pair. Pairs of one sweep are disjoint, and each rule's premises only ask
 * whether consumer sets lie inside the pair, which merging other, disjoint pairs does not change; so the merges of
 * one sweep are as valid as if they were done one after the other. Time O(n + e) per sweep, plus the rebuild. The
 * sweep polls the context's deadline every {@value #POLL_OPS} operators; when it says stop, the pairs merged so far
 * are kept (each is valid on its own) and the pass reports that it stopped early.
 */
abstract class PairFusion implements Pass {
    /** Operators visited between two polls of the deadline (a power of two). */
    static final int POLL_OPS = 64;

    /** Whether the rule proves that some optimal schedule runs {@code a} immediately before {@code b}. */
    abstract boolean preservesOptimum(StepCosts c, int a, int b);

    @Override
    public PassResult run(Graph g, PassContext context) {
        StepCosts costs = StepCosts.of(g, context.memoryModel());
        int n = g.opCount();
        int[] partner = new int[n];
        java.util.Arrays.fill(partner, -1);
        Op[] merged = new Op[n];
        int merges = 0;
        boolean stopped = false;
        for (int b = 0; b < n; b++) {
            if ((b & (POLL_OPS - 1)) == 0 && context.expired()) {
                stopped = true; // the pairs merged so far are valid on their own (see above)
                break;
            }
            if (partner[b] >= 0) {
                continue;
            }
            Ints preds = g.predecessors(b);
            for (int k = 0; k < preds.size(); k++) {
                int a = preds.get(k);
                if (partner[a] >= 0 || !preservesOptimum(costs, a, b)) {
                    continue;
                }
                Optional<Op> f = Merge.of(costs, a, b);
                if (f.isPresent()) {
                    partner[a] = b;
                    partner[b] = a;
                    merged[b] = f.get();
                    merges++;
                    break;
                }
            }
        }
        if (merges == 0) {
            return PassResult.of(g, g, Provenance.identity(n), stats(n, n, 0, stopped));
        }
        return rebuild(g, partner, merged, merges, stopped);
    }

    private PassStats stats(int before, int after, int merges, boolean stopped) {
        return new PassStats(name(), before, after, Map.of(name(), merges), 1, List.of(), stopped);
    }

    private PassResult rebuild(Graph g, int[] partner, Op[] merged, int merges, boolean stopped) {
        int n = g.opCount();
        Set<String> names = new HashSet<>();
        for (Op op : g.ops()) {
            names.add(op.name());
        }
        List<Op> ops = new ArrayList<>(n - merges);
        List<Ints> members = new ArrayList<>(n - merges);
        Set<String> used = new HashSet<>(g.inputs());
        used.addAll(g.outputs());
        for (int i = 0; i < n; i++) {
            Op op;
            if (merged[i] != null) {
                op = merged[i];
                String base = op.name();
                String name = base;
                for (int k = 2; names.contains(name); k++) {
                    name = base + "#" + k;
                }
                names.add(name);
                op = new Op(name, op.type(), op.inputs(), op.outputs(), op.workspaceBytes(), op.inplace());
                members.add(Ints.of(partner[i], i));
            } else if (partner[i] >= 0) {
                continue;
            } else {
                op = g.op(i);
                members.add(Ints.of(i));
            }
            ops.add(op);
            used.addAll(op.inputs());
            used.addAll(op.outputs());
        }
        List<Tensor> tensors = new ArrayList<>();
        for (Tensor t : g.tensors()) {
            if (used.contains(t.name())) {
                tensors.add(t);
            }
        }
        Graph out = Graph.of(g.name(), tensors, g.inputs(), g.outputs(), ops);
        return PassResult.of(g, out, Provenance.grouping(members, n), stats(n, ops.size(), merges, stopped));
    }

    /** True: the rule merges a pair only when some optimal schedule runs it back to back. */
    @Override
    public boolean preservesOptimum() {
        return true;
    }

    @Override
    public String toString() {
        return name();
    }
}
