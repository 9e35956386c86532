package io.memsched.report;


import io.memsched.pass.PassResult;
import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.graph.Op;
import io.memsched.graph.Sizes;
import java.util.function.Function;

/**
 * Graph pictures in one call: {@link #render(Graph)} is {@code GraphView.of(g).svg()} (sized for a screen, large
 * graphs collapsed), {@link #summary(Graph)} the one-line description, {@link #fusedGroups} a colour key that shows
 * which operators a fusion pass merged.
 * <pre>{@code
 * String svg = GraphSvg.render(graph);
 * String svg2 = GraphSvg.render(graph, op -> op.name().startsWith("fused") ? "fused" : op.type());
 * }</pre>
 *
 * @see GraphView
 */
public final class GraphSvg {
    private GraphSvg() {
    }

    /** The one-line summary: name, operators, tensors, inputs/outputs and total tensor bytes. */
    public static String summary(Graph g) {
        return String.format(java.util.Locale.ROOT, "graph '%s': %d ops, %d tensors, %d inputs, %d outputs, %s of tensors",
                g.name(), g.opCount(), g.tensorCount(), g.inputs().size(), g.outputs().size(),
                Sizes.format(g.totalBytes()));
    }

    /**
     * A colour key for {@link #render(Graph, Function)} of {@code fused.input()}: operators fused together share
     * the fused operator's name; unfused operators are {@code "unfused"}.
     */
    public static Function<Op, String> fusedGroups(PassResult fused) {
        java.util.Map<String, String> group = new java.util.HashMap<>();
        for (int k = 0; k < fused.graph().opCount(); k++) {
            Ints m = fused.provenance().origins(k);
            for (int j = 0; j < m.size(); j++) {
                group.put(fused.input().op(m.get(j)).name(), m.size() > 1 ? fused.graph().op(k).name() : "unfused");
            }
        }
        return op -> group.getOrDefault(op.name(), "unfused");
    }

    /** The drawing of {@link GraphView#of(Graph)}: coloured by operator type, collapsed when large. */
    public static String render(Graph g) {
        return GraphView.of(g).svg();
    }

    /** The drawing coloured by {@code colourKey} (one {@link Palette} colour per distinct key, with a legend). */
    public static String render(Graph g, Function<Op, String> colourKey) {
        return GraphView.of(g).colourBy(colourKey).svg();
    }
}
