package io.memsched.schedule;

/** Statistics of a method that scheduled a fused graph: operators before and after fusion. */
public interface FusionCounts extends AlgorithmStats {
    /** Operators of the graph. */
    int opsBeforeFusion();

    /** Operators of the fused graph the method scheduled. */
    int opsAfterFusion();
}
