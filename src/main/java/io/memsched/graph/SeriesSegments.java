package io.memsched.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A graph cut into a series of <em>segments</em> that every order considered runs one after the other.
 *
 * <p>{@link #atCuts} cuts at the single-node cuts: operators that are an ancestor or a descendant of every other
 * operator. Every valid order runs the ancestors of a cut, then the cut, then its descendants, so the orders of the
 * graph are exactly the concatenations of orders of the segments: segment, cut, segment, cut, ..., segment (each
 * cut a segment of its own, empty segments left out). The live set is a function of the set of operators already
 * run and every order passes the same sets at the segment boundaries, so the peak of an order is the largest peak
 * of its segments: minimising each segment on its own is exact, with no condition on what crosses a cut (skip
 * connections, graph inputs and outputs that stay live), and the largest segment bound is a bound of the graph.
 *
 * <p>{@link #windows} cuts a given order into consecutive windows instead: the orders of the whole graph that run the
 * windows in sequence are exactly the concatenations of window orders, with the same peak; unlike cuts, windows are
 * a choice, so the largest window bound is not a bound of the graph.
 *
 * <p>{@link #graphs()} gives each segment as a graph of its own: its inputs are the tensors it reads from earlier
 * segments, its outputs the tensors later segments (or the graph) still need, and an extra input-and-output tensor
 * {@code background} holds the bytes that stay live across the segment untouched, so the peak of a segment graph
 * under an order is the peak of those steps in the whole graph.
 *
 * <p>Cut search in time O(n + e): in a topological order, operator {@code v} at position {@code k} is a cut iff it
 * is the only sink of the operators at positions {@code 0..k} (then all of them reach it) and the only source of
 * those at positions {@code k..n-1} (then it reaches all of them); each operator is a sink of the prefixes from its
 * position to just before its first successor and a source of the suffixes from just after its last predecessor to
 * its position, so two running counts decide every position.
 */
public final class SeriesSegments {
    /**
     * One segment.
     *
     * @param ops operator indices of the graph, ascending
     * @param cut whether it is a single cut operator
     */
    public record Segment(Ints ops, boolean cut) {
        /** Number of operators. */
        public int size() {
            return ops.size();
        }
    }

    private final Graph graph;
    private final List<Segment> segments;
    private final int[] segmentOf;
    private final int cuts;
    private List<Graph> graphs;

    private SeriesSegments(Graph graph, List<Segment> segments, int[] segmentOf, int cuts) {
        this.graph = graph;
        this.segments = List.copyOf(segments);
        this.segmentOf = segmentOf;
        this.cuts = cuts;
    }

    /** The segments of {@code graph} between its single-node cuts, each cut a segment of its own, in run order. */
    public static SeriesSegments atCuts(Graph graph) {
        int n = graph.opCount();
        Ints topo = graph.topologicalOrder();
        int[] pos = new int[n];
        for (int k = 0; k < n; k++) {
            pos[topo.get(k)] = k;
        }
        // sinks[k]: operators that are sinks of positions 0..k; sources[k]: sources of positions k..n-1
        int[] sinks = new int[n + 1];
        int[] sources = new int[n + 1];
        for (int v = 0; v < n; v++) {
            int firstSucc = n;
            Ints s = graph.successors(v);
            for (int j = 0; j < s.size(); j++) {
                firstSucc = Math.min(firstSucc, pos[s.get(j)]);
            }
            sinks[pos[v]]++;
            sinks[firstSucc]--;
            int lastPred = -1;
            Ints p = graph.predecessors(v);
            for (int j = 0; j < p.size(); j++) {
                lastPred = Math.max(lastPred, pos[p.get(j)]);
            }
            sources[lastPred + 1]++;
            sources[pos[v] + 1]--;
        }
        List<Segment> segments = new ArrayList<>();
        int[] segmentOf = new int[n];
        int cuts = 0;
        int runSinks = 0;
        int runSources = 0;
        int start = 0;
        for (int k = 0; k < n; k++) {
            runSinks += sinks[k];
            runSources += sources[k];
            if (runSinks == 1 && runSources == 1) {
                add(segments, segmentOf, topo, start, k, false);
                add(segments, segmentOf, topo, k, k + 1, true);
                cuts++;
                start = k + 1;
            }
        }
        add(segments, segmentOf, topo, start, n, false);
        return new SeriesSegments(graph, segments, segmentOf, cuts);
    }

    private static void add(List<Segment> segments, int[] segmentOf, Ints topo, int from, int to, boolean cut) {
        if (from >= to) {
            return;
        }
        int[] ops = new int[to - from];
        for (int k = from; k < to; k++) {
            ops[k - from] = topo.get(k);
            segmentOf[topo.get(k)] = segments.size();
        }
        Arrays.sort(ops);
        segments.add(new Segment(Ints.wrap(ops), cut));
    }

    /**
     * The graph cut into the consecutive windows of a valid order: window {@code k} holds the operators
     * {@code order[k*size .. (k+1)*size - 1]} (ascending in the segment).
     *
     * @throws IllegalArgumentException if {@code size < 1}
     */
    public static SeriesSegments windows(Graph graph, int[] order, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("window size must be positive, was " + size);
        }
        int n = graph.opCount();
        int count = Math.max(1, (n + size - 1) / size);
        int[] segmentOf = new int[n];
        List<Segment> segments = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            int from = Math.min(order.length, s * size);
            int to = Math.min(order.length, from + size);
            int[] ops = Arrays.copyOfRange(order, from, to);
            Arrays.sort(ops);
            for (int o : ops) {
                segmentOf[o] = s;
            }
            segments.add(new Segment(Ints.wrap(ops), false));
        }
        return new SeriesSegments(graph, segments, segmentOf, 0);
    }

    /** The cut graph. */
    public Graph graph() {
        return graph;
    }

    /** The segments, in run order. */
    public List<Segment> segments() {
        return segments;
    }

    /** Number of segments. */
    public int size() {
        return segments.size();
    }

    /** Index of the segment holding operator {@code op}. */
    public int segmentOf(int op) {
        return segmentOf[op];
    }

    /** Number of single-node cuts (0 for windows). */
    public int cuts() {
        return cuts;
    }

    /** Operators of the largest segment (0 when the graph has none). */
    public int largest() {
        return segments.stream().mapToInt(Segment::size).max().orElse(0);
    }

    /**
     * Each segment as a graph of its own (built on the first call), in run order: operator {@code j} of graph
     * {@code s} is operator {@code segments().get(s).ops().get(j)} of {@link #graph()}.
     */
    public synchronized List<Graph> graphs() {
        if (graphs == null) {
            graphs = buildGraphs();
        }
        return graphs;
    }

    /** The order of {@link #graph()} that runs the segments in order, each in its own local order. */
    public int[] concat(List<int[]> segmentOrders) {
        int[] order = new int[graph.opCount()];
        int k = 0;
        for (int s = 0; s < segments.size(); s++) {
            Ints ops = segments.get(s).ops();
            for (int local : segmentOrders.get(s)) {
                order[k++] = ops.get(local);
            }
        }
        return order;
    }

    private List<Graph> buildGraphs() {
        Graph g = graph;
        int segs = segments.size();
        int nt = g.tensorCount();
        long[] background = new long[segs + 1];
        int[] prodSeg = new int[nt];
        int[] lastSeg = new int[nt];
        for (int t = 0; t < nt; t++) {
            int p = g.producer(t);
            prodSeg[t] = p < 0 ? -1 : segmentOf[p];
            int last = g.isGraphOutput(t) ? segs : -1;
            Ints c = g.consumers(t);
            for (int k = 0; k < c.size(); k++) {
                last = Math.max(last, segmentOf[c.get(k)]);
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
        List<Graph> out = new ArrayList<>(segs);
        for (int s = 0; s < segs; s++) {
            Ints mine = segments.get(s).ops();
            Set<Integer> ins = new LinkedHashSet<>();
            Set<Integer> tensors = new LinkedHashSet<>();
            Set<Integer> outs = new LinkedHashSet<>();
            List<Op> segOps = new ArrayList<>(mine.size());
            for (int k = 0; k < mine.size(); k++) {
                int i = mine.get(k);
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
                Ints o = g.opOutputs(i);
                for (int j = 0; j < o.size(); j++) {
                    int t = o.get(j);
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
                ts.add(new Tensor(name, bgBytes, List.of(), Optional.empty()));
                inNames.add(name);
                outNames.add(name);
            }
            out.add(Graph.of(g.name() + (segs > 1 ? "#" + s : ""), ts, inNames, outNames, segOps));
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "SeriesSegments of " + graph.name() + ": " + segments.size() + " segments, " + cuts + " cuts, largest "
                + largest() + " ops";
    }
}
