package io.memsched.report;

/**
 * One line of the benchmark: one method on one graph under one memory model.
 *
 * @param graph graph name
 * @param memoryModel memory model id ({@code default}, {@code inplace})
 * @param ops operators of the graph
 * @param opsAfterFusion operators the method scheduled after fusing ({@code ops} when it does not fuse)
 * @param method method id
 * @param peakBytes the simulated peak of the method's order
 * @param lowerBoundBytes the bound the method proved (at least the simple bound)
 * @param optimal whether peak and bound meet
 * @param gap {@code (peak - bound) / peak}
 * @param reductionVsRpo percent below the reverse post-order's peak on the same graph and model (NaN when rpo was
 *     not run)
 * @param reductionVsHmcos percent below the hmcos peak on the same graph and model (NaN when hmcos was not run)
 * @param status how the run ended
 * @param seconds wall-clock seconds of the run
 */
public record BenchmarkRow(String graph, String memoryModel, int ops, int opsAfterFusion, String method,
                           long peakBytes, long lowerBoundBytes, boolean optimal, double gap, double reductionVsRpo,
                           double reductionVsHmcos, String status, double seconds) {

    /** The peak in KB (1 KB = 1024 bytes). */
    public double peakKb() {
        return peakBytes / 1024.0;
    }

    /** "optimal", or the gap to the lower bound in percent ("gap 3.1%"). */
    public String proof() {
        return optimal ? "optimal" : String.format(java.util.Locale.ROOT, "gap %.1f%%", gap * 100);
    }
}
