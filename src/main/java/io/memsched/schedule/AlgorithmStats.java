package io.memsched.schedule;

import java.util.Map;

/** Statistics of one algorithm run (states, variables, merges, ...), typed per algorithm, flat for reports. */
public interface AlgorithmStats {
    /** The statistics by name, in a stable order, values numbers, booleans or strings. */
    Map<String, Object> asMap();

    /** No statistics. */
    AlgorithmStats NONE = Map::of;

    /** Statistics given as a map (kept in its iteration order). */
    static AlgorithmStats of(Map<String, Object> values) {
        Map<String, Object> copy = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        return () -> copy;
    }
}
