package io.memsched.rewrite;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.pass.PassResult;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a {@link Rewriter} run in detail: its {@link PassResult} (graphs, provenance, statistics) plus every
 * application and every declined match.
 *
 * @param pass the pass result: {@code pass.input()} the graph before, {@code pass.graph()} the rewritten graph (the
 *     original itself when nothing applied), and a provenance tracing each new operator to the removed operator it
 *     derives from (the origin its rule named), else to every operator its application removed
 * @param applied every application, in order
 * @param skipped anchors where a rule recognised its pattern but declined, with the reason (final state)
 * @param stats counts
 */
public record RewriteResult(PassResult pass, List<Applied> applied, List<Skipped> skipped, RewriteStats stats) {

    /** Copies the lists. */
    public RewriteResult {
        Objects.requireNonNull(pass, "pass");
        applied = List.copyOf(applied);
        skipped = List.copyOf(skipped);
        Objects.requireNonNull(stats, "stats");
    }

    /** The graph before. */
    public Graph original() {
        return pass.input();
    }

    /** The rewritten graph. */
    public Graph graph() {
        return pass.graph();
    }

    /** For each operator of {@link #graph()}, the operators of {@link #original()} it stands for. */
    public List<Ints> members() {
        return pass.provenance().members();
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
        return "rewrite of " + original().name() + ": " + stats.applied() + " applied, " + stats.skipped()
                + " skipped, ops " + stats.opsBefore() + " -> " + stats.opsAfter();
    }
}
