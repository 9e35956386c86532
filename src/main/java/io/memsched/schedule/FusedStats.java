package io.memsched.schedule;

import io.memsched.pass.PassStats;

/**
 * Statistics of a method that fused the graph before scheduling it ({@link FusingScheduler}).
 *
 * @param opsBeforeFusion operators of the graph
 * @param opsAfterFusion operators the inner method scheduled
 * @param fusionMerges merges over all rules
 * @param fusionPasses rounds of the fusion pipeline
 * @param inner the inner method's statistics
 */
public record FusedStats(int opsBeforeFusion, int opsAfterFusion, int fusionMerges, int fusionPasses,
                         AlgorithmStats inner) implements FusionCounts {
    /** The statistics of a fusion pass followed by a method with {@code inner} statistics. */
    public static FusedStats of(PassStats fusion, AlgorithmStats inner) {
        return new FusedStats(fusion.opsBefore(), fusion.opsAfter(), fusion.totalApplied(), fusion.rounds(), inner);
    }
}
