package io.memsched.schedule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Statistics of one {@link DpScheduler} run.
 *
 * @param statesExpanded states whose successors were generated
 * @param statesKept distinct states stored (over all layers and parts, beam passes included)
 * @param statesPruned transitions dropped because their peak reached the upper bound
 * @param dominanceSteps states where the dominance rule expanded a single operator
 * @param cuts single-node cuts found
 * @param parts pieces the graph was split into (segments and cut operators)
 * @param searchedParts parts that needed the exact search (the others were settled by bounds)
 * @param largestPart operators in the largest part
 */
public record DpStats(long statesExpanded, long statesKept, long statesPruned, long dominanceSteps, int cuts,
                      int parts, int searchedParts, int largestPart) implements AlgorithmStats {
    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statesExpanded", statesExpanded);
        m.put("statesKept", statesKept);
        m.put("statesPruned", statesPruned);
        m.put("dominanceSteps", dominanceSteps);
        m.put("cuts", cuts);
        m.put("parts", parts);
        m.put("searchedParts", searchedParts);
        m.put("largestPart", largestPart);
        return m;
    }
}
