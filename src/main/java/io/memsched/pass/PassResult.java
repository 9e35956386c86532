package io.memsched.pass;

import io.memsched.graph.Graph;
import java.util.List;
import java.util.Objects;

/**
 * The output of a {@link Pass}: the new graph, where each of its operators came from, what the pass did, and, for a
 * {@link Pipeline}, the result of every pass it ran.
 *
 * @param input the graph the pass read
 * @param graph the graph the pass wrote ({@code input} itself when nothing changed)
 * @param provenance which operators of {@code input} each operator of {@code graph} stands for
 * @param stats typed statistics
 * @param steps the results of the passes inside a pipeline, in the order they ran (empty for a single pass)
 */
public record PassResult(Graph input, Graph graph, Provenance provenance, PassStats stats, List<PassResult> steps) {
    /** Checks that the provenance fits both graphs. */
    public PassResult {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(stats, "stats");
        steps = List.copyOf(steps);
        if (provenance.outputOps() != graph.opCount() || provenance.inputOps() != input.opCount()) {
            throw new IllegalStateException("pass '" + stats.name() + "': provenance of " + provenance.inputOps() + " -> "
                    + provenance.outputOps() + " operators for graphs of " + input.opCount() + " -> "
                    + graph.opCount() + " operators ('" + graph.name() + "')");
        }
    }

    /** The result of a single pass (no steps). */
    public static PassResult of(Graph input, Graph graph, Provenance provenance, PassStats stats) {
        return new PassResult(input, graph, provenance, stats, List.of());
    }

    /** A pass called {@code name} that left {@code graph} as it was. */
    public static PassResult unchanged(String name, Graph graph) {
        return of(graph, graph, Provenance.identity(graph.opCount()),
                PassStats.of(name, graph.opCount(), graph.opCount(), java.util.Map.of()));
    }

    /** Whether the graph changed. */
    public boolean changed() {
        return graph != input && !provenance.isIdentity() || stats.totalApplied() > 0;
    }

    /** The pass name. */
    public String name() {
        return stats.name();
    }

    /** For each operator of {@link #graph()}, the operators of {@link #input()} it stands for. */
    public List<io.memsched.graph.Ints> members() {
        return provenance.members();
    }

    /** An order of {@link #graph()} expanded to {@link #input()} (groupings only). */
    public int[] expand(int[] order) {
        return provenance.expand(order);
    }

    /** One line: the statistics. */
    @Override
    public String toString() {
        return stats.toString();
    }
}
