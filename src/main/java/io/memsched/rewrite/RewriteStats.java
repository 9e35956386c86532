package io.memsched.rewrite;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a rewrite run changed, in numbers.
 *
 * @param opsBefore operators before
 * @param opsAfter operators after
 * @param tensorsBefore tensors before
 * @param tensorsAfter tensors after
 * @param applied applications of a rule
 * @param skipped anchors where a rule recognised its pattern but declined
 */
public record RewriteStats(int opsBefore, int opsAfter, int tensorsBefore, int tensorsAfter, int applied,
                           int skipped) {

    /** The statistics by name, in declaration order. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("opsBefore", opsBefore);
        m.put("opsAfter", opsAfter);
        m.put("tensorsBefore", tensorsBefore);
        m.put("tensorsAfter", tensorsAfter);
        m.put("applied", applied);
        m.put("skipped", skipped);
        return m;
    }
}
