package io.memsched.rewrite;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a {@link Rewriter} run: the original and rewritten graphs and what changed.
 *
 * @param original the graph before
 * @param graph the rewritten graph (the original itself when nothing applied)
 * @param applied every application, in order
 * @param skipped anchors where a rule recognised its pattern but declined, with the reason (final state)
 * @param stats counts
 * @param members for each operator of {@code graph}, the operators of {@code original} it stands for (a kept
 *     operator: itself; a new one: the removed operator it derives from, by its name prefix {@code <op>__}, else
 *     every operator its application removed)
 */
public record RewriteResult(Graph original, Graph graph, List<Applied> applied, List<Skipped> skipped,
                            RewriteStats stats, List<Ints> members) {

    /** Copies the lists. */
    public RewriteResult {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(graph, "graph");
        applied = List.copyOf(applied);
        skipped = List.copyOf(skipped);
        Objects.requireNonNull(stats, "stats");
        members = List.copyOf(members);
        if (members.size() != graph.opCount()) {
            throw new IllegalArgumentException(members.size() + " member lists for " + graph.opCount() + " ops");
        }
    }

    /**
     * One application.
     *
     * @param rule the rule's name
     * @param anchor the anchor operator's name
     * @param summary what changed
     */
    public record Applied(String rule, String anchor, String summary) {
    }

    /**
     * One declined match.
     *
     * @param rule the rule's name
     * @param anchor the anchor operator's name
     * @param reason why the rule declined
     */
    public record Skipped(String rule, String anchor, String reason) {
    }

    /** Whether any rule applied. */
    public boolean changed() {
        return !applied.isEmpty();
    }

    /** One line: applications, skips, operator counts. */
    @Override
    public String toString() {
        return "rewrite of " + original.name() + ": " + stats.applied() + " applied, " + stats.skipped()
                + " skipped, ops " + stats.opsBefore() + " -> " + stats.opsAfter();
    }
}
