package io.memsched.schedule.hmcos;

import io.memsched.graph.DominatorTree;
import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.StepCosts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The hierarchical graph of HMCOS: operators joined into <em>sequences</em> (chains run back to back), and
 * sequences grouped into <em>groups</em> (the interior of a cell, found with dominators and post-dominators) that
 * the top-level search schedules as one unit. Groups can be dissolved again ({@link #ungroup}).
 *
 * <p>Sequences: an operator is joined to its only successor when that successor has no other predecessor, neither
 * touches a graph input or output across the join, and running the successor raises neither the sequence's highest
 * footprint so far nor its latest live size (HMCOS {@code JoinSequencePass}). Groups: for every sequence that starts
 * with a {@code Concat} (a cell output), in topological order, the ungrouped sequences that it post-dominates and
 * that reach it backwards (HMCOS {@code MakeGroupPass} without the optional "intrusion"); a group that would make
 * the graph of units cyclic is not made. Time O(n + e) for the sequences, O(c (s + e_s)) for c cells over the
 * sequence graph.
 */
final class Hierarchy {
    final Graph graph;
    /** The step costs of the graph under the memory model the hierarchy was built for. */
    final StepCosts costs;
    final int[][] seqOps;
    final int[] seqOf;
    final int[][] seqPreds;
    final int[][] seqSuccs;
    /** Topological rank of each sequence (position of its first operator in the reference order). */
    final int[] seqRank;
    final int[] groupOf;
    final List<int[]> groups = new ArrayList<>();
    final List<Boolean> active = new ArrayList<>();

    private Hierarchy(StepCosts costs, int[][] seqOps, int[] seqOf, int[] seqRank) {
        this.graph = costs.graph();
        this.costs = costs;
        this.seqOps = seqOps;
        this.seqOf = seqOf;
        this.seqRank = seqRank;
        int ns = seqOps.length;
        this.seqPreds = new int[ns][];
        this.seqSuccs = new int[ns][];
        for (int s = 0; s < ns; s++) {
            seqPreds[s] = neighbours(s, true);
            seqSuccs[s] = neighbours(s, false);
        }
        this.groupOf = new int[ns];
        Arrays.fill(groupOf, -1);
    }

    private int[] neighbours(int s, boolean preds) {
        List<Integer> out = new ArrayList<>();
        for (int o : seqOps[s]) {
            Ints adj = preds ? graph.predecessors(o) : graph.successors(o);
            for (int k = 0; k < adj.size(); k++) {
                int t = seqOf[adj.get(k)];
                if (t != s && !out.contains(t)) {
                    out.add(t);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Builds sequences and groups of {@code graph}; {@code topo} is a topological order of its operators. */
    static Hierarchy build(Graph graph, MemoryModel model, int[] topo) {
        StepCosts costs = StepCosts.of(graph, model);
        int n = graph.opCount();
        int[] seqOf = new int[n];
        Arrays.fill(seqOf, -1);
        List<int[]> seqs = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        int[] pos = new int[n];
        for (int k = 0; k < n; k++) {
            pos[topo[k]] = k;
        }
        for (int k = 0; k < n; k++) {
            int o = topo[k];
            if (seqOf[o] >= 0) {
                continue;
            }
            int s = seqs.size();
            List<Integer> ops = new ArrayList<>();
            ops.add(o);
            seqOf[o] = s;
            long[] d = incDec(costs, o);
            long maxStable = d[0];
            long latest = d[1];
            int cur = o;
            while (hasSingleSuccessor(graph, cur)) {
                int next = graph.successors(cur).get(0);
                if (seqOf[next] >= 0 || !hasSinglePredecessor(graph, next)) {
                    break;
                }
                long[] e = incDec(costs, next);
                long stable = latest + e[0];
                long after = latest + e[1];
                if (stable > maxStable || after > latest) {
                    break;
                }
                latest = after;
                ops.add(next);
                seqOf[next] = s;
                cur = next;
            }
            seqs.add(ops.stream().mapToInt(Integer::intValue).toArray());
            ranks.add(pos[o]);
        }
        Hierarchy h = new Hierarchy(costs, seqs.toArray(new int[0][]), seqOf,
                ranks.stream().mapToInt(Integer::intValue).toArray());
        h.makeGroups();
        return h;
    }

    private static boolean hasSingleSuccessor(Graph g, int o) {
        if (g.successors(o).size() != 1) {
            return false;
        }
        Ints out = g.opOutputs(o);
        for (int k = 0; k < out.size(); k++) {
            if (g.isGraphOutput(out.get(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasSinglePredecessor(Graph g, int o) {
        if (g.predecessors(o).size() != 1) {
            return false;
        }
        Ints in = g.opInputs(o);
        for (int k = 0; k < in.size(); k++) {
            if (g.isGraphInput(in.get(k))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The memory effect of operator {@code o} run on its own, as HMCOS's join test sees it: {stable increment
     * (outputs, less an in-place reuse, plus workspace), transient change (outputs less the inputs only it reads and
     * its unread outputs)}.
     */
    static long[] incDec(StepCosts c, int o) {
        Graph g = c.graph();
        long killed = 0;
        Ints in = g.opInputs(o);
        for (int k = 0; k < in.size(); k++) {
            int t = in.get(k);
            boolean dup = false;
            for (int j = 0; j < k; j++) {
                dup |= in.get(j) == t;
            }
            if (!dup && !g.isGraphOutput(t) && g.consumers(t).size() == 1) {
                killed += g.bytes(t);
            }
        }
        int victim = c.victim(o);
        long stable = c.footprint(0, o, victim >= 0 && g.consumers(victim).size() == 1);
        return new long[] {stable, c.kept(o) - killed};
    }

    private void makeGroups() {
        int ns = seqOps.length;
        if (ns == 0) {
            return;
        }
        int sink = ns;
        List<Integer> toSink = new ArrayList<>();
        for (int s = 0; s < ns; s++) {
            if (seqSuccs[s].length == 0 || writesGraphOutput(s)) {
                toSink.add(s);
            }
        }
        int[] sinkPred = toSink.stream().mapToInt(Integer::intValue).toArray();
        // post-dominators: dominators of the reversed graph from a virtual sink after every exit sequence
        DominatorTree pdom = DominatorTree.of(ns + 1, sink, v -> v == sink ? sinkPred : seqPreds[v]);
        Integer[] byRank = new Integer[ns];
        for (int s = 0; s < ns; s++) {
            byRank[s] = s;
        }
        Arrays.sort(byRank, Comparator.comparingInt(s -> seqRank[s]));
        for (int c : byRank) {
            if (groupOf[c] >= 0 || !"Concat".equalsIgnoreCase(graph.op(seqOps[c][0]).type())) {
                continue;
            }
            List<Integer> members = new ArrayList<>();
            boolean[] seen = new boolean[ns];
            List<Integer> stack = new ArrayList<>(List.of(c));
            seen[c] = true;
            while (!stack.isEmpty()) {
                int s = stack.remove(stack.size() - 1);
                members.add(s);
                for (int p : seqPreds[s]) {
                    if (!seen[p] && groupOf[p] < 0 && pdom.dominates(c, p)) {
                        seen[p] = true;
                        stack.add(p);
                    }
                }
            }
            int g = groups.size();
            for (int s : members) {
                groupOf[s] = g;
            }
            if (!unitsAcyclic()) {
                for (int s : members) {
                    groupOf[s] = -1;
                }
                continue;
            }
            groups.add(members.stream().sorted(Comparator.comparingInt(s -> seqRank[s])).mapToInt(Integer::intValue)
                    .toArray());
            active.add(true);
        }
    }

    /** Whether sequence {@code s} writes a graph output. */
    private boolean writesGraphOutput(int s) {
        for (int o : seqOps[s]) {
            Ints ts = graph.opOutputs(o);
            for (int k = 0; k < ts.size(); k++) {
                if (graph.isGraphOutput(ts.get(k))) {
                    return true;
                }
            }
        }
        return false;
    }

    private int unitId(int s) {
        return groupOf[s] >= 0 ? seqOps.length + groupOf[s] : s;
    }

    /** Whether the graph of units (sequences outside groups, and groups) has no cycle, by Kahn's algorithm. */
    private boolean unitsAcyclic() {
        int ns = seqOps.length;
        int nu = ns + groups.size() + 1;
        int[] indeg = new int[nu];
        boolean[] exists = new boolean[nu];
        for (int s = 0; s < ns; s++) {
            exists[unitId(s)] = true;
            for (int t : seqSuccs[s]) {
                if (unitId(s) != unitId(t)) {
                    indeg[unitId(t)]++;
                }
            }
        }
        List<List<Integer>> members = new ArrayList<>();
        for (int u = 0; u < nu; u++) {
            members.add(new ArrayList<>());
        }
        for (int s = 0; s < ns; s++) {
            members.get(unitId(s)).add(s);
        }
        int[] stack = new int[nu];
        int sp = 0;
        int done = 0;
        int total = 0;
        for (int u = 0; u < nu; u++) {
            if (exists[u]) {
                total++;
                if (indeg[u] == 0) {
                    stack[sp++] = u;
                }
            }
        }
        while (sp > 0) {
            int u = stack[--sp];
            done++;
            for (int s : members.get(u)) {
                for (int t : seqSuccs[s]) {
                    int w = unitId(t);
                    if (w != u && --indeg[w] == 0) {
                        stack[sp++] = w;
                    }
                }
            }
        }
        return done == total;
    }

    /** Number of groups not dissolved. */
    int activeGroups() {
        return (int) active.stream().filter(b -> b).count();
    }

    /** Dissolves group {@code g}: its sequences become top-level units. */
    void ungroup(int g) {
        if (!active.get(g)) {
            return;
        }
        active.set(g, false);
        for (int s : groups.get(g)) {
            groupOf[s] = -1;
        }
    }

    /** The operators of group {@code g} in its reference order. */
    int[] groupOps(int g) {
        int count = 0;
        for (int s : groups.get(g)) {
            count += seqOps[s].length;
        }
        int[] ops = new int[count];
        int k = 0;
        for (int s : groups.get(g)) {
            for (int o : seqOps[s]) {
                ops[k++] = o;
            }
        }
        return ops;
    }
}
