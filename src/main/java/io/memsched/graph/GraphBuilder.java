package io.memsched.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tensor-level fluent builder. Declare graph inputs, then operators one after the other; the calls after
 * {@link #op(String)} describe that operator:
 *
 * <pre>{@code
 * Graph g = Graph.builder("tiny").
 *     input("x", kb(3)).
 *     op("convA").type("Conv").reads("x").writes("a", kb(8)).
 *     op("convB").type("Conv").reads("x").writes("b", kb(8)).
 *     op("cat").type("Concat").reads("a", "b").writes("y", kb(16)).
 *     output("y").
 *     build();
 * }</pre>
 *
 * Nothing is checked until {@link #build()}, which refuses an invalid graph with an {@link InvalidGraphException}
 * naming the offending element.
 */
public final class GraphBuilder {
    private final String name;
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final List<String> duplicateTensors = new ArrayList<>();
    private final List<String> inputs = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();
    private final List<OpDraft> ops = new ArrayList<>();

    GraphBuilder(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    private static final class OpDraft {
        final String name;
        String type = "";
        final List<String> inputs = new ArrayList<>();
        final List<String> outputs = new ArrayList<>();
        long workspace;
        boolean inplace;

        OpDraft(String name) {
            this.name = name;
        }

        Op build() {
            return new Op(name, type, inputs, outputs, workspace, inplace);
        }
    }

    /** Declares a tensor without producing it (use {@link #writes(String...)} to name it as an output later). */
    public GraphBuilder tensor(String tensorName, long bytes) {
        return tensor(new Tensor(tensorName, bytes, List.of(), Optional.empty()));
    }

    /** Declares a tensor with its shape and element type. */
    public GraphBuilder tensor(Tensor tensor) {
        if (tensors.putIfAbsent(tensor.name(), tensor) != null) {
            duplicateTensors.add(tensor.name());
        }
        return this;
    }

    /** Declares a graph input of {@code bytes} bytes. */
    public GraphBuilder input(String tensorName, long bytes) {
        tensor(tensorName, bytes);
        inputs.add(tensorName);
        return this;
    }

    /** Declares a graph input tensor with its shape. */
    public GraphBuilder input(Tensor tensor) {
        tensor(tensor);
        inputs.add(tensor.name());
        return this;
    }

    /** Marks already declared (or later declared) tensors as graph outputs. */
    public GraphBuilder output(String... tensorNames) {
        outputs.addAll(Arrays.asList(tensorNames));
        return this;
    }

    /** Starts a new operator; the following calls describe it. */
    public GraphBuilder op(String opName) {
        ops.add(new OpDraft(Objects.requireNonNull(opName, "opName")));
        return this;
    }

    /** Starts a new operator of type {@code type}. */
    public GraphBuilder op(String opName, String type) {
        return op(opName).type(type);
    }

    private OpDraft current() {
        if (ops.isEmpty()) {
            throw new IllegalStateException("graph '" + name + "': call op(name) before describing an operator");
        }
        return ops.get(ops.size() - 1);
    }

    /** The current operator's type. */
    public GraphBuilder type(String type) {
        current().type = Objects.requireNonNull(type, "type");
        return this;
    }

    /** The current operator reads these tensors. */
    public GraphBuilder reads(String... tensorNames) {
        current().inputs.addAll(Arrays.asList(tensorNames));
        return this;
    }

    /** The current operator writes these already declared tensors. */
    public GraphBuilder writes(String... tensorNames) {
        current().outputs.addAll(Arrays.asList(tensorNames));
        return this;
    }

    /** The current operator writes a new tensor of {@code bytes} bytes. */
    public GraphBuilder writes(String tensorName, long bytes) {
        tensor(tensorName, bytes);
        current().outputs.add(tensorName);
        return this;
    }

    /** The current operator writes a new tensor with a shape. */
    public GraphBuilder writes(Tensor tensor) {
        tensor(tensor);
        current().outputs.add(tensor.name());
        return this;
    }

    /** The current operator needs {@code bytes} of scratch memory while it runs. */
    public GraphBuilder workspace(long bytes) {
        current().workspace = bytes;
        return this;
    }

    /** The current operator may run in place (see the memory model). */
    public GraphBuilder inplace() {
        current().inplace = true;
        return this;
    }

    /** Sets whether the current operator may run in place. */
    public GraphBuilder inplace(boolean inplace) {
        current().inplace = inplace;
        return this;
    }

    /**
     * The validated graph.
     *
     * @throws InvalidGraphException naming the offending element
     */
    public Graph build() {
        if (!duplicateTensors.isEmpty()) {
            throw InvalidGraphException.in(name, "duplicate tensor name '" + duplicateTensors.get(0) + "'");
        }
        List<Op> built = new ArrayList<>(ops.size());
        ops.forEach(d -> built.add(d.build()));
        return Graph.of(name, new ArrayList<>(tensors.values()), inputs, outputs, built);
    }
}
