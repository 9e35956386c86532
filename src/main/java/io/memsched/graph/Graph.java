package io.memsched.graph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleDirectedGraph;

/**
 * An immutable, validated DAG of operators reading and writing tensors.
 *
 * <p>Every tensor has exactly one producer or is a graph input; names are unique; there is no cycle. Operators and
 * tensors are numbered (the order of {@link #ops()} is the program order) and the index-based accessors
 * ({@link #opInputs(int)}, {@link #consumers(int)}, ...) let algorithms run without maps. Build one with
 * {@link #builder(String)}, read one with {@code io.memsched.io.GraphJson}, or use {@link #of}.
 */
public final class Graph {
    private final String name;
    private final List<Tensor> tensors;
    private final List<Op> ops;
    private final List<String> inputs;
    private final List<String> outputs;
    private final Map<String, Integer> tensorIndex;
    private final Map<String, Integer> opIndex;
    private final Ints[] opIn;
    private final Ints[] opOut;
    private final Ints[] preds;
    private final Ints[] succs;
    private final Ints[] consumers;
    private final int[] producer;
    private final boolean[] isInput;
    private final boolean[] isOutput;
    private final Ints inputIdx;
    private final Ints outputIdx;
    private final Ints topological;
    private volatile org.jgrapht.Graph<Op, DefaultEdge> jgraphtView;
    private final Path source;

    private Graph(String name, List<Tensor> tensors, List<String> inputs, List<String> outputs, List<Op> ops) {
        this(name, tensors, inputs, outputs, ops, null);
    }

    private Graph(String name, List<Tensor> tensors, List<String> inputs, List<String> outputs, List<Op> ops,
                  Path source) {
        this.source = source;
        this.name = Objects.requireNonNull(name, "name");
        this.tensors = List.copyOf(tensors);
        this.ops = List.copyOf(ops);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        int nt = this.tensors.size();
        int n = this.ops.size();
        tensorIndex = new HashMap<>(nt * 2);
        for (int t = 0; t < nt; t++) {
            Tensor tensor = this.tensors.get(t);
            if (tensor.name().isEmpty()) {
                throw InvalidGraphException.in(name, "a tensor has an empty name");
            }
            if (tensor.bytes() < 0) {
                throw InvalidGraphException.in(name, "tensor '" + tensor.name() + "' has a negative size " + tensor.bytes());
            }
            if (tensorIndex.put(tensor.name(), t) != null) {
                throw InvalidGraphException.in(name, "duplicate tensor name '" + tensor.name() + "'");
            }
        }
        checkTotalSize();
        opIndex = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            Op op = this.ops.get(i);
            if (op.name().isEmpty()) {
                throw InvalidGraphException.in(name, "operator #" + i + " has an empty name");
            }
            if (op.workspaceBytes() < 0) {
                throw InvalidGraphException.in(name, "op '" + op.name() + "' has a negative workspace " + op.workspaceBytes());
            }
            if (opIndex.put(op.name(), i) != null) {
                throw InvalidGraphException.in(name, "duplicate operator name '" + op.name() + "'");
            }
        }
        isInput = new boolean[nt];
        isOutput = new boolean[nt];
        inputIdx = Ints.wrap(indexList(this.inputs, isInput, "graph input"));
        outputIdx = Ints.wrap(indexList(this.outputs, isOutput, "graph output"));
        producer = new int[nt];
        Arrays.fill(producer, -1);
        opIn = new Ints[n];
        opOut = new Ints[n];
        List<List<Integer>> cons = new ArrayList<>(nt);
        for (int t = 0; t < nt; t++) {
            cons.add(new ArrayList<>(2));
        }
        for (int i = 0; i < n; i++) {
            Op op = this.ops.get(i);
            int[] outs = new int[op.outputs().size()];
            for (int k = 0; k < outs.length; k++) {
                String tn = op.outputs().get(k);
                int t = tensorOf(tn, "op '" + op.name() + "' writes unknown tensor '" + tn + "'");
                if (isInput[t]) {
                    throw InvalidGraphException.in(name, "tensor '" + tn + "' is a graph input and is also written by op '"
                            + op.name() + "'");
                }
                if (producer[t] == i) {
                    throw InvalidGraphException.in(name, "op '" + op.name() + "' writes tensor '" + tn + "' twice");
                }
                if (producer[t] >= 0) {
                    throw InvalidGraphException.in(name, "tensor '" + tn + "' has two producers, "
                            + this.ops.get(producer[t]).name() + " and " + op.name());
                }
                producer[t] = i;
                outs[k] = t;
            }
            opOut[i] = Ints.wrap(outs);
        }
        for (int i = 0; i < n; i++) {
            Op op = this.ops.get(i);
            int[] ins = new int[op.inputs().size()];
            for (int k = 0; k < ins.length; k++) {
                String tn = op.inputs().get(k);
                int t = tensorOf(tn, "op '" + op.name() + "' reads unknown tensor '" + tn + "'");
                if (producer[t] < 0 && !isInput[t]) {
                    throw InvalidGraphException.in(name, "op '" + op.name() + "' reads tensor '" + tn
                            + "', which no operator writes and which is not a graph input");
                }
                ins[k] = t;
                List<Integer> c = cons.get(t);
                if (c.isEmpty() || c.get(c.size() - 1) != i) {
                    c.add(i);
                }
            }
            opIn[i] = Ints.wrap(ins);
        }
        for (int t = 0; t < nt; t++) {
            if (producer[t] < 0 && !isInput[t]) {
                String what = isOutput[t] ? "graph output '" + this.tensors.get(t).name() + "' is produced by no operator"
                        : "tensor '" + this.tensors.get(t).name() + "' is produced by no operator and is not a graph input";
                throw InvalidGraphException.in(name, what);
            }
        }
        consumers = new Ints[nt];
        for (int t = 0; t < nt; t++) {
            consumers[t] = Ints.wrap(cons.get(t).stream().mapToInt(Integer::intValue).toArray());
        }
        preds = new Ints[n];
        succs = new Ints[n];
        List<List<Integer>> succLists = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            succLists.add(new ArrayList<>(2));
        }
        int[] mark = new int[n];
        Arrays.fill(mark, -1);
        for (int i = 0; i < n; i++) {
            List<Integer> p = new ArrayList<>(opIn[i].size());
            for (int k = 0; k < opIn[i].size(); k++) {
                int pr = producer[opIn[i].get(k)];
                if (pr >= 0 && mark[pr] != i) {
                    if (pr == i) {
                        throw InvalidGraphException.in(name, "op '" + op(i).name() + "' reads its own output (a cycle)");
                    }
                    mark[pr] = i;
                    p.add(pr);
                    succLists.get(pr).add(i);
                }
            }
            preds[i] = Ints.wrap(p.stream().mapToInt(Integer::intValue).sorted().toArray());
        }
        for (int i = 0; i < n; i++) {
            succs[i] = Ints.wrap(succLists.get(i).stream().mapToInt(Integer::intValue).sorted().toArray());
        }
        topological = checkAcyclic();
    }

    /**
     * Refuses a graph whose tensors plus the largest workspace do not fit in a {@code long}: then no footprint,
     * live set or bound computed on this graph can overflow (they are all at most that sum).
     */
    private void checkTotalSize() {
        long total = 0;
        for (Tensor t : tensors) {
            try {
                total = Math.addExact(total, t.bytes());
            } catch (ArithmeticException e) {
                throw InvalidGraphException.in(name, "the tensor sizes add up to more than " + Long.MAX_VALUE
                        + " bytes (overflow at tensor '" + t.name() + "')");
            }
        }
        for (Op op : ops) {
            if (op.workspaceBytes() > 0 && total > Long.MAX_VALUE - op.workspaceBytes()) {
                throw InvalidGraphException.in(name, "the tensor sizes plus the workspace of op '" + op.name()
                        + "' add up to more than " + Long.MAX_VALUE + " bytes");
            }
        }
    }

    private int[] indexList(List<String> names, boolean[] flags, String what) {
        int[] idx = new int[names.size()];
        for (int k = 0; k < idx.length; k++) {
            String tn = names.get(k);
            int t = tensorOf(tn, what + " '" + tn + "' is not a declared tensor");
            if (flags[t]) {
                throw InvalidGraphException.in(name, what + " '" + tn + "' is listed twice");
            }
            flags[t] = true;
            idx[k] = t;
        }
        return idx;
    }

    private int tensorOf(String tensorName, String message) {
        Integer t = tensorIndex.get(tensorName);
        if (t == null) {
            throw InvalidGraphException.in(name, message);
        }
        return t;
    }

    /**
     * Kahn's algorithm on the int arrays, which also yields {@link #topologicalOrder()}. It runs for every graph
     * built (fusion and rewrites build thousands), so it stays a loop over arrays rather than a JGraphT
     * {@code TopologicalOrderIterator} on {@link #asJGraphT()}, which would first copy the graph into objects.
     */
    private Ints checkAcyclic() {
        int n = ops.size();
        int[] indeg = new int[n];
        for (int i = 0; i < n; i++) {
            indeg[i] = preds[i].size();
        }
        int[] queue = new int[n];
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (indeg[i] == 0) {
                queue[tail++] = i;
            }
        }
        int seen = 0;
        while (seen < tail) {
            int i = queue[seen++];
            for (int k = 0; k < succs[i].size(); k++) {
                int s = succs[i].get(k);
                if (--indeg[s] == 0) {
                    queue[tail++] = s;
                }
            }
        }
        if (seen < n) {
            // walk predecessors among the blocked operators until one repeats: that walk closes a cycle
            int start = 0;
            while (indeg[start] == 0) {
                start++;
            }
            int[] pos = new int[n];
            Arrays.fill(pos, -1);
            List<Integer> walk = new ArrayList<>();
            int cur = start;
            while (pos[cur] < 0) {
                pos[cur] = walk.size();
                walk.add(cur);
                int next = -1;
                for (int k = 0; k < preds[cur].size(); k++) {
                    if (indeg[preds[cur].get(k)] > 0) {
                        next = preds[cur].get(k);
                        break;
                    }
                }
                cur = next;
            }
            List<String> cycle = new ArrayList<>();
            for (int k = walk.size() - 1; k >= pos[cur]; k--) {
                cycle.add(ops.get(walk.get(k)).name());
            }
            cycle.add(cycle.get(0));
            throw InvalidGraphException.in(name, "cycle through ops " + String.join(" -> ", cycle));
        }
        return Ints.wrap(queue);
    }

    /** A tensor-level fluent builder for a graph called {@code name}. */
    public static GraphBuilder builder(String name) {
        return new GraphBuilder(name);
    }

    /**
     * A validated graph from its parts (the order of {@code ops} is the program order).
     *
     * @throws InvalidGraphException naming the offending element when the parts do not form a valid graph
     */
    public static Graph of(String name, List<Tensor> tensors, List<String> inputs, List<String> outputs, List<Op> ops) {
        return new Graph(name, tensors, inputs, outputs, ops);
    }

    /** The same graph under another name (the source is kept). */
    public Graph withName(String newName) {
        return new Graph(newName, tensors, inputs, outputs, ops, source);
    }

    /**
     * The same graph, remembering the model file it was read from, so a schedule can be written back into that
     * model ({@code Memsched.save(plan, path)}). The source takes no part in {@link #equals}.
     */
    public Graph withSource(Path file) {
        return new Graph(name, tensors, inputs, outputs, ops, Objects.requireNonNull(file, "file"));
    }

    /** The model file this graph was read from, if it was read from one (passes that change it drop the source). */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    /** The graph's name. */
    public String name() {
        return name;
    }

    /** Operators in program order. */
    public List<Op> ops() {
        return ops;
    }

    /** Tensors in declaration order. */
    public List<Tensor> tensors() {
        return tensors;
    }

    /** Names of the graph inputs. */
    public List<String> inputs() {
        return inputs;
    }

    /** Names of the graph outputs. */
    public List<String> outputs() {
        return outputs;
    }

    /** Number of operators. */
    public int opCount() {
        return ops.size();
    }

    /** Number of tensors. */
    public int tensorCount() {
        return tensors.size();
    }

    /** Operator {@code i}. */
    public Op op(int i) {
        return ops.get(i);
    }

    /** Tensor {@code t}. */
    public Tensor tensor(int t) {
        return tensors.get(t);
    }

    /** Size of tensor {@code t} in bytes. */
    public long bytes(int t) {
        return tensors.get(t).bytes();
    }

    /** Index of the operator called {@code opName}. */
    public Optional<Integer> findOp(String opName) {
        return Optional.ofNullable(opIndex.get(opName));
    }

    /** Index of the tensor called {@code tensorName}. */
    public Optional<Integer> findTensor(String tensorName) {
        return Optional.ofNullable(tensorIndex.get(tensorName));
    }

    /** Index of the operator called {@code opName}; an {@link IllegalArgumentException} naming it if absent. */
    public int opIndex(String opName) {
        Integer i = opIndex.get(opName);
        if (i == null) {
            throw new IllegalArgumentException("graph '" + name + "' has no op '" + opName + "'");
        }
        return i;
    }

    /** Index of the tensor called {@code tensorName}; an {@link IllegalArgumentException} naming it if absent. */
    public int tensorIndex(String tensorName) {
        Integer t = tensorIndex.get(tensorName);
        if (t == null) {
            throw new IllegalArgumentException("graph '" + name + "' has no tensor '" + tensorName + "'");
        }
        return t;
    }

    /** Tensor indices read by operator {@code i}, in order, repeats kept. */
    public Ints opInputs(int i) {
        return opIn[i];
    }

    /** Tensor indices written by operator {@code i}, in order. */
    public Ints opOutputs(int i) {
        return opOut[i];
    }

    /** Distinct operators whose outputs operator {@code i} reads, ascending. */
    public Ints predecessors(int i) {
        return preds[i];
    }

    /** Distinct operators that read an output of operator {@code i}, ascending. */
    public Ints successors(int i) {
        return succs[i];
    }

    /** Distinct operators that read tensor {@code t}, ascending. */
    public Ints consumers(int t) {
        return consumers[t];
    }

    /** The operator that writes tensor {@code t}, or -1 for a graph input. */
    public int producer(int t) {
        return producer[t];
    }

    /** Whether tensor {@code t} is a graph input. */
    public boolean isGraphInput(int t) {
        return isInput[t];
    }

    /** Whether tensor {@code t} is a graph output. */
    public boolean isGraphOutput(int t) {
        return isOutput[t];
    }

    /** Tensor indices of the graph inputs. */
    public Ints inputIndices() {
        return inputIdx;
    }

    /** Tensor indices of the graph outputs. */
    public Ints outputIndices() {
        return outputIdx;
    }

    /**
     * A topological order of the operators: Kahn's algorithm with a first-in first-out queue, started with the
     * operators without predecessors in index order, successors enqueued in index order (computed once, when the
     * graph is validated).
     */
    public Ints topologicalOrder() {
        return topological;
    }

    /** Total bytes of all tensors (never overflows: the constructor refuses graphs whose sum does not fit). */
    public long totalBytes() {
        long s = 0;
        for (Tensor t : tensors) {
            s = Math.addExact(s, t.bytes());
        }
        return s;
    }

    /**
     * A read-only JGraphT view: operators as vertices, an edge from each producer to each distinct consumer.
     * Use it with JGraphT's algorithms (dominators, connectivity, paths) instead of writing them again.
     */
    public org.jgrapht.Graph<Op, DefaultEdge> asJGraphT() {
        org.jgrapht.Graph<Op, DefaultEdge> view = jgraphtView;
        if (view == null) {
            SimpleDirectedGraph<Op, DefaultEdge> g = new SimpleDirectedGraph<>(DefaultEdge.class);
            ops.forEach(g::addVertex);
            for (int i = 0; i < ops.size(); i++) {
                for (int k = 0; k < succs[i].size(); k++) {
                    g.addEdge(ops.get(i), ops.get(succs[i].get(k)));
                }
            }
            view = new AsUnmodifiableGraph<>(g);
            jgraphtView = view;
        }
        return view;
    }

    /** Names of all tensors mapped to their sizes, in declaration order. */
    public Map<String, Long> tensorSizes() {
        Map<String, Long> m = new LinkedHashMap<>();
        tensors.forEach(t -> m.put(t.name(), t.bytes()));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Graph g && name.equals(g.name) && tensors.equals(g.tensors) && ops.equals(g.ops)
                && inputs.equals(g.inputs) && outputs.equals(g.outputs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, tensors, ops, inputs, outputs);
    }

    /** One line: name, operator and tensor counts, total tensor bytes. */
    @Override
    public String toString() {
        return "Graph " + name + ": " + ops.size() + " ops, " + tensors.size() + " tensors, " + Sizes.format(totalBytes())
                + " of tensors, inputs " + inputs + ", outputs " + outputs;
    }
}
