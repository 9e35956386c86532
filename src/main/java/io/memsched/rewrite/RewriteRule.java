package io.memsched.rewrite;

import io.memsched.graph.Graph;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A semantics-preserving graph transformation, tried at every operator (its anchor) by a {@link Rewriter}.
 * A rule must not match its own output again, or the rewriter stops with an error after too many applications.
 *
 * <p>A new rule fits in a notebook cell; this one removes {@code Identity} operators whose output is not a graph
 * output by redirecting their readers to the identity's input:
 * <pre>{@code
 * RewriteRule dropIdentity = RewriteRule.of("drop-identity", "removes Identity ops", (g, i) -> {
 *     var op = g.op(i);
 *     if (!op.type().equals("Identity") || op.inputs().size() != 1 || op.outputs().size() != 1) return Match.none();
 *     if (g.isGraphOutput(g.opOutputs(i).get(0))) return Match.skip("its output is a graph output");
 *     return Match.replace(new Replacement(Set.of(op.name()), Map.of(op.outputs().get(0), op.inputs().get(0)),
 *             b -> { }, "removed " + op.name()));
 * });
 * RewriteResult r = new Rewriter(List.of(dropIdentity)).apply(graph);
 * }</pre>
 */
public interface RewriteRule {
    /** A stable kebab-case name, such as {@code channel-partition}. */
    String name();

    /** One line saying what the rule does. */
    String description();

    /** What the rule does at operator {@code op} of {@code graph}. */
    Match match(Graph graph, int op);

    /** A rule from a name, a description and a matching function. */
    static RewriteRule of(String name, String description, BiFunction<Graph, Integer, Match> matcher) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(matcher, "matcher");
        return new RewriteRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public Match match(Graph graph, int op) {
                return Objects.requireNonNull(matcher.apply(graph, op), () -> "rule " + name + " returned null");
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
