package io.memsched.graph.pass;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a pass or a pipeline of passes did.
 *
 * @param name the pass or pipeline name
 * @param opsBefore operators of the input graph
 * @param opsAfter operators of the output graph
 * @param merges number of merges (or rewrites) per rule name, in the order the rules ran
 * @param passes number of sweeps over the graph (1 for a single pass; rounds to the fixpoint for a pipeline)
 */
public record PassStats(String name, int opsBefore, int opsAfter, Map<String, Integer> merges, int passes) {
    /** Checks the fields and freezes the map. */
    public PassStats {
        Objects.requireNonNull(name, "name");
        merges = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(merges, "merges")));
        if (opsBefore < 0 || opsAfter < 0 || passes < 0) {
            throw new IllegalArgumentException("pass '" + name + "': negative count");
        }
    }

    /** Total merges over all rules. */
    public int totalMerges() {
        return merges.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public String toString() {
        return name + ": " + opsBefore + " -> " + opsAfter + " ops in " + passes + " passes, merges " + merges;
    }
}
