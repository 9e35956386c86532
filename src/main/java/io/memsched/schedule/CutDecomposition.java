package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a graph at its single-node cuts: operators that are an ancestor or a descendant of every other operator.
 * Every valid order runs the ancestors of a cut, then the cut, then its descendants, so the orders of the graph are
 * exactly the concatenations of orders of the pieces: segment, cut, segment, cut, ..., segment.
 *
 * <p>Because the live set is a function of the set of operators already run, and every order passes through the
 * same sets at the piece boundaries, the peak of an order is the largest peak of its pieces, each computed with the
 * true live set (including tensors that cross the cut, such as skip connections and graph inputs or outputs that
 * stay live). Minimising each piece separately is therefore exact, with no condition on what crosses the cut.
 *
 * <p>Time O(n * (n + e) / 64) and memory O(n^2 / 64) bits for the descendant sets; graphs above
 * {@link #MAX_OPS} operators are left in one piece.
 */
final class CutDecomposition {
    /** Largest graph that is decomposed (the descendant bitsets take n^2 bits). */
    static final int MAX_OPS = 16_384;

    /**
     * One piece: a cut operator or a segment between two cuts.
     *
     * @param ops operator indices, ascending
     * @param cut whether it is a single cut operator
     */
    record Piece(int[] ops, boolean cut) {
    }

    private final List<Piece> pieces;
    private final int[] pieceOf;
    private final int cuts;

    private CutDecomposition(List<Piece> pieces, int[] pieceOf, int cuts) {
        this.pieces = pieces;
        this.pieceOf = pieceOf;
        this.cuts = cuts;
    }

    /** The pieces of {@code graph}, in execution order. */
    static CutDecomposition of(Graph graph) {
        int n = graph.opCount();
        if (n == 0) {
            return new CutDecomposition(List.of(), new int[0], 0);
        }
        if (n > MAX_OPS) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return new CutDecomposition(List.of(new Piece(all, false)), new int[n], 0);
        }
        int[] topo = TopologicalOrders.kahn(graph, Integer::compare);
        int words = (n + 63) >>> 6;
        long[] desc = new long[n * words];
        for (int k = n - 1; k >= 0; k--) {
            int v = topo[k];
            Ints s = graph.successors(v);
            for (int j = 0; j < s.size(); j++) {
                int w = s.get(j);
                desc[v * words + (w >>> 6)] |= 1L << w;
                for (int q = 0; q < words; q++) {
                    desc[v * words + q] |= desc[w * words + q];
                }
            }
        }
        int[] descCount = new int[n];
        int[] ancCount = new int[n];
        for (int v = 0; v < n; v++) {
            for (int q = 0; q < words; q++) {
                long x = desc[v * words + q];
                descCount[v] += Long.bitCount(x);
                while (x != 0) {
                    int w = (q << 6) + Long.numberOfTrailingZeros(x);
                    ancCount[w]++;
                    x &= x - 1;
                }
            }
        }
        // cuts are totally ordered; rank them along the topological order
        int[] rank = new int[n];
        int cuts = 0;
        for (int k = 0; k < n; k++) {
            int v = topo[k];
            rank[v] = ancCount[v] + descCount[v] == n - 1 ? cuts++ : -1;
        }
        // segment of a non-cut op = 1 + rank of its latest cut ancestor (0 when none)
        int[] lastCut = new int[n];
        for (int k = 0; k < n; k++) {
            int v = topo[k];
            int best = -1;
            Ints p = graph.predecessors(v);
            for (int j = 0; j < p.size(); j++) {
                int u = p.get(j);
                best = Math.max(best, rank[u] >= 0 ? rank[u] : lastCut[u]);
            }
            lastCut[v] = best;
        }
        // slot 2s: segment s; slot 2r+1: cut of rank r
        int slots = 2 * cuts + 1;
        List<List<Integer>> bySlot = new ArrayList<>(slots);
        for (int s = 0; s < slots; s++) {
            bySlot.add(new ArrayList<>());
        }
        for (int v = 0; v < n; v++) {
            bySlot.get(rank[v] >= 0 ? 2 * rank[v] + 1 : 2 * (lastCut[v] + 1)).add(v);
        }
        List<Piece> pieces = new ArrayList<>();
        int[] pieceOf = new int[n];
        for (int s = 0; s < slots; s++) {
            List<Integer> ops = bySlot.get(s);
            if (ops.isEmpty()) {
                continue;
            }
            int[] arr = ops.stream().mapToInt(Integer::intValue).toArray();
            for (int v : arr) {
                pieceOf[v] = pieces.size();
            }
            pieces.add(new Piece(arr, s % 2 == 1));
        }
        return new CutDecomposition(List.copyOf(pieces), pieceOf, cuts);
    }

    /** The pieces in execution order. */
    List<Piece> pieces() {
        return pieces;
    }

    /** Index of the piece holding operator {@code op}. */
    int pieceOf(int op) {
        return pieceOf[op];
    }

    /** Number of single-node cuts. */
    int cuts() {
        return cuts;
    }
}
