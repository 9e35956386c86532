package io.memsched.fusion;

import io.memsched.graph.Graph;
import io.memsched.memory.StepCosts;
import java.util.function.IntPredicate;

/**
 * Fuses {@code a -> b} when {@code b} is {@code a}'s only successor and {@code a} grows memory, so it may as well
 * wait until right before {@code b}: rule C1 of Fradet, Girault and Honorat ("a node A whose only successor is B and
 * whose impact is >= 0 may be delayed to run right before B when peak(B) + impact(A) >= peak(A)"), restated for
 * tensors with several consumers, multi-output operators, graph inputs/outputs and the in-place model. Name
 * {@code fuse-delay-growth}.
 *
 * <p><b>Why some optimal schedule runs them adjacently.</b> Take an optimal order {@code s = .. a X1..Xm b ..} and
 * move {@code a} right before {@code b}: {@code s' = .. X1..Xm a b ..}, valid since no {@code Xi} depends on
 * {@code a} (its only successor is {@code b}). Steps before the old place of {@code a} and from {@code b} on see the
 * same set of run operators, hence the same footprint. Let {@code in(a)} be the bytes of the distinct inputs of
 * {@code a} that are not graph outputs and not read by {@code b}.
 * <ol>
 *   <li>At a step {@code Xi}, {@code s'} lacks {@code kept(a)} (the outputs of {@code a} that outlive its step); it may
 *       hold inputs of {@code a} that {@code s} had freed already, and {@code Xi} may lose an in-place reuse of an
 *       input {@code y} of {@code a} (live in both orders at that step, so not counted twice). Both are inputs of
 *       {@code a} not read by {@code b} (those stay live until {@code b} in both orders), so a step grows by at most
 *       {@code in(a) - kept(a)}; If {@code a} ran first in {@code s}, {@code X1} now runs first and also sees the unread graph inputs
 *       (live during step 1 only), {@code u} bytes; premise (i) {@code in(a) + u <= kept(a)} ({@code u = 0} when
 *       {@code a} has a predecessor) makes every step {@code <= 0}.</li>
 *   <li>The step of {@code a} in {@code s'} costs at most the step of {@code b} (which is unchanged):
 *       {@code fp(b) - fp(a) = kept(a) - freed(a) + reuse(a) - out(a) - ws(a) + out(b) + ws(b) - reuse(b)} with
 *       {@code freed(a) - reuse(a) <= in(a)} and {@code reuse(b) <= out(b)} unless {@code b}'s reuse is impossible;
 *       premise (ii) {@code out(a) + ws(a) + in(a) + reuseMax(b) <= kept(a) + out(b) + ws(b)} makes it
 *       {@code >= 0} in every context.</li>
 * </ol>
 * So {@code peak(s') <= peak(s)}, and {@code s'} is optimal with {@code a, b} adjacent. The merged operator is then
 * exact by {@link Merge}.
 *
 * @see ReleaseEarlyFusion
 */
public final class DelayGrowthFusion extends PairFusion {
    /** The rule. */
    public DelayGrowthFusion() {
    }

    @Override
    public String name() {
        return "fuse-delay-growth";
    }

    @Override
    boolean preservesOptimum(StepCosts c, int a, int b) {
        Graph g = c.graph();
        if (g.successors(a).size() != 1 || g.successors(a).get(0) != b) {
            return false;
        }
        IntPredicate isA = x -> x == a;
        IntPredicate isB = x -> x == b;
        long inA = OpCosts.inputsThatDie(g, a, Death.ALWAYS, Death.NONE, isB)
                + OpCosts.inputsThatDie(g, a, Death.MAYBE, Death.NONE, isB);
        long firstStep = c.firstStepRelease(a);
        if (inA + firstStep > c.kept(a)) {
            return false;
        }
        long keptA = c.kept(a);
        if (inA > keptA) {
            return false;
        }
        long outB = c.allocated(b);
        long reuseMaxB = OpCosts.victimDeath(c, b, isA, Death.NONE) != Death.NEVER ? c.saving(b) : 0;
        long lhs = c.allocated(a) + c.workspace(a) + inA + reuseMaxB;
        long rhs = keptA + outB + c.workspace(b);
        return lhs <= rhs;
    }
}
