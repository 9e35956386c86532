package io.memsched.memory;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import java.util.Arrays;
import java.util.Objects;

/**
 * The step-cost rule of the memory model, written once (docs/ARCHITECTURE.md, "The memory model"): what running one
 * operator costs under a {@link MemoryModel}, precomputed for every operator of a graph. The shared
 * {@link MemorySimulator}, the {@link LowerBounds}, the fusion rules, the dynamic programmes, the list schedulers and
 * the ILP all read their byte counts here.
 *
 * <p><b>The rule.</b> Before step 1 the live set holds the graph inputs ({@link #inputBytes()}). Running operator
 * {@code o} on a live set of {@code live} bytes has the footprint
 * <pre>
 *   footprint = live + allocated(o) + workspace(o) - (the victim of o dies at o ? saving(o) : 0)
 * </pre>
 * <ul>
 *   <li>{@link #allocated}: the bytes of all outputs of {@code o} (inputs and outputs coexist while it runs);</li>
 *   <li>{@link #workspace}: its scratch bytes when the model counts workspace, else 0;</li>
 *   <li>{@link #victim}: under the in-place model, for an in-place operator with exactly one output, its first input
 *       of the same size ({@link #inplaceCandidate}) unless that input is a graph output; -1 otherwise. The victim
 *       <em>dies at</em> {@code o} when every other consumer of it has run; then {@code o} writes its output into
 *       the victim's buffer and the step saves {@link #saving} = the output's bytes. A later same-sized input is
 *       not tried.</li>
 * </ul>
 * After the step the live set gains {@link #kept} (the outputs read later or that are graph outputs; an output
 * nobody reads and that is not a graph output, {@code allocated - kept}, is freed at once) and loses every distinct
 * input of {@code o} whose consumers have all run and that is not a graph output; after step 1 it also loses
 * {@link #unreadInputs()} (graph inputs that no operator reads and that are not graph outputs). The peak is the
 * largest footprint over the steps.
 *
 * <p>Immutable. Built in time and memory O(n + e) for n operators and e operator-tensor incidences; every query is
 * O(1) except {@link #minFootprint}, O(d log d) for an operator of degree d.
 */
public final class StepCosts {
    private final Graph graph;
    private final MemoryModel model;
    private final long[] allocated;
    private final long[] kept;
    private final long[] workspace;
    private final long[] graphOutputs;
    private final int[] victim;
    private final long[] saving;
    private final long inputBytes;
    private final long outputBytes;
    private final long unreadInputs;

    private StepCosts(Graph graph, MemoryModel model) {
        this.graph = graph;
        this.model = model;
        int n = graph.opCount();
        allocated = new long[n];
        kept = new long[n];
        workspace = new long[n];
        graphOutputs = new long[n];
        victim = new int[n];
        saving = new long[n];
        for (int i = 0; i < n; i++) {
            Ints out = graph.opOutputs(i);
            for (int k = 0; k < out.size(); k++) {
                int t = out.get(k);
                long b = graph.bytes(t);
                allocated[i] += b;
                if (graph.isGraphOutput(t)) {
                    graphOutputs[i] += b;
                    kept[i] += b;
                } else if (!graph.consumers(t).isEmpty()) {
                    kept[i] += b;
                }
            }
            workspace[i] = model.workspace() ? graph.op(i).workspaceBytes() : 0;
            int v = model.inplace() ? inplaceCandidate(graph, i) : -1;
            victim[i] = v >= 0 && !graph.isGraphOutput(v) ? v : -1;
            saving[i] = victim[i] >= 0 ? graph.bytes(out.get(0)) : 0;
        }
        long in = 0;
        long unread = 0;
        Ints ins = graph.inputIndices();
        for (int k = 0; k < ins.size(); k++) {
            int t = ins.get(k);
            in += graph.bytes(t);
            if (graph.consumers(t).isEmpty() && !graph.isGraphOutput(t)) {
                unread += graph.bytes(t);
            }
        }
        long outs = 0;
        Ints os = graph.outputIndices();
        for (int k = 0; k < os.size(); k++) {
            outs += graph.bytes(os.get(k));
        }
        inputBytes = in;
        unreadInputs = unread;
        outputBytes = outs;
    }

    /** The step costs of every operator of {@code graph} under {@code model}. Time O(n + e). */
    public static StepCosts of(Graph graph, MemoryModel model) {
        return new StepCosts(Objects.requireNonNull(graph, "graph"), Objects.requireNonNull(model, "model"));
    }

    /**
     * The input whose buffer operator {@code op} would reuse under the in-place model: its first input of the same
     * size as its single output, or -1 (also when the operator is not marked in-place or has several outputs). It
     * may be a graph output, whose buffer is never reused; {@link #victim} leaves those out.
     */
    public static int inplaceCandidate(Graph graph, int op) {
        Ints out = graph.opOutputs(op);
        if (!graph.op(op).inplace() || out.size() != 1) {
            return -1;
        }
        long size = graph.bytes(out.get(0));
        Ints in = graph.opInputs(op);
        for (int j = 0; j < in.size(); j++) {
            if (graph.bytes(in.get(j)) == size) {
                return in.get(j);
            }
        }
        return -1;
    }

    /** The graph. */
    public Graph graph() {
        return graph;
    }

    /** The memory model. */
    public MemoryModel model() {
        return model;
    }

    /** Bytes of all outputs of {@code op}, allocated at its step. */
    public long allocated(int op) {
        return allocated[op];
    }

    /** Bytes of the outputs of {@code op} that outlive its step: read by a later operator, or graph outputs. */
    public long kept(int op) {
        return kept[op];
    }

    /** Bytes of the outputs of {@code op} that are graph outputs (live from its step to the end). */
    public long graphOutputBytes(int op) {
        return graphOutputs[op];
    }

    /** Workspace bytes of {@code op} as the model counts them (0 when the model leaves workspace out). */
    public long workspace(int op) {
        return workspace[op];
    }

    /**
     * The input tensor whose buffer {@code op} reuses when that input dies at {@code op}: -1 when the model has no
     * in-place reuse, when {@code op} is not in-place capable, or when its candidate is a graph output.
     */
    public int victim(int op) {
        return victim[op];
    }

    /** Bytes a step of {@code op} saves when its {@link #victim} dies there (its output's size; 0 without victim). */
    public long saving(int op) {
        return saving[op];
    }

    /**
     * The footprint of running {@code op} on {@code live} live bytes: {@code live + allocated + workspace}, less
     * {@link #saving} when {@code victimDies} (every other consumer of the victim has run; ignored without victim).
     */
    public long footprint(long live, int op, boolean victimDies) {
        return live + allocated[op] + workspace[op] - (victimDies ? saving[op] : 0);
    }

    /** Bytes of the graph inputs: the live set before step 1. */
    public long inputBytes() {
        return inputBytes;
    }

    /** Bytes of the graph outputs: all live at the end. */
    public long outputBytes() {
        return outputBytes;
    }

    /**
     * Bytes of the graph inputs that no operator reads and that are not graph outputs: live during step 1 only, so
     * whichever operator runs first sees them and the next one does not.
     */
    public long unreadInputs() {
        return unreadInputs;
    }

    /** Bytes that may leave the live set right after {@code op} runs first: {@link #unreadInputs()} if it can. */
    public long firstStepRelease(int op) {
        return graph.predecessors(op).isEmpty() ? unreadInputs : 0;
    }

    /**
     * The smallest footprint {@code op} can have in any order: its distinct inputs (all live when it runs), its
     * outputs and workspace, less the in-place saving when it has a victim (which may die there). A lower bound on
     * the peak of every order. Time O(d log d).
     */
    public long minFootprint(int op) {
        long s = 0;
        Ints in = graph.opInputs(op);
        if (in.size() <= 16) {
            for (int j = 0; j < in.size(); j++) {
                int t = in.get(j);
                boolean dup = false;
                for (int m = 0; m < j && !dup; m++) {
                    dup = in.get(m) == t;
                }
                if (!dup) {
                    s += graph.bytes(t);
                }
            }
        } else {
            // many inputs (a wide concat): dedupe by sorting, not by the quadratic scan
            int[] sorted = in.toArray();
            Arrays.sort(sorted);
            for (int j = 0; j < sorted.length; j++) {
                if (j == 0 || sorted[j] != sorted[j - 1]) {
                    s += graph.bytes(sorted[j]);
                }
            }
        }
        return s + allocated[op] + workspace[op] - saving[op];
    }
}
