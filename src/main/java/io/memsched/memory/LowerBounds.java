package io.memsched.memory;

import io.memsched.graph.Graph;

/**
 * Lower bounds on the peak that hold for every valid order under a memory model:
 * <ul>
 *   <li>every operator's footprint counts its distinct inputs (live when it runs), its outputs and its workspace;
 *       under the in-place model an operator with a victim may not count its output
 *       ({@link StepCosts#minFootprint});</li>
 *   <li>step 1 counts all graph inputs;</li>
 *   <li>the last step counts every graph output (each is live, being produced, or in the buffer it reuses).</li>
 * </ul>
 * Time O(n + e).
 */
public final class LowerBounds {
    private LowerBounds() {
    }

    /** The largest of the bounds above. */
    public static long simple(Graph graph, MemoryModel model) {
        StepCosts costs = StepCosts.of(graph, model);
        long best = costs.inputBytes();
        if (graph.opCount() > 0) {
            best = Math.max(best, costs.outputBytes());
        }
        for (int i = 0; i < graph.opCount(); i++) {
            best = Math.max(best, costs.minFootprint(i));
        }
        return best;
    }

    /**
     * The smallest footprint operator {@code i} can have in any order ({@link StepCosts#minFootprint}); builds the
     * step costs of the whole graph, O(n + e): for many operators build them once.
     */
    public static long operatorFootprint(Graph graph, MemoryModel model, int i) {
        return StepCosts.of(graph, model).minFootprint(i);
    }
}
