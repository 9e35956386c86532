package io.memsched.memory;

import io.memsched.graph.Graph;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an arena planner places: the buffers of one order, each with a size and the steps it is alive.
 *
 * <p>Built from the shared simulator's lifetimes. A buffer holds one tensor, or, under the in-place model, a tensor
 * and the in-place outputs written into it (they share an offset; the buffer lives from the first one's birth to the
 * last one's death); when workspace counts, each operator's workspace is a buffer alive at its step. At every step
 * the buffers alive add up to the simulator's footprint, so an arena is never smaller than the peak.
 *
 * @param graphName the graph's name
 * @param model the memory model
 * @param steps number of steps (operators)
 * @param peakBytes the order's peak, from the shared simulator
 * @param buffers the buffers, in tensor order, then workspaces in step order
 */
public record ArenaProblem(String graphName, MemoryModel model, int steps, long peakBytes, List<Buffer> buffers) {

    /** Copies the list. */
    public ArenaProblem {
        Objects.requireNonNull(graphName, "graphName");
        Objects.requireNonNull(model, "model");
        buffers = List.copyOf(buffers);
    }

    /**
     * One buffer.
     *
     * @param index position in {@link ArenaProblem#buffers()}
     * @param tensors the tensors stored in it (more than one after in-place reuse), or {@code op (workspace)}
     * @param bytes size
     * @param firstStep first step it is alive (0 for a graph input)
     * @param lastStep last step it is alive
     * @param workspace whether it is an operator's workspace rather than tensors
     */
    public record Buffer(int index, List<String> tensors, long bytes, int firstStep, int lastStep, boolean workspace) {
        /** Copies the list. */
        public Buffer {
            tensors = List.copyOf(tensors);
        }

        /** Whether this buffer and {@code o} are alive at a common step. */
        public boolean overlapsInTime(Buffer o) {
            return firstStep <= o.lastStep && o.firstStep <= lastStep;
        }

        /** The buffer's name: its tensors joined by {@code +}. */
        public String name() {
            return String.join("+", tensors);
        }
    }

    /** The buffers of {@code order} on {@code graph} under {@code model} (the order is checked first). */
    public static ArenaProblem of(Graph graph, MemoryModel model, int[] order) {
        MemoryTimeline tl = MemorySimulator.simulate(graph, model, order);
        int nt = graph.tensorCount();
        int[] root = new int[nt];
        for (int t = 0; t < nt; t++) {
            root[t] = t;
        }
        for (int k = 0; k < order.length; k++) {
            if (tl.steps().get(k).inplace()) {
                int victim = StepCosts.inplaceCandidate(graph, order[k]);
                int out = graph.opOutputs(order[k]).get(0);
                root[out] = find(root, victim);
            }
        }
        List<List<String>> names = new ArrayList<>();
        int[] first = new int[nt];
        int[] last = new int[nt];
        long[] bytes = new long[nt];
        int[] slot = new int[nt];
        java.util.Arrays.fill(slot, -1);
        List<Integer> roots = new ArrayList<>();
        for (int t = 0; t < nt; t++) {
            int r = find(root, t);
            MemoryTimeline.Lifetime l = tl.lifetimes().get(t);
            if (slot[r] < 0) {
                slot[r] = roots.size();
                roots.add(r);
                names.add(new ArrayList<>());
                first[r] = l.firstStep();
                last[r] = l.lastStep();
                bytes[r] = l.bytes();
            }
            names.get(slot[r]).add(l.tensor());
            first[r] = Math.min(first[r], l.firstStep());
            last[r] = Math.max(last[r], l.lastStep());
        }
        List<Buffer> buffers = new ArrayList<>();
        for (int s = 0; s < roots.size(); s++) {
            int r = roots.get(s);
            buffers.add(new Buffer(s, names.get(s), bytes[r], first[r], last[r], false));
        }
        for (int k = 0; k < order.length; k++) {
            long ws = tl.steps().get(k).workspaceBytes();
            if (ws > 0) {
                buffers.add(new Buffer(buffers.size(), List.of(graph.op(order[k]).name() + " (workspace)"), ws,
                        k + 1, k + 1, true));
            }
        }
        ArenaProblem p = new ArenaProblem(graph.name(), model, order.length, tl.peakBytes(), buffers);
        long most = p.mostLiveBytes();
        if (most != tl.peakBytes()) {
            throw new IllegalStateException("graph '" + graph.name() + "': live buffers add up to " + most
                    + " bytes at their fullest step but the simulated peak is " + tl.peakBytes());
        }
        return p;
    }

    private static int find(int[] root, int t) {
        while (root[t] != t) {
            root[t] = root[root[t]];
            t = root[t];
        }
        return t;
    }

    /** The largest total size of the buffers alive at one step (equals the peak). */
    public long mostLiveBytes() {
        long[] delta = new long[steps + 2];
        for (Buffer b : buffers) {
            delta[b.firstStep] += b.bytes;
            delta[b.lastStep + 1] -= b.bytes;
        }
        long live = 0;
        long most = 0;
        for (int s = 0; s <= steps; s++) {
            live += delta[s];
            if (s > 0 || steps == 0) {
                most = Math.max(most, live);
            }
        }
        return most;
    }
}
