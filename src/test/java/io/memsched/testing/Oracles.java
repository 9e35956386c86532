package io.memsched.testing;

import io.memsched.graph.Graph;
import io.memsched.io.GraphJson;
import io.memsched.memory.LowerBounds;
import io.memsched.run.Status;
import io.memsched.schedule.ScheduleResult;
import io.memsched.run.Status;

/**
 * Assertions every scheduler test can reuse. Each failure message carries the graph as {@code memsched-graph/1}
 * JSON, so a failing seed can be replayed from the message alone.
 */
public final class Oracles {
    private Oracles() {
    }

    /**
     * Checks a result against an independent re-simulation ({@link ReferenceModel}): the order is a valid
     * schedule of all operators, its peak equals the reported one, the bound is at most the peak and at least the
     * simple bound, {@code optimal} holds exactly when they meet, and the status agrees.
     */
    public static void assertValidResult(Graph graph, ScheduleResult result) {
        String ctx = context(graph, result);
        if (!result.graphName().equals(graph.name())) {
            fail(ctx, "result names graph '" + result.graphName() + "'");
        }
        if (result.schedule().size() != graph.opCount()) {
            fail(ctx, "order has " + result.schedule().size() + " ops, graph has " + graph.opCount());
        }
        int[] order;
        try {
            order = result.schedule().indicesIn(graph);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(ctx + ": " + e.getMessage(), e);
        }
        long peak;
        try {
            peak = new ReferenceModel(graph, result.memoryModel()).peak(order);
        } catch (AssertionError e) {
            throw new AssertionError(ctx + ": invalid order: " + e.getMessage(), e);
        }
        if (peak != result.peakBytes()) {
            fail(ctx, "reported peak " + result.peakBytes() + " but the order's peak is " + peak);
        }
        if (result.lowerBoundBytes() > peak) {
            fail(ctx, "bound " + result.lowerBoundBytes() + " exceeds peak " + peak);
        }
        if (result.lowerBoundBytes() < LowerBounds.simple(graph, result.memoryModel())) {
            fail(ctx, "bound " + result.lowerBoundBytes() + " below the simple bound");
        }
        if (result.optimal() != (result.lowerBoundBytes() == peak)) {
            fail(ctx, "optimal=" + result.optimal() + " but bound " + result.lowerBoundBytes() + ", peak " + peak);
        }
        if (result.optimal() != (result.status() == Status.OPTIMAL)) {
            fail(ctx, "optimal=" + result.optimal() + " but status " + result.status());
        }
    }

    /**
     * {@link #assertValidResult} plus the comparison with the true optimum: the peak is not below it, the bound not
     * above it, and a result that claims optimality reaches it.
     */
    public static void assertSound(Graph graph, ScheduleResult result, long optimumBytes) {
        assertValidResult(graph, result);
        String ctx = context(graph, result);
        if (result.peakBytes() < optimumBytes) {
            fail(ctx, "peak " + result.peakBytes() + " below the optimum " + optimumBytes + " (oracle or simulator bug)");
        }
        if (result.lowerBoundBytes() > optimumBytes) {
            fail(ctx, "bound " + result.lowerBoundBytes() + " exceeds the optimum " + optimumBytes);
        }
    }

    /** {@link #assertSound} and the result must be the proven optimum. */
    public static void assertOptimal(Graph graph, ScheduleResult result, long optimumBytes) {
        assertSound(graph, result, optimumBytes);
        if (!result.optimal() || result.peakBytes() != optimumBytes) {
            fail(context(graph, result), "expected the proven optimum " + optimumBytes + ", got peak "
                    + result.peakBytes() + " optimal=" + result.optimal());
        }
    }

    /** A failure message prefix naming the method, the model and the graph as JSON. */
    public static String context(Graph graph, ScheduleResult result) {
        return result.method() + " (" + result.memoryModel().id() + ") on " + describe(graph);
    }

    /** The graph's name and JSON, for failure messages. */
    public static String describe(Graph graph) {
        return "graph '" + graph.name() + "':\n" + GraphJson.write(graph);
    }

    private static void fail(String context, String what) {
        throw new AssertionError(what + "\n  in " + context);
    }
}
