package io.memsched.schedule;

import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Statistics of one algorithm run (states, variables, merges, ...), typed per algorithm as a record; code reads the
 * record's accessors (find one with {@link #find}), reports read the flat {@link #asMap()}.
 *
 * <p>The flat map is derived from the record components, in declaration order: a component holding other
 * statistics is flattened into it, its keys prefixed by the component name and a dot ({@code dp.statesKept}), except
 * a component named {@code inner}, whose keys come unprefixed; an {@link Optional} component contributes its value
 * when present; a {@link Map} component contributes its entries, prefixed the same way.
 */
public interface AlgorithmStats {
    /** No statistics. */
    AlgorithmStats NONE = new AlgorithmStats() {
        @Override
        public Map<String, Object> asMap() {
            return Map.of();
        }
    };

    /** The statistics by name, in a stable order, values numbers, booleans or strings. */
    default Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!getClass().isRecord()) {
            return m;
        }
        for (RecordComponent c : getClass().getRecordComponents()) {
            Object v;
            try {
                c.getAccessor().setAccessible(true);
                v = c.getAccessor().invoke(this);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read statistic " + c.getName() + " of " + getClass(), e);
            }
            put(m, c.getName(), v);
        }
        return Collections.unmodifiableMap(m);
    }

    private static void put(Map<String, Object> m, String name, Object v) {
        String prefix = name.equals("inner") ? "" : name + ".";
        if (v instanceof Optional<?> o) {
            o.ifPresent(x -> put(m, name, x));
        } else if (v instanceof AlgorithmStats s) {
            s.asMap().forEach((k, x) -> m.put(prefix + k, x));
        } else if (v instanceof Map<?, ?> map) {
            map.forEach((k, x) -> m.put(prefix + k, x));
        } else {
            m.put(name, v);
        }
    }

    /**
     * These statistics, or the first nested statistics of type {@code type} (searched through components that hold
     * statistics, depth first).
     */
    default <T extends AlgorithmStats> Optional<T> find(Class<T> type) {
        if (type.isInstance(this)) {
            return Optional.of(type.cast(this));
        }
        if (!getClass().isRecord()) {
            return Optional.empty();
        }
        for (RecordComponent c : getClass().getRecordComponents()) {
            try {
                c.getAccessor().setAccessible(true);
                Object v = c.getAccessor().invoke(this);
                if (v instanceof Optional<?> o && o.isPresent()) {
                    v = o.get();
                }
                if (v instanceof AlgorithmStats s) {
                    Optional<T> found = s.find(type);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read statistic " + c.getName() + " of " + getClass(), e);
            }
        }
        return Optional.empty();
    }
}
