package io.memsched.fusion;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.memory.StepCosts;
import java.util.function.IntPredicate;

/**
 * The fusion rules' view of the step costs: the byte counts come from {@link StepCosts} (the one statement of the
 * memory model); what is added here is how an input or the in-place victim dies at an operator given what is known
 * to run before and after it ({@link Death}).
 */
final class OpCosts {
    private OpCosts() {
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

    /** How the in-place victim of {@code i} dies at {@code i} ({@link Death#NEVER} when there is no victim). */
    static Death victimDeath(StepCosts c, int i, IntPredicate before, IntPredicate after) {
        int v = c.victim(i);
        return v < 0 ? Death.NEVER : Death.of(c.graph(), v, i, before, after);
    }
}
