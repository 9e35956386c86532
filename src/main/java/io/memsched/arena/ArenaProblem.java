package io.memsched.arena;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.StepCosts;
import io.memsched.memory.MemorySimulator;
import io.memsched.memory.MemoryTimeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What an arena planner places: buffers, each with a size and the steps (times) it is alive. Two sources: the
 * buffers of an order of a graph ({@link #of(Graph, MemoryModel, int[])}) and a list of buffers with lifetimes, such
 * as a MiniMalloc CSV file ({@link #of(String, List)}, {@link MiniMallocCsv}).
 *
 * <p>From a graph, built from the shared simulator's lifetimes. A buffer holds one tensor, or, under the in-place model, a tensor
 * and the in-place outputs written into it (they share an offset; the buffer lives from the first one's birth to the
 * last one's death); when workspace counts, each operator's workspace is a buffer alive at its step. At every step
 * the buffers alive add up to the simulator's footprint, so an arena is never smaller than the peak.
 *
 * @param name the graph's or the file's name
 * @param steps number of steps (operators), or the end of the last lifetime
 * @param peakBytes the order's peak, from the shared simulator, or the largest load of a list of buffers
 * @param buffers the buffers: from a graph in tensor order, then workspaces in step order
 */
public record ArenaProblem(String name, int steps, long peakBytes, List<Buffer> buffers) {

    /** Copies the list and checks that buffer {@code i} has index {@code i}. */
    public ArenaProblem {
        Objects.requireNonNull(name, "name");
        buffers = List.copyOf(buffers);
        for (int i = 0; i < buffers.size(); i++) {
            if (buffers.get(i).index() != i) {
                throw new IllegalArgumentException("problem '" + name + "': buffer " + i + " has index "
                        + buffers.get(i).index());
            }
        }
    }

    /**
     * A problem of these buffers, alive on their steps: the peak is their largest load at one step.
     *
     * @throws IllegalArgumentException when a buffer's index is not its position or a size is negative
     */
    public static ArenaProblem of(String name, List<Buffer> buffers) {
        int end = 0;
        for (Buffer b : buffers) {
            if (b.bytes() < 0 || b.firstStep() < 0 || b.lastStep() < b.firstStep()) {
                throw new IllegalArgumentException("problem '" + name + "': buffer '" + b.name() + "' has size "
                        + b.bytes() + " and steps " + b.firstStep() + "-" + b.lastStep());
            }
            end = Math.max(end, b.lastStep() + 1);
        }
        ArenaProblem p = new ArenaProblem(name, end, 0, buffers);
        return new ArenaProblem(name, end, p.loadBoundBytes(), buffers);
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

        /** A buffer holding one named item (a MiniMalloc row) alive from {@code firstStep} to {@code lastStep}. */
        public static Buffer named(int index, String name, long bytes, int firstStep, int lastStep) {
            return new Buffer(index, List.of(name), bytes, firstStep, lastStep, false);
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
        Arrays.fill(slot, -1);
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
        ArenaProblem p = new ArenaProblem(graph.name(), order.length, tl.peakBytes(), buffers);
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

    /**
     * The largest total size of the buffers alive at one step, over every step: no layout is smaller. (From a graph
     * it equals the peak, unless a graph input nobody reads makes step 0 fuller.) Time O(b log b).
     */
    public long loadBoundBytes() {
        long[][] events = new long[2 * buffers.size()][];
        int k = 0;
        for (Buffer b : buffers) {
            events[k++] = new long[] {b.firstStep, b.bytes};
            events[k++] = new long[] {b.lastStep + 1L, -b.bytes};
        }
        Arrays.sort(events, (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        long live = 0;
        long most = 0;
        for (long[] e : events) {
            live += e[1];
            most = Math.max(most, live);
        }
        return most;
    }

    /** The smallest arena any layout can have: the larger of the peak and {@link #loadBoundBytes()}. */
    public long lowerBoundBytes() {
        return Math.max(peakBytes, loadBoundBytes());
    }

    /** The largest total size of the buffers alive at one of steps 1.. (the simulator's peak, from a graph). */
    long mostLiveBytes() {
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
