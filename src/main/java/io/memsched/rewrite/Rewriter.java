package io.memsched.rewrite;

import io.memsched.graph.Graph;
import io.memsched.graph.GraphBuilder;
import io.memsched.graph.InvalidGraphException;
import io.memsched.graph.Op;
import io.memsched.graph.Tensor;
import io.memsched.graph.Ints;
import io.memsched.pass.Pass;
import io.memsched.pass.PassContext;
import io.memsched.pass.PassResult;
import io.memsched.pass.PassStats;
import io.memsched.pass.Provenance;
import java.util.LinkedHashMap;
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
public final class Rewriter implements Pass {
    private final String name;
    private final List<RewriteRule> rules;
    private final int maxApplications;

    /** A rewriter named {@code rewrite} with these rules, tried in this order, stopping after 10,000 applications. */
    public Rewriter(List<RewriteRule> rules) {
        this("rewrite", rules, 10_000);
    }

    /** A rewriter named {@code name} with these rules, tried in this order, stopping after 10,000 applications. */
    public Rewriter(String name, List<RewriteRule> rules) {
        this(name, rules, 10_000);
    }

    /** A rewriter named {@code rewrite} that gives up after {@code maxApplications}. */
    public Rewriter(List<RewriteRule> rules, int maxApplications) {
        this("rewrite", rules, maxApplications);
    }

    /** A rewriter with these rules that gives up (an {@link IllegalStateException}) after {@code maxApplications}. */
    public Rewriter(String name, List<RewriteRule> rules, int maxApplications) {
        this.name = Objects.requireNonNull(name, "name");
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

    @Override
    public String name() {
        return name;
    }

    /**
     * Rewrites {@code graph} until no rule applies, as a pass: statistics count applications per rule and list the
     * final skips; provenance traces each new operator to the removed operator it derives from. (The rules carry
     * their own memory model; see {@link SerenityRewrites#pass} for rules built from the context's.)
     */
    @Override
    public PassResult run(Graph graph, PassContext context) {
        return apply(graph).pass();
    }

    /** Rewrites {@code graph} until no rule applies, with every application and skip listed. */
    public RewriteResult apply(Graph graph) {
        Objects.requireNonNull(graph, "graph");
        Graph g = graph;
        List<RewriteResult.Applied> applied = new ArrayList<>();
        List<RewriteResult.Skipped> skipped = new ArrayList<>();
        Map<String, int[]> provenance = new HashMap<>();
        Map<String, Integer> perRule = new LinkedHashMap<>();
        rules.forEach(r -> perRule.put(r.name(), 0));
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
                        perRule.merge(rule.name(), 1, Integer::sum);
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
        PassStats passStats = new PassStats(name, graph.opCount(), g.opCount(), perRule, 1,
                skipped.stream().map(k -> k.rule() + " at " + k.anchor() + ": " + k.reason()).toList(), false);
        Provenance prov = applied.isEmpty() ? Provenance.identity(graph.opCount())
                : Provenance.rewrite(members, graph.opCount());
        return new RewriteResult(PassResult.of(graph, g, prov, passStats), applied, skipped, stats);
    }

    /**
     * Carries the original operators each operator stands for across one application: a new operator stands for
     * the origin its replacement names, else for everything the application removed.
     */
    private static void track(Map<String, int[]> provenance, Graph before, Graph after, Replacement r) {
        int[] all = r.removedOps().stream().flatMapToInt(n -> Arrays.stream(provenance.get(n))).sorted().distinct()
                .toArray();
        Map<String, int[]> removed = new HashMap<>();
        for (String n : r.removedOps()) {
            removed.put(n, provenance.remove(n));
        }
        for (Op op : after.ops()) {
            if (!provenance.containsKey(op.name())) {
                String from = r.origins().get(op.name());
                provenance.put(op.name(), from != null && removed.containsKey(from) ? removed.get(from) : all);
            }
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
