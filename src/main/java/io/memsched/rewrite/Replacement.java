package io.memsched.rewrite;

import io.memsched.graph.GraphBuilder;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One application of a rule: the operators to remove, reads to redirect in the operators that stay, and the new
 * operators, written with the tensor-level {@link GraphBuilder} ({@code b.op(..).reads(..).writes(..)}). The new
 * operators are inserted where the last removed operator stood in program order; tensors written only by removed
 * operators disappear unless a new operator writes them again (which is how a rewrite keeps an output's name).
 *
 * @param removedOps names of the operators to remove (at least one)
 * @param renamedReads in the operators that stay, reads of a key tensor become reads of its value
 * @param newOps writes the new operators into the builder of the rewritten graph
 * @param summary one line describing the change, for reports
 * @param origins for a new operator (by name), the removed operator it derives from; a new operator not listed
 *     derives from every removed operator
 */
public record Replacement(Set<String> removedOps, Map<String, String> renamedReads, Consumer<GraphBuilder> newOps,
                          String summary, Map<String, String> origins) {

    /** Copies the collections and checks that something is removed. */
    public Replacement {
        removedOps = Set.copyOf(Objects.requireNonNull(removedOps, "removedOps"));
        renamedReads = Map.copyOf(Objects.requireNonNull(renamedReads, "renamedReads"));
        Objects.requireNonNull(newOps, "newOps");
        Objects.requireNonNull(summary, "summary");
        origins = Map.copyOf(Objects.requireNonNull(origins, "origins"));
        if (removedOps.isEmpty()) {
            throw new IllegalArgumentException("a replacement must remove at least one operator");
        }
    }

    /** A replacement whose new operators all derive from every removed operator. */
    public Replacement(Set<String> removedOps, Map<String, String> renamedReads, Consumer<GraphBuilder> newOps,
                       String summary) {
        this(removedOps, renamedReads, newOps, summary, Map.of());
    }

    /** Removes {@code removedOps} and writes {@code newOps} in their place, without redirected reads. */
    public static Replacement of(Set<String> removedOps, Consumer<GraphBuilder> newOps, String summary) {
        return new Replacement(removedOps, Map.of(), newOps, summary, Map.of());
    }
}
