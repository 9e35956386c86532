package io.memsched.graph;

import java.util.Objects;

/**
 * A handle to a tensor made by a {@link NetworkBuilder}: its name and inferred shape. Pass it to the next layer.
 *
 * @param name the tensor's name in the graph
 * @param shape its inferred shape
 */
public record Activation(String name, TensorShape shape) {
    /** Checks the fields. */
    public Activation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
    }

    /** Size in bytes. */
    public long bytes() {
        return shape.bytes();
    }

    /** {@code conv1[1x16x32x32 float32]}. */
    @Override
    public String toString() {
        return name + "[" + shape + "]";
    }
}
