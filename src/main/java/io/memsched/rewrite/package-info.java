/**
 * Semantics-preserving graph rewrites that lower the peak beyond the best order, and a small API to write more.
 *
 * <p>A {@link io.memsched.rewrite.RewriteRule} looks at one operator (its anchor) and answers with a
 * {@link io.memsched.rewrite.Match}: no match, a skip with a reason, or a {@link io.memsched.rewrite.Replacement}
 * (operators to remove plus new operators written with the tensor-level {@link io.memsched.graph.GraphBuilder}).
 * A {@link io.memsched.rewrite.Rewriter} applies rules to a fixpoint, rebuilds and re-validates the graph after
 * every application, checks that the graph inputs and outputs keep their names, sizes and shapes, and reports
 * what changed in a {@link io.memsched.rewrite.RewriteResult}. {@link io.memsched.rewrite.SerenityRewrites} bundles
 * the two rewrites of SERENITY (channel-wise and kernel-wise partitioning of a concatenation).
 */
package io.memsched.rewrite;
