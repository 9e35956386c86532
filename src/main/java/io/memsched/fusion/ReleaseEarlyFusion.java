package io.memsched.fusion;

import io.memsched.graph.Graph;
import io.memsched.memory.StepCosts;
import java.util.function.IntPredicate;

/**
 * Fuses {@code a -> b} when {@code b}'s only predecessor is {@code a} and running {@code b} right after {@code a}
 * frees memory without raising the peak: rule C2 of Fradet, Girault and Honorat ("a node B whose only predecessor
 * is A and whose impact is <= 0 may run right after A when peak(A) >= impact(A) + peak(B)"), restated for tensors
 * with several consumers, multi-output operators, graph inputs/outputs and the in-place model. Name
 * {@code fuse-release-early}.
 *
 * <p><b>Why some optimal schedule runs them adjacently.</b> Take an optimal order {@code s = .. a X1..Xm b ..} and
 * move {@code b} right after {@code a}: {@code s' = .. a b X1..Xm ..}. This is valid, since {@code b}'s only
 * predecessor is {@code a}. Steps before {@code a} and after the old place of {@code b} see the same set of run
 * operators, hence the same live set and footprint. In {@code s'}:
 * <ol>
 *   <li>At each step {@code Xi} the live set differs from {@code s} by {@code +kept(b)} (the outputs of {@code b}
 *       that outlive its step) and {@code -f(b)} at least, where {@code f(b)} are the inputs of {@code b} that die at
 *       {@code b} whatever the context (all their other consumers are {@code a}; not graph outputs): they were live at
 *       {@code Xi} in {@code s} and are dead in {@code s'}. Every other tensor dies no later in {@code s'} than in
 *       {@code s} (consumers only run earlier), so every in-place reuse of {@code s} still happens. Premise (i),
 *       {@code kept(b) <= f(b)}, makes no {@code Xi} step grow.</li>
 *   <li>The step of {@code b} in {@code s'} costs at most the step of {@code a} (which is unchanged):
 *       {@code fp(b) - fp(a) = kept(a) - freed(a) - out(a) - ws(a) + reuse(a) + out(b) + ws(b) - reuse(b)}. With
 *       {@code freed(a) - reuse(a) >= det(a) - (reuse(a) certain ? out(a) : 0)} and {@code reuse(b) >= } its certain
 *       part, premise (ii) {@code out(b) + ws(b) - reuseMin(b) <= ws(a) + out(a) - kept(a) + det(a) - reuseSure(a)}
 *       makes it {@code <= 0} in every context.</li>
 * </ol>
 * So {@code peak(s') <= peak(s)}, and {@code s'} is optimal with {@code a, b} adjacent. The merged operator is then
 * exact by {@link Merge}.
 *
 * @see DelayGrowthFusion
 */
public final class ReleaseEarlyFusion extends PairFusion {
    /** The rule. */
    public ReleaseEarlyFusion() {
    }

    @Override
    public String name() {
        return "fuse-release-early";
    }

    @Override
    boolean preservesOptimum(StepCosts c, int a, int b) {
        Graph g = c.graph();
        if (g.predecessors(b).size() != 1 || g.predecessors(b).get(0) != a) {
            return false;
        }
        IntPredicate isA = x -> x == a;
        IntPredicate isB = x -> x == b;
        long freedB = OpCosts.inputsThatDie(g, b, Death.ALWAYS, isA, Death.NONE);
        if (c.kept(b) > freedB) {
            return false;
        }
        long reuseMinB = OpCosts.victimDeath(c, b, isA, Death.NONE) == Death.ALWAYS ? c.saving(b) : 0;
        long reuseSureA = OpCosts.victimDeath(c, a, Death.NONE, isB) == Death.ALWAYS ? c.saving(a) : 0;
        long detA = OpCosts.inputsThatDie(g, a, Death.ALWAYS, Death.NONE, isB);
        long lhs = c.allocated(b) + c.workspace(b) - reuseMinB;
        long rhs = c.workspace(a) + c.allocated(a) - c.kept(a) + detA - reuseSureA;
        return lhs <= rhs;
    }
}
