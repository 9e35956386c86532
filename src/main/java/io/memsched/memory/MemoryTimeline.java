package io.memsched.memory;

import java.util.List;

/**
 * What the simulator found for one order: the peak, a row per step and the lifetime of every tensor.
 *
 * @param model the memory model used
 * @param peakBytes the largest footprint (the live graph inputs when there is no operator)
 * @param peakStep the 1-based step of the first peak (0 when there is no operator)
 * @param steps one row per step, in order
 * @param lifetimes one row per tensor, in tensor order
 */
public record MemoryTimeline(MemoryModel model, long peakBytes, int peakStep, List<Step> steps,
                             List<Lifetime> lifetimes) {

    /** Copies the lists. */
    public MemoryTimeline {
        steps = List.copyOf(steps);
        lifetimes = List.copyOf(lifetimes);
    }

    /**
     * One step of the order.
     *
     * @param step 1-based step number
     * @param op operator name
     * @param liveBeforeBytes bytes live before the operator runs (includes its inputs)
     * @param allocatedBytes bytes of new outputs counted at this step (an in-place output counts 0)
     * @param workspaceBytes workspace counted at this step
     * @param footprintBytes live before + allocated + workspace
     * @param freedBytes bytes released after the step
     * @param inplace whether the output reused an input's buffer
     */
    public record Step(int step, String op, long liveBeforeBytes, long allocatedBytes, long workspaceBytes,
                       long footprintBytes, long freedBytes, boolean inplace) {
    }

    /**
     * When a tensor is alive.
     *
     * @param tensor tensor name
     * @param bytes size
     * @param firstStep step that produces it (0 for a graph input)
     * @param lastStep last step whose footprint includes it (the number of steps for a graph output)
     */
    public record Lifetime(String tensor, long bytes, int firstStep, int lastStep) {
    }
}
