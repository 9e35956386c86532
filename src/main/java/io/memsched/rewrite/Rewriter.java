package io.memsched.rewrite;

import io.memsched.graph.Graph;
import io.memsched.graph.GraphBuilder;
import io.memsched.graph.InvalidGraphException;
import io.memsched.graph.Op;
import io.memsched.graph.Tensor;
import io.memsched.graph.Ints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;

/**
 * Applies {@link RewriteRule}s to a fixpoint. Each round tries every rule at every operator in program order and
 * applies the first replacement found; the graph is then rebuilt through {@link GraphBuilder} (so it is validated
 * again; when the new operators break the topological program order, operators are re-listed earliest-written
 * first) and the scan restarts. A run ends when a full scan finds nothing to apply; the skips of that last scan are
 * reported. After each application the rewriter checks that the graph inputs and outputs keep their names, sizes,
 * shapes and element types; a rule that breaks the graph or that contract is a bug, reported as an
 * {@link IllegalStateException} naming the rule and its anchor.
 *
 * <p>Time O(a * (r * n + n + e)) for a applications, r rules, n operators and e operator-tensor incidences.
 *
 * @see SerenityRewrites
 */
public final class Rewriter {
    private final List<RewriteRule> rules;
    private final int maxApplications;

    /** A rewriter with these rules, tried in this order, stopping after 10,000 applications. */
    public Rewriter(List<RewriteRule> rules) {
        this(rules, 10_000);
    }

    /** A rewriter with these rules that gives up (an {@link IllegalStateException}) after {@code maxApplications}. */
    public Rewriter(List<RewriteRule> rules, int maxApplications) {
        this.rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
        if (maxApplications < 1) {
            throw new IllegalArgumentException("maxApplications must be positive, was " + maxApplications);
        }
        this.maxApplications = maxApplications;
    }

    /** The rules, in the order they are tried. */
    public List<RewriteRule> rules() {
        return rules;
    }

    /** Rewrites {@code graph} until no rule applies. */
    public RewriteResult apply(Graph graph) {
        Objects.requireNonNull(graph, "graph");
        Graph g = graph;
        List<RewriteResult.Applied> applied = new ArrayList<>();
        List<RewriteResult.Skipped> skipped = new ArrayList<>();
        Map<String, int[]> provenance = new HashMap<>();
        for (int i = 0; i < graph.opCount(); i++) {
            provenance.put(graph.op(i).name(), new int[] {i});
        }
        boolean again = true;
        while (again) {
            again = false;
            skipped.clear();
            scan:
            for (int i = 0; i < g.opCount(); i++) {
                for (RewriteRule rule : rules) {
                    Match m = rule.match(g, i);
                    if (m.applies()) {
                        if (applied.size() >= maxApplications) {
                            throw new IllegalStateException("rewrite of graph '" + graph.name() + "' did not converge after "
                                    + maxApplications + " applications (rule " + rule.name() + " at op '"
                                    + g.op(i).name() + "' keeps matching)");
                        }
                        Replacement r = m.replacement().orElseThrow();
                        String anchor = g.op(i).name();
                        Graph before = g;
                        g = splice(g, r, rule.name(), anchor);
                        track(provenance, before, g, r);
                        checkInterface(graph, g, rule.name(), r.summary());
                        applied.add(new RewriteResult.Applied(rule.name(), anchor, r.summary()));
                        again = true;
                        break scan;
                    }
                    if (m.skipReason().isPresent()) {
                        skipped.add(new RewriteResult.Skipped(rule.name(), g.op(i).name(), m.skipReason().get()));
                    }
                }
            }
        }
        RewriteStats stats = new RewriteStats(graph.opCount(), g.opCount(), graph.tensorCount(), g.tensorCount(),
                applied.size(), skipped.size());
        List<Ints> members = new ArrayList<>(g.opCount());
        for (Op op : g.ops()) {
            members.add(Ints.of(provenance.get(op.name())));
        }
        return new RewriteResult(graph, g, applied, skipped, stats, members);
    }

    /** Carries the original operators each operator stands for across one application. */
    private static void track(Map<String, int[]> provenance, Graph before, Graph after, Replacement r) {
        int[] all = r.removedOps().stream().flatMapToInt(n -> Arrays.stream(provenance.get(n))).sorted().distinct()
                .toArray();
        Map<String, int[]> removed = new HashMap<>();
        for (String n : r.removedOps()) {
            removed.put(n, provenance.remove(n));
        }
        for (Op op : after.ops()) {
            if (provenance.containsKey(op.name())) {
                continue;
            }
            String from = null;
            for (String n : removed.keySet()) {
                if (op.name().startsWith(n + "__") && (from == null || n.length() > from.length())) {
                    from = n;
                }
            }
            provenance.put(op.name(), from == null ? all : removed.get(from));
        }
    }

    /**
     * The graph with {@code r} applied: the operators that stay keep their program order, the new operators take the
     * place of the last removed one.
     */
    static Graph splice(Graph g, Replacement r, String rule, String anchor) {
        int last = -1;
        for (String name : r.removedOps()) {
            int i = g.findOp(name).orElseThrow(() -> new IllegalStateException("rule " + rule + " at op '" + anchor
                    + "' removes op '" + name + "', which graph '" + g.name() + "' does not have"));
            last = Math.max(last, i);
        }
        GraphBuilder b = Graph.builder(g.name());
        for (int k = 0; k < g.inputIndices().size(); k++) {
            b.input(g.tensor(g.inputIndices().get(k)));
        }
        for (int i = 0; i < g.opCount(); i++) {
            Op op = g.op(i);
            if (r.removedOps().contains(op.name())) {
                if (i == last) {
                    r.newOps().accept(b);
                }
                continue;
            }
            b.op(op.name(), op.type());
            for (String in : op.inputs()) {
                b.reads(r.renamedReads().getOrDefault(in, in));
            }
            for (int k = 0; k < g.opOutputs(i).size(); k++) {
                b.writes(g.tensor(g.opOutputs(i).get(k)));
            }
            b.workspace(op.workspaceBytes()).inplace(op.inplace());
        }
        b.output(g.outputs().toArray(String[]::new));
        try {
            return topological(b.build());
        } catch (InvalidGraphException e) {
            throw new IllegalStateException("rule " + rule + " at op '" + anchor + "' produced an invalid graph: "
                    + e.getMessage(), e);
        }
    }

    /** {@code g} itself when its program order is topological, else its ops in the earliest-written-first order. */
    static Graph topological(Graph g) {
        int n = g.opCount();
        int[] indeg = new int[n];
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            indeg[i] = g.predecessors(i).size();
            for (int k = 0; k < g.predecessors(i).size(); k++) {
                sorted &= g.predecessors(i).get(k) < i;
            }
        }
        if (sorted) {
            return g;
        }
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (indeg[i] == 0) {
                ready.add(i);
            }
        }
        List<Op> ops = new ArrayList<>(n);
        while (!ready.isEmpty()) {
            int i = ready.poll();
            ops.add(g.op(i));
            for (int k = 0; k < g.successors(i).size(); k++) {
                int s = g.successors(i).get(k);
                if (--indeg[s] == 0) {
                    ready.add(s);
                }
            }
        }
        return Graph.of(g.name(), g.tensors(), g.inputs(), g.outputs(), ops);
    }

    private static void checkInterface(Graph before, Graph after, String rule, String summary) {
        checkSame(before, after, before.inputs(), after.inputs(), "inputs", rule, summary);
        checkSame(before, after, before.outputs(), after.outputs(), "outputs", rule, summary);
    }

    private static void checkSame(Graph before, Graph after, List<String> a, List<String> b, String what, String rule,
                                  String summary) {
        if (!a.equals(b)) {
            throw new IllegalStateException("rule " + rule + " (" + summary + ") changed the graph " + what + " of '"
                    + before.name() + "' from " + a + " to " + b);
        }
        for (String name : a) {
            Tensor t0 = before.tensor(before.tensorIndex(name));
            Tensor t1 = after.tensor(after.tensorIndex(name));
            if (!t0.equals(t1)) {
                throw new IllegalStateException("rule " + rule + " (" + summary + ") changed graph " + what.substring(0,
                        what.length() - 1) + " " + t0 + " of '" + before.name() + "' into " + t1);
            }
        }
    }
}
