package io.memsched.io;

import io.memsched.graph.Graph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ModelWriter} writes back into a model: the order of the graph's operators, what it costs under
 * which memory model, and optionally the arena layout of that order. Made by the facade
 * ({@code Memsched.save(plan, path)}) from a plan; writers only read it.
 *
 * @param graph the graph the order runs on (read from {@code graph.source()})
 * @param order every operator name of {@code graph}, in the order they run
 * @param method the id of the method that found the order ({@code best}, {@code dp}, ...)
 * @param memoryModel the id of the memory model the peak is measured under ({@code default}, {@code inplace})
 * @param peakBytes the peak of the order, bytes
 * @param arena the arena layout of the order, when one was planned
 * @param version the memsched version that wrote it ({@code dev} outside a released jar)
 */
public record PlanExport(Graph graph, List<String> order, String method, String memoryModel, long peakBytes,
                         Optional<Arena> arena, String version) {

    /** Checks the fields: the order names every operator of the graph once. */
    public PlanExport {
        Objects.requireNonNull(graph, "graph");
        order = List.copyOf(order);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(memoryModel, "memoryModel");
        Objects.requireNonNull(arena, "arena");
        Objects.requireNonNull(version, "version");
        if (order.size() != graph.opCount() || order.stream().distinct().count() != order.size()
                || !order.stream().allMatch(n -> graph.findOp(n).isPresent())) {
            throw new IllegalArgumentException("graph '" + graph.name() + "': the order does not name each of its "
                    + graph.opCount() + " operators once");
        }
    }

    /**
     * An arena layout of the order.
     *
     * @param planner the arena planner's id ({@code greedy}, {@code bestfit}, {@code exact})
     * @param arenaBytes the arena size, bytes
     * @param offsets the byte offset of every tensor of the graph in the arena, by tensor name (tensors sharing an
     *     in-place buffer share its offset)
     */
    public record Arena(String planner, long arenaBytes, Map<String, Long> offsets) {
        /** Copies the offsets, keeping their order. */
        public Arena {
            Objects.requireNonNull(planner, "planner");
            offsets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(offsets));
        }
    }
}
