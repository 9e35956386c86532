package io.memsched.schedule;


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
}
