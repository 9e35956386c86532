package io.memsched.pass;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a pass (or a pipeline of passes) did, typed.
 *
 * @param name the pass or pipeline name
 * @param opsBefore operators of the input graph
 * @param opsAfter operators of the output graph
 * @param applied applications (merges, rewrites) per rule name, in the order the rules ran
 * @param rounds sweeps over the graph (1 for a single pass; rounds to the fixpoint for a fixpoint pipeline)
 * @param skipped places where a rule recognised its pattern but declined, as {@code rule at op: reason}
 * @param stoppedEarly whether the deadline ended the pass before it finished (its graph is still valid)
 */
public record PassStats(String name, int opsBefore, int opsAfter, Map<String, Integer> applied, int rounds,
                        List<String> skipped, boolean stoppedEarly) {
    /** Checks the fields and freezes the collections. */
    public PassStats {
        Objects.requireNonNull(name, "name");
        applied = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(applied, "applied")));
        skipped = List.copyOf(skipped);
        if (opsBefore < 0 || opsAfter < 0 || rounds < 0) {
            throw new IllegalArgumentException("pass '" + name + "': negative count");
        }
    }

    /** Statistics of a pass that applied {@code applied} per rule in one round, skipping nothing. */
    public static PassStats of(String name, int opsBefore, int opsAfter, Map<String, Integer> applied) {
        return new PassStats(name, opsBefore, opsAfter, applied, 1, List.of(), false);
    }

    /** Total applications over all rules. */
    public int totalApplied() {
        return applied.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Operators removed (negative when the pass added operators). */
    public int opsRemoved() {
        return opsBefore - opsAfter;
    }

    @Override
    public String toString() {
        return name + ": " + opsBefore + " -> " + opsAfter + " ops in " + rounds + " round" + (rounds == 1 ? "" : "s")
                + ", applied " + applied + (skipped.isEmpty() ? "" : ", " + skipped.size() + " skipped")
                + (stoppedEarly ? " (stopped early)" : "");
    }
}
