package io.memsched.fusion;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import java.util.function.IntPredicate;

/** Per-operator byte counts of the memory model, as the fusion rules and the merge need them. */
final class OpCosts {
    private OpCosts() {
    }

    /**
     * Bytes of the graph inputs that no operator reads and that are not graph outputs: live during step 1 only, so
     * whichever operator runs first sees them and the next one does not.
     */
    static long unreadInputs(Graph g) {
        long s = 0;
        Ints in = g.inputIndices();
        for (int k = 0; k < in.size(); k++) {
            int t = in.get(k);
            if (g.consumers(t).isEmpty() && !g.isGraphOutput(t)) {
                s += g.bytes(t);
            }
        }
        return s;
    }

    /** Bytes that may leave the live set right after {@code i} runs first: {@link #unreadInputs} if it can. */
    static long firstStepRelease(Graph g, int i) {
        return g.predecessors(i).isEmpty() ? unreadInputs(g) : 0;
    }

    /** Bytes of all outputs of {@code i} (allocated at its step). */
    static long out(Graph g, int i) {
        long s = 0;
        Ints o = g.opOutputs(i);
        for (int k = 0; k < o.size(); k++) {
            s += g.bytes(o.get(k));
        }
        return s;
    }

    /** Bytes of the outputs of {@code i} that outlive its step (consumed later, or graph outputs). */
    static long kept(Graph g, int i) {
        long s = 0;
        Ints o = g.opOutputs(i);
        for (int k = 0; k < o.size(); k++) {
            int t = o.get(k);
            if (g.isGraphOutput(t) || !g.consumers(t).isEmpty()) {
                s += g.bytes(t);
            }
        }
        return s;
    }

    /** Workspace of {@code i} as the model counts it. */
    static long ws(Graph g, MemoryModel m, int i) {
        return m.workspace() ? g.op(i).workspaceBytes() : 0;
    }

    /** The input whose buffer {@code i} may reuse under the model, or -1. */
    static int victim(Graph g, MemoryModel m, int i) {
        return m.inplace() ? MemorySimulator.inplaceCandidate(g, i) : -1;
    }

    /** Distinct inputs of {@code i}, in first-read order. */
    static int[] distinctInputs(Graph g, int i) {
        Ints in = g.opInputs(i);
        int[] d = new int[in.size()];
        int n = 0;
        outer:
        for (int k = 0; k < in.size(); k++) {
            int t = in.get(k);
            for (int j = 0; j < n; j++) {
                if (d[j] == t) {
                    continue outer;
                }
            }
            d[n++] = t;
        }
        return java.util.Arrays.copyOf(d, n);
    }

    /** Bytes of the distinct inputs of {@code i} whose death at {@code i} is {@code kind}. */
    static long inputsThatDie(Graph g, int i, Death kind, IntPredicate before, IntPredicate after) {
        long s = 0;
        for (int t : distinctInputs(g, i)) {
            if (Death.of(g, t, i, before, after) == kind) {
                s += g.bytes(t);
            }
        }
        return s;
    }

    /** How the victim of {@code i} dies at {@code i} ({@link Death#NEVER} when there is no victim). */
    static Death victimDeath(Graph g, MemoryModel m, int i, IntPredicate before, IntPredicate after) {
        int v = victim(g, m, i);
        return v < 0 ? Death.NEVER : Death.of(g, v, i, before, after);
    }
}
