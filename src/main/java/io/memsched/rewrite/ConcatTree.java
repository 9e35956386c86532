package io.memsched.rewrite;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pattern channel-wise partitioning rewrites: a channel concatenation, the tree of per-channel operators below
 * it (element-wise operators, padding, slicing and pooling that keep the channel count, each reading only a tree
 * tensor), and the convolutions at the leaves. Each per-channel operator can run on each concat input's channel
 * slice separately; each convolution becomes partial convolutions over the slices.
 *
 * @param concat the concat operator
 * @param parts the tensors it reads, by occurrence
 * @param distinct the distinct part tensors, in first-occurrence order
 * @param slot for each occurrence, its index in {@code distinct}
 * @param treeOps the per-channel operators, parents before children
 * @param leaves the convolutions
 * @param axis the concatenation (channel) axis
 * @param problem why it cannot be rewritten, if it cannot
 */
record ConcatTree(int concat, int[] parts, int[] distinct, int[] slot, List<Integer> treeOps, List<Integer> leaves,
                  int axis, Optional<String> problem) {

    /** Largest tree handled. */
    static final int MAX_TREE_OPS = 256;

    static Optional<ConcatTree> find(Graph g, int op, SerenityRewrites.Options o, Set<String> leafTypes) {
        if (!ConcatPattern.isType(ConcatPattern.CONCAT_TYPES, g.op(op).type()) || g.opOutputs(op).size() != 1
                || g.opInputs(op).size() < 2) {
            return Optional.empty();
        }
        int[] parts = g.opInputs(op).toArray();
        Map<Integer, Integer> slots = new LinkedHashMap<>();
        int[] slot = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            slot[k] = slots.computeIfAbsent(parts[k], t -> slots.size());
        }
        int[] distinct = slots.keySet().stream().mapToInt(Integer::intValue).toArray();
        int y = g.opOutputs(op).get(0);
        List<Integer> treeOps = new ArrayList<>();
        List<Integer> leaves = new ArrayList<>();
        String problem = null;
        Set<Integer> tree = new HashSet<>();
        tree.add(y);
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(y));
        String shapes = ConcatPattern.shapeProblem(g, parts, y);
        long channels = shapes == null ? -1 : -2;
        int axis = -1;
        if (shapes == null) {
            axis = ConcatPattern.concatAxis(g, parts, y);
            if (axis < 0) {
                shapes = "the shapes of the inputs of '" + g.op(op).name() + "' do not tell its concatenation axis";
            } else if (axis != o.channelAxis()) {
                shapes = "'" + g.op(op).name() + "' concatenates along axis " + axis + ", not the channel axis "
                        + o.channelAxis();
            } else {
                channels = g.tensor(y).shape().get(axis);
            }
        }
        while (!queue.isEmpty()) {
            int t = queue.poll();
            String tn = "'" + g.tensor(t).name() + "'";
            if (g.isGraphOutput(t) && problem == null) {
                problem = "the concatenated tensor " + tn + " is a graph output";
            }
            Ints cons = g.consumers(t);
            for (int k = 0; k < cons.size(); k++) {
                int c = cons.get(k);
                Ints in = g.opInputs(c);
                String cn = "op '" + g.op(c).name() + "' (" + g.op(c).type() + ")";
                if (ConcatPattern.isType(leafTypes, g.op(c).type())) {
                    leaves.add(c);
                    boolean ok = in.get(0) == t && g.opOutputs(c).size() == 1;
                    for (int j = 1; j < in.size(); j++) {
                        ok &= !tree.contains(in.get(j)) && in.get(j) != t;
                    }
                    if (!ok && problem == null) {
                        problem = cn + " does not read " + tn + " exactly once, as its first input, with one output";
                    }
                } else if (ConcatPattern.isType(o.perChannelTypes(), g.op(c).type()) && in.size() == 1
                        && g.opOutputs(c).size() == 1) {
                    int out = g.opOutputs(c).get(0);
                    treeOps.add(c);
                    tree.add(out);
                    queue.add(out);
                    if (problem == null && shapes == null) {
                        var s = g.tensor(out).shape();
                        if (s.size() != g.tensor(y).shape().size() || s.get(axis) != channels) {
                            problem = cn + " changes the channel count of " + tn;
                        } else if (g.bytes(out) % channels != 0) {
                            problem = "'" + g.tensor(out).name() + "' has no whole number of bytes per channel";
                        }
                    }
                } else if (problem == null) {
                    problem = tn + " is also read by " + cn + ", which cannot be partitioned";
                }
            }
            if (treeOps.size() > MAX_TREE_OPS) {
                problem = "more than " + MAX_TREE_OPS + " per-channel operators follow '" + g.op(op).name() + "'";
                break;
            }
        }
        if (leaves.isEmpty()) {
            return Optional.empty();
        }
        if (problem == null) {
            problem = shapes;
        }
        if (problem == null) {
            long sum = 0;
            for (int p : parts) {
                sum += g.bytes(p);
            }
            if (sum != g.bytes(y)) {
                problem = "the inputs of '" + g.op(op).name() + "' hold " + sum + " bytes but its output " + g.bytes(y);
            }
        }
        return Optional.of(new ConcatTree(op, parts, distinct, slot, List.copyOf(treeOps), List.copyOf(leaves), axis,
                Optional.ofNullable(problem)));
    }

    /** The concatenated tensor. */
    int output(Graph g) {
        return g.opOutputs(concat).get(0);
    }

    /** Channels of distinct part {@code d}. */
    long channels(Graph g, int d) {
        return g.tensor(distinct[d]).shape().get(axis);
    }

    /** Bytes of the slice of tree tensor {@code t} that belongs to distinct part {@code d}. */
    long sliceBytes(Graph g, int t, int d) {
        return g.bytes(t) / g.tensor(output(g)).shape().get(axis) * channels(g, d);
    }

    /**
     * Whether every reader of every part other than the concat precedes the concat in every order (so the parts die
     * where the concatenated tensor would).
     */
    boolean partsPrivate(Graph g) {
        boolean[] anc = new boolean[g.opCount()];
        ArrayDeque<Integer> q = new ArrayDeque<>(List.of(concat));
        while (!q.isEmpty()) {
            Ints p = g.predecessors(q.poll());
            for (int k = 0; k < p.size(); k++) {
                if (!anc[p.get(k)]) {
                    anc[p.get(k)] = true;
                    q.add(p.get(k));
                }
            }
        }
        for (int t : distinct) {
            if (g.isGraphOutput(t)) {
                return false;
            }
            Ints c = g.consumers(t);
            for (int k = 0; k < c.size(); k++) {
                if (c.get(k) != concat && !anc[c.get(k)]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Names of the operators the rewrite removes: the concat, the tree and the leaves. */
    Set<String> removedOps(Graph g) {
        Set<String> s = new HashSet<>();
        s.add(g.op(concat).name());
        treeOps.forEach(i -> s.add(g.op(i).name()));
        leaves.forEach(i -> s.add(g.op(i).name()));
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConcatTree p && concat == p.concat && java.util.Arrays.equals(parts, p.parts)
                && treeOps.equals(p.treeOps) && leaves.equals(p.leaves) && axis == p.axis && problem.equals(p.problem);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(concat, java.util.Arrays.hashCode(parts), treeOps, leaves, axis, problem);
    }
}
