package io.memsched.fusion;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import java.util.function.IntPredicate;

/** Whether a tensor dies at one of its consumers, given what is known to run before and after it. */
enum Death {
    /** The tensor never dies at this consumer (a graph output, or another consumer runs later). */
    NEVER,
    /** It depends on where the other consumers run. */
    MAYBE,
    /** It always dies here: every other consumer is known to run before. */
    ALWAYS;

    static final IntPredicate NONE = i -> false;

    /** Whether tensor {@code t}, read by {@code op}, dies at {@code op}. */
    static Death of(Graph g, int t, int op, IntPredicate before, IntPredicate after) {
        if (g.isGraphOutput(t)) {
            return NEVER;
        }
        Ints cons = g.consumers(t);
        boolean all = true;
        for (int k = 0; k < cons.size(); k++) {
            int c = cons.get(k);
            if (c == op) {
                continue;
            }
            if (after.test(c)) {
                return NEVER;
            }
            all &= before.test(c);
        }
        return all ? ALWAYS : MAYBE;
    }
}
