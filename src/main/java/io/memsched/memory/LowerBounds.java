package io.memsched.memory;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;

/**
 * Lower bounds on the peak that hold for every valid order under a memory model:
 * <ul>
 *   <li>every operator's footprint counts its distinct inputs (live when it runs), its outputs and its workspace;
 *       under the in-place model an in-place operator whose first same-sized input is not a graph output may not
 *       count its output;</li>
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
        long best = 0;
        Ints ins = graph.inputIndices();
        long inputs = 0;
        for (int k = 0; k < ins.size(); k++) {
            inputs = Math.addExact(inputs, graph.bytes(ins.get(k)));
        }
        best = inputs;
        long outs = 0;
        Ints o = graph.outputIndices();
        for (int k = 0; k < o.size(); k++) {
            outs = Math.addExact(outs, graph.bytes(o.get(k)));
        }
        if (graph.opCount() > 0) {
            best = Math.max(best, outs);
        }
        for (int i = 0; i < graph.opCount(); i++) {
            best = Math.max(best, operatorFootprint(graph, model, i));
        }
        return best;
    }

    /** The smallest footprint operator {@code i} can have in any order: its distinct inputs, outputs and workspace. */
    public static long operatorFootprint(Graph graph, MemoryModel model, int i) {
        long s = 0;
        Ints in = graph.opInputs(i);
        if (in.size() <= 16) {
            for (int j = 0; j < in.size(); j++) {
                int t = in.get(j);
                boolean dup = false;
                for (int m = 0; m < j; m++) {
                    if (in.get(m) == t) {
                        dup = true;
                        break;
                    }
                }
                if (!dup) {
                    s = Math.addExact(s, graph.bytes(t));
                }
            }
        } else {
            // many inputs (a wide concat): dedupe by sorting, not by the quadratic scan
            int[] sorted = new int[in.size()];
            for (int j = 0; j < sorted.length; j++) {
                sorted[j] = in.get(j);
            }
            java.util.Arrays.sort(sorted);
            for (int j = 0; j < sorted.length; j++) {
                if (j == 0 || sorted[j] != sorted[j - 1]) {
                    s = Math.addExact(s, graph.bytes(sorted[j]));
                }
            }
        }
        Ints out = graph.opOutputs(i);
        for (int j = 0; j < out.size(); j++) {
            s = Math.addExact(s, graph.bytes(out.get(j)));
        }
        if (model.inplace()) {
            int victim = MemorySimulator.inplaceCandidate(graph, i);
            if (victim >= 0 && !graph.isGraphOutput(victim)) {
                s -= graph.bytes(out.get(0));
            }
        }
        if (model.workspace()) {
            s = Math.addExact(s, graph.op(i).workspaceBytes());
        }
        return s;
    }
}
