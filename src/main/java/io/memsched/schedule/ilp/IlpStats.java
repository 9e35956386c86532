package io.memsched.schedule.ilp;

import io.memsched.schedule.AlgorithmStats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Statistics of one ILP run.
 *
 * @param solver backend id
 * @param ilpOperators operators of the scheduled (fused) graph
 * @param variables variables after pruning
 * @param prunedVariables variables pruning removed (the same formulation without pruning has
 *     {@code variables + prunedVariables})
 * @param constraints constraints after pruning
 * @param prunedConstraints constraints pruning removed
 * @param fixedLiveness tensor-step pairs pruning fixed live
 * @param bestBound the solver's proven lower bound, bytes
 * @param hintPeak peak of the warm-start order, bytes
 * @param solverSeconds solver wall time
 * @param solverStatus how the solver ended
 * @param regions 0 when the whole graph was one program; else the number of consecutive regions of the warm-start
 *     order that were optimised one by one (the graph was too large), which gives up the optimality guarantee
 */
public record IlpStats(String solver, int ilpOperators, long variables, long prunedVariables, long constraints,
                       long prunedConstraints, long fixedLiveness, long bestBound, long hintPeak,
                       double solverSeconds, String solverStatus, int regions) implements AlgorithmStats {
    /** The components, plus {@code optimalityGuarantee} (no region-by-region fallback). */
    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>(AlgorithmStats.super.asMap());
        m.put("optimalityGuarantee", regions == 0);
        return m;
    }
}
