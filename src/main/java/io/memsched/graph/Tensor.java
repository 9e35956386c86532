package io.memsched.graph;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tensor of the graph: a name, a size in bytes and, optionally, a shape and an element type.
 *
 * @param name unique name within the graph
 * @param bytes size in bytes, never negative
 * @param shape dimensions (empty when unknown)
 * @param dtype element type such as {@code float32} (empty when unknown)
 */
public record Tensor(String name, long bytes, List<Long> shape, Optional<String> dtype) {

    /** Checks the fields. */
    public Tensor {
        Objects.requireNonNull(name, "name");
        shape = List.copyOf(Objects.requireNonNull(shape, "shape"));
        Objects.requireNonNull(dtype, "dtype");
    }

    /** A tensor of known size and unknown shape. */
    public static Tensor of(String name, long bytes) {
        return new Tensor(name, bytes, List.of(), Optional.empty());
    }

    /** Whether the shape is known. */
    public boolean hasShape() {
        return !shape.isEmpty();
    }

    @Override
    public String toString() {
        return name + " (" + Sizes.format(bytes) + (hasShape() ? ", " + shape : "") + ")";
    }
}
