package io.memsched.graph;

import java.util.List;
import java.util.Objects;

/**
 * An operator: reads its input tensors, writes its output tensors.
 *
 * @param name unique name within the graph
 * @param type operator type such as {@code Conv} (free text; empty when unknown)
 * @param inputs names of the tensors it reads, in order (a tensor may be listed twice)
 * @param outputs names of the tensors it writes, in order
 * @param workspaceBytes scratch memory while it runs
 * @param inplace whether it may write its single output into a same-sized input that dies here
 */
public record Op(String name, String type, List<String> inputs, List<String> outputs, long workspaceBytes,
                 boolean inplace) {

    /** Checks the fields. */
    public Op {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        outputs = List.copyOf(Objects.requireNonNull(outputs, "outputs"));
    }

    @Override
    public String toString() {
        return name + (type.isEmpty() ? "" : ":" + type) + " " + inputs + " -> " + outputs;
    }
}
