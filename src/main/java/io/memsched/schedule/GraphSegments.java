package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.graph.Op;
import io.memsched.graph.Tensor;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A graph cut at its single-node cuts: operators that every other operator precedes or follows, so every order runs
 * their ancestors first and their descendants last. The segments between cuts are scheduled independently: each
 * becomes a graph of its own whose inputs are the tensors it reads from earlier segments, whose outputs are the
 * tensors later segments (or the graph) still need, and whose extra input-and-output tensor {@code background}
 * holds the bytes that stay live across the segment untouched. The peak of an order is the largest peak of its
 * segments, so optimal segment orders concatenate to an optimal order and the largest segment bound is a bound.
 *
 * <p>Time O(n^2 / 64 + n + e) for the cut search (bit sets of ancestors).
 *
 * @param graph the cut graph
 * @param segments the segment graphs, in run order
 * @param members for each segment, the operator indices of {@code graph} it holds, in segment operator order
 */
public record GraphSegments(Graph graph, List<Graph> segments, List<Ints> members) {
    /** Freezes the lists. */
    public GraphSegments {
        segments = List.copyOf(segments);
        members = List.copyOf(members);
    }

    /** The segments of {@code graph} between its single-node cuts (the cut closes its segment). */
    public static GraphSegments of(Graph graph) {
        int n = graph.opCount();
        int[] topo = TopologicalOrders.fifo(graph);
        BitSet[] anc = TopologicalOrders.closure(graph, topo, false);
        BitSet[] desc = TopologicalOrders.closure(graph, topo, true);
        int[] descCount = new int[n];
        for (int i = 0; i < n; i++) {
            descCount[i] = desc[i].cardinality();
        }
        // a cut's segment index = number of cuts among its ancestors; sort cuts by ancestor count
        List<Integer> cuts = new ArrayList<>();
        for (int i : topo) {
            if (anc[i].cardinality() + descCount[i] == n - 1) {
                cuts.add(i);
            }
        }
        cuts.sort((a, b) -> Integer.compare(anc[a].cardinality(), anc[b].cardinality()));
        int[] seg = new int[n];
        int segs = cuts.size() + (cuts.isEmpty() || descCount[cuts.get(cuts.size() - 1)] > 0 ? 1 : 0);
        for (int i = 0; i < n; i++) {
            int s = 0;
            while (s < cuts.size() && !(anc[cuts.get(s)].get(i) || cuts.get(s) == i)) {
                s++;
            }
            seg[i] = s;
        }
        List<List<Integer>> ops = new ArrayList<>();
        for (int s = 0; s < segs; s++) {
            ops.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            ops.get(seg[i]).add(i);
        }
        return build(graph, seg, ops);
    }

    /**
     * The graph cut into the consecutive windows of a valid order: window {@code k} holds
     * {@code order[k*size .. (k+1)*size - 1]}. Orders of the whole graph that run the windows in sequence are exactly
     * the concatenations of window orders, with the same peak; unlike single-node cuts, windows are a choice, so the
     * largest window bound is not a bound of the graph.
     */
    public static GraphSegments windows(Graph graph, int[] order, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("window size must be positive, was " + size);
        }
        int n = graph.opCount();
        int[] seg = new int[n];
        int segs = Math.max(1, (n + size - 1) / size);
        List<List<Integer>> ops = new ArrayList<>();
        for (int s = 0; s < segs; s++) {
            ops.add(new ArrayList<>());
        }
        for (int k = 0; k < order.length; k++) {
            seg[order[k]] = k / size;
            ops.get(k / size).add(order[k]);
        }
        for (List<Integer> w : ops) {
            w.sort(Integer::compare);
        }
        return build(graph, seg, ops);
    }

    private static GraphSegments build(Graph g, int[] seg, List<List<Integer>> ops) {
        int segs = ops.size();
        int nt = g.tensorCount();
        long[] background = new long[segs + 1];
        int[] prodSeg = new int[nt];
        int[] lastSeg = new int[nt];
        for (int t = 0; t < nt; t++) {
            int p = g.producer(t);
            prodSeg[t] = p < 0 ? -1 : seg[p];
            int last = g.isGraphOutput(t) ? segs : -1;
            Ints c = g.consumers(t);
            for (int k = 0; k < c.size(); k++) {
                last = Math.max(last, seg[c.get(k)]);
            }
            lastSeg[t] = last;
            // live, untouched, over segments prodSeg+1 .. lastSeg-1 (graph inputs from segment 0)
            int from = prodSeg[t] + 1;
            int to = Math.min(last - 1, segs - 1);
            if (from <= to) {
                background[from] += g.bytes(t);
                background[to + 1] -= g.bytes(t);
            }
        }
        long run = 0;
        long[] bg = new long[segs];
        for (int s = 0; s < segs; s++) {
            run += background[s];
            bg[s] = run;
        }
        List<Graph> graphs = new ArrayList<>(segs);
        List<Ints> members = new ArrayList<>(segs);
        for (int s = 0; s < segs; s++) {
            List<Integer> mine = ops.get(s);
            Set<Integer> ins = new LinkedHashSet<>();
            Set<Integer> tensors = new LinkedHashSet<>();
            Set<Integer> outs = new LinkedHashSet<>();
            List<Op> segOps = new ArrayList<>(mine.size());
            int[] idx = new int[mine.size()];
            for (int k = 0; k < mine.size(); k++) {
                int i = mine.get(k);
                idx[k] = i;
                segOps.add(g.op(i));
                Ints in = g.opInputs(i);
                for (int j = 0; j < in.size(); j++) {
                    int t = in.get(j);
                    tensors.add(t);
                    if (prodSeg[t] < s) {
                        ins.add(t);
                        if (lastSeg[t] > s) {
                            outs.add(t);
                        }
                    }
                }
                Ints out = g.opOutputs(i);
                for (int j = 0; j < out.size(); j++) {
                    int t = out.get(j);
                    tensors.add(t);
                    if (lastSeg[t] > s) {
                        outs.add(t);
                    }
                }
            }
            long bgBytes = bg[s];
            for (int t : ins) {
                if (prodSeg[t] < s && lastSeg[t] > s) {
                    bgBytes -= g.bytes(t); // read here, so it is an explicit input, not background
                }
            }
            if (s == 0) {
                Ints gi = g.inputIndices();
                for (int k = 0; k < gi.size(); k++) {
                    int t = gi.get(k);
                    if (g.consumers(t).isEmpty() && !g.isGraphOutput(t)) {
                        tensors.add(t);
                        ins.add(t);
                    }
                }
            }
            List<Tensor> ts = new ArrayList<>();
            List<String> inNames = new ArrayList<>();
            List<String> outNames = new ArrayList<>();
            for (int t : tensors) {
                ts.add(g.tensor(t));
            }
            for (int t : ins) {
                inNames.add(g.tensor(t).name());
            }
            for (int t : outs) {
                outNames.add(g.tensor(t).name());
            }
            if (bgBytes > 0) {
                String name = "background";
                while (g.findTensor(name).isPresent()) {
                    name = "_" + name;
                }
                ts.add(new Tensor(name, bgBytes, List.of(), java.util.Optional.empty()));
                inNames.add(name);
                outNames.add(name);
            }
            graphs.add(Graph.of(g.name() + (segs > 1 ? "#" + s : ""), ts, inNames, outNames, segOps));
            members.add(Ints.of(idx));
        }
        return new GraphSegments(g, graphs, members);
    }

    /** The order of {@code graph} that runs the segments in order, each in its own {@code segmentOrders[s]}. */
    public int[] concat(List<int[]> segmentOrders) {
        int[] order = new int[graph.opCount()];
        int k = 0;
        for (int s = 0; s < segments.size(); s++) {
            for (int local : segmentOrders.get(s)) {
                order[k++] = members.get(s).get(local);
            }
        }
        return order;
    }
}
