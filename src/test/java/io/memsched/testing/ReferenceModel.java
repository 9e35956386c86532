package io.memsched.testing;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import java.util.BitSet;

/**
 * docs/ARCHITECTURE.md, "The memory model" written as directly as possible, independent of the production simulator: the live set after a
 * set {@code S} of operators has run, and the footprint of running one more operator. Slow (O(tensors * degree) per
 * call) and obviously correct; tests use it to re-simulate orders and the brute-force oracle builds on it.
 */
public final class ReferenceModel {
    private final Graph g;
    private final MemoryModel model;

    /** The model of {@code graph} under {@code model}. */
    public ReferenceModel(Graph graph, MemoryModel model) {
        this.g = graph;
        this.model = model;
    }

    /** Whether tensor {@code t} is live once exactly the operators in {@code done} have run. */
    public boolean live(int t, BitSet done) {
        int p = g.producer(t);
        boolean exists = p < 0 || done.get(p);
        if (!exists) {
            return false;
        }
        if (g.isGraphOutput(t)) {
            return true;
        }
        var c = g.consumers(t);
        if (c.isEmpty()) {
            // an unconsumed graph input lives until step 1 ends; an unconsumed produced tensor dies at once
            return p < 0 && done.isEmpty();
        }
        for (int k = 0; k < c.size(); k++) {
            if (!done.get(c.get(k))) {
                return true;
            }
        }
        return false;
    }

    /** Bytes live once exactly the operators in {@code done} have run. */
    public long liveBytes(BitSet done) {
        long s = 0;
        for (int t = 0; t < g.tensorCount(); t++) {
            if (live(t, done)) {
                s += g.bytes(t);
            }
        }
        return s;
    }

    /** The footprint of running operator {@code op} after exactly the operators in {@code done}. */
    public long footprint(BitSet done, int op) {
        long s = liveBytes(done);
        var out = g.opOutputs(op);
        for (int k = 0; k < out.size(); k++) {
            s += g.bytes(out.get(k));
        }
        if (model.workspace()) {
            s += g.op(op).workspaceBytes();
        }
        if (model.inplace() && g.op(op).inplace() && out.size() == 1) {
            long size = g.bytes(out.get(0));
            var in = g.opInputs(op);
            int victim = -1;
            for (int k = 0; k < in.size(); k++) {
                if (g.bytes(in.get(k)) == size) {
                    victim = in.get(k);
                    break;
                }
            }
            if (victim >= 0 && !g.isGraphOutput(victim)) {
                boolean dies = true;
                var c = g.consumers(victim);
                for (int k = 0; k < c.size(); k++) {
                    if (c.get(k) != op && !done.get(c.get(k))) {
                        dies = false;
                    }
                }
                if (dies) {
                    s -= size;
                }
            }
        }
        return s;
    }

    /** Whether every predecessor of {@code op} is in {@code done}. */
    public boolean ready(BitSet done, int op) {
        var p = g.predecessors(op);
        for (int k = 0; k < p.size(); k++) {
            if (!done.get(p.get(k))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The peak of {@code order}, or an {@link AssertionError} naming the first fault when it is not a valid
     * schedule (not a permutation, or an operator before its predecessor).
     */
    public long peak(int[] order) {
        int n = g.opCount();
        if (order.length != n) {
            throw new AssertionError("order has " + order.length + " operators, graph has " + n);
        }
        BitSet done = new BitSet(n);
        long peak = n == 0 ? liveBytes(done) : Long.MIN_VALUE;
        for (int op : order) {
            if (op < 0 || op >= n || done.get(op)) {
                throw new AssertionError("operator index " + op + " out of range or repeated");
            }
            if (!ready(done, op)) {
                throw new AssertionError("op '" + g.op(op).name() + "' runs before a predecessor");
            }
            peak = Math.max(peak, footprint(done, op));
            done.set(op);
        }
        return peak;
    }
}
