package io.memsched.memory;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one shared simulator of docs/ARCHITECTURE.md, "The memory model": checks that an order is a valid schedule and computes its peak,
 * its per-step timeline and the tensor lifetimes. Every scheduler's result goes through it.
 *
 * <p>Model: the step-cost rule of {@link StepCosts} (live set before step 1, footprint of a step, what leaves the
 * live set after it, in-place reuse), applied step by step with a count of each tensor's consumers still to run.
 *
 * <p>Time and memory O(n + e) for n operators and e operator-tensor incidences.
 */
public final class MemorySimulator {
    private MemorySimulator() {
    }

    /** The peak of {@code order} (operator indices), after checking that it is a valid schedule. */
    public static long peak(Graph graph, MemoryModel model, int[] order) {
        return run(graph, model, order, false).peakBytes();
    }

    /** The full timeline of {@code order} (operator indices), after checking that it is a valid schedule. */
    public static MemoryTimeline simulate(Graph graph, MemoryModel model, int[] order) {
        return run(graph, model, order, true);
    }

    /** The full timeline of an order given by operator names. */
    public static MemoryTimeline simulate(Graph graph, MemoryModel model, List<String> opNames) {
        return simulate(graph, model, indicesOf(graph, opNames));
    }

    /** Operator indices of {@code opNames}; an {@link InvalidScheduleException} naming an unknown operator. */
    public static int[] indicesOf(Graph graph, List<String> opNames) {
        int[] order = new int[opNames.size()];
        for (int k = 0; k < order.length; k++) {
            String name = opNames.get(k);
            order[k] = graph.findOp(name).orElseThrow(() -> new InvalidScheduleException(
                    "graph '" + graph.name() + "': the order names op '" + name + "', which the graph does not have"));
        }
        return order;
    }

    /**
     * Checks that {@code order} runs every operator exactly once, each after its predecessors.
     *
     * @throws InvalidScheduleException naming the first operator at fault
     */
    public static void validate(Graph graph, int[] order) {
        Objects.requireNonNull(order, "order");
        int n = graph.opCount();
        String g = "graph '" + graph.name() + "': ";
        boolean[] done = new boolean[n];
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            if (i < 0 || i >= n) {
                throw new InvalidScheduleException(g + "step " + (k + 1) + " names operator index " + i
                        + ", out of range");
            }
            if (done[i]) {
                throw new InvalidScheduleException(g + "op '" + graph.op(i).name() + "' is scheduled twice");
            }
            Ints p = graph.predecessors(i);
            for (int j = 0; j < p.size(); j++) {
                if (!done[p.get(j)]) {
                    throw new InvalidScheduleException(g + "op '" + graph.op(i).name() + "' runs before its predecessor '"
                            + graph.op(p.get(j)).name() + "'");
                }
            }
            done[i] = true;
        }
        if (order.length != n) {
            for (int i = 0; i < n; i++) {
                if (!done[i]) {
                    throw new InvalidScheduleException(g + "op '" + graph.op(i).name() + "' is never scheduled");
                }
            }
        }
    }

    private static MemoryTimeline run(Graph graph, MemoryModel model, int[] order, boolean detail) {
        validate(graph, order);
        StepCosts costs = StepCosts.of(graph, model);
        int n = graph.opCount();
        int nt = graph.tensorCount();
        int[] remaining = new int[nt];
        int[] first = detail ? new int[nt] : null;
        int[] last = detail ? new int[nt] : null;
        for (int t = 0; t < nt; t++) {
            remaining[t] = graph.consumers(t).size();
        }
        Ints ins = graph.inputIndices();
        long live = costs.inputBytes();
        long peak = n == 0 ? live : -1;
        int peakStep = 0;
        List<MemoryTimeline.Step> steps = detail ? new ArrayList<>(n) : null;
        int[] stamp = new int[nt];
        java.util.Arrays.fill(stamp, -1);
        for (int k = 0; k < n; k++) {
            int i = order[k];
            var op = graph.op(i);
            Ints in = graph.opInputs(i);
            Ints out = graph.opOutputs(i);
            int victim = costs.victim(i);
            boolean reused = victim >= 0 && remaining[victim] == 1;
            long footprint = costs.footprint(live, i, reused);
            if (footprint > peak) {
                peak = footprint;
                peakStep = k + 1;
            }
            long before = live;
            live += costs.allocated(i);
            long freed = 0;
            for (int j = 0; j < in.size(); j++) {
                int t = in.get(j);
                if (stamp[t] == k) {
                    continue;
                }
                stamp[t] = k;
                if (--remaining[t] == 0 && !graph.isGraphOutput(t)) {
                    freed += graph.bytes(t);
                    if (detail) {
                        last[t] = k + 1;
                    }
                }
            }
            for (int j = 0; j < out.size(); j++) {
                int t = out.get(j);
                if (detail) {
                    first[t] = k + 1;
                }
                if (remaining[t] == 0 && !graph.isGraphOutput(t)) {
                    freed += graph.bytes(t);
                    if (detail) {
                        last[t] = k + 1;
                    }
                }
            }
            if (k == 0) {
                for (int j = 0; j < ins.size(); j++) {
                    int t = ins.get(j);
                    if (graph.consumers(t).isEmpty() && !graph.isGraphOutput(t)) {
                        freed += graph.bytes(t);
                        if (detail) {
                            last[t] = 1;
                        }
                    }
                }
            }
            live -= freed;
            if (detail) {
                long alloc = costs.allocated(i) - (reused ? costs.saving(i) : 0);
                steps.add(new MemoryTimeline.Step(k + 1, op.name(), before, alloc, costs.workspace(i), footprint, freed,
                        reused));
            }
        }
        if (!detail) {
            return new MemoryTimeline(model, peak, peakStep, List.of(), List.of());
        }
        List<MemoryTimeline.Lifetime> lifetimes = new ArrayList<>(nt);
        for (int t = 0; t < nt; t++) {
            int end = graph.isGraphOutput(t) ? n : last[t];
            lifetimes.add(new MemoryTimeline.Lifetime(graph.tensor(t).name(), graph.bytes(t), first[t], end));
        }
        return new MemoryTimeline(model, peak, peakStep, steps, lifetimes);
    }
}
