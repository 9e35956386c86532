package io.memsched.fusion;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.graph.Op;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.StepCosts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The exact single-operator form of "run {@code a}, then {@code b} right after it".
 *
 * <p>Let {@code L} be the live bytes before the pair runs. The memory model gives the two steps the footprints
 * {@code L + qa} and {@code L + qb - c}, where
 * <ul>
 *   <li>{@code qa = out(a) + ws(a) - reuse(a)};</li>
 *   <li>{@code qb = kept(a) - det(a) + out(b) + ws(b) - reuse(b)}, {@code kept(a)} the outputs of {@code a} that
 *       outlive its step and {@code det(a)} the inputs of {@code a} that always die there ({@code a} is their
 *       only consumer and they are not graph outputs);</li>
 *   <li>{@code c >= 0} the inputs of {@code a} that die at {@code a} in some contexts only (another consumer outside
 *       the pair may or may not have run), plus the unread graph inputs when {@code a} may run first (they leave
 *       the live set after step 1).</li>
 * </ul>
 * An operator {@code f} with the external inputs, the outputs used outside the pair (or graph outputs) and workspace
 * {@code w} costs {@code L + out(f) + w} and leaves the same live set as the pair. So {@code f} is exact when
 * {@code reuse(a)} and {@code reuse(b)} do not depend on the context, when {@code qa >= qb} or {@code c} is always 0,
 * and when {@code w = max(qa, qb) - out(f) >= 0} (and {@code w = 0} if the model ignores workspace). Otherwise there is
 * no exact merge and the rules must not fire.
 */
final class Merge {
    private Merge() {
    }

    /** The exact merged operator for {@code a} then {@code b} in the graph of {@code c}, or empty when none exists. */
    static Optional<Op> of(StepCosts c, int a, int b) {
        Graph g = c.graph();
        MemoryModel m = c.model();
        java.util.function.IntPredicate isA = x -> x == a;
        java.util.function.IntPredicate isB = x -> x == b;
        Death ra = OpCosts.victimDeath(c, a, Death.NONE, isB);
        Death rb = OpCosts.victimDeath(c, b, isA, Death.NONE);
        if (ra == Death.MAYBE || rb == Death.MAYBE) {
            return Optional.empty();
        }
        long qa = c.allocated(a) + c.workspace(a) - (ra == Death.ALWAYS ? c.saving(a) : 0);
        long det = OpCosts.inputsThatDie(g, a, Death.ALWAYS, Death.NONE, isB);
        long maybe = OpCosts.inputsThatDie(g, a, Death.MAYBE, Death.NONE, isB) + c.firstStepRelease(a);
        long qb = c.kept(a) - det + c.allocated(b) + c.workspace(b) - (rb == Death.ALWAYS ? c.saving(b) : 0);
        if (maybe > 0 && qb > qa) {
            return Optional.empty();
        }
        List<String> outs = new ArrayList<>();
        long outF = 0;
        for (int i : new int[] {a, b}) {
            Ints o = g.opOutputs(i);
            for (int k = 0; k < o.size(); k++) {
                int t = o.get(k);
                if (g.isGraphOutput(t) || usedOutside(g, t, a, b)) {
                    outs.add(g.tensor(t).name());
                    outF += g.bytes(t);
                }
            }
        }
        long w = Math.max(qa, qb) - outF;
        if (w < 0 || !m.workspace() && w != 0) {
            return Optional.empty();
        }
        Set<String> ins = new LinkedHashSet<>();
        for (int i : new int[] {a, b}) {
            for (int t : OpCosts.distinctInputs(g, i)) {
                if (g.producer(t) != a) {
                    ins.add(g.tensor(t).name());
                }
            }
        }
        String name = g.op(a).name() + "+" + g.op(b).name();
        return Optional.of(new Op(name, "Fused", List.copyOf(ins), outs, m.workspace() ? w : 0, false));
    }

    private static boolean usedOutside(Graph g, int t, int a, int b) {
        Ints c = g.consumers(t);
        for (int k = 0; k < c.size(); k++) {
            if (c.get(k) != a && c.get(k) != b) {
                return true;
            }
        }
        return false;
    }
}
