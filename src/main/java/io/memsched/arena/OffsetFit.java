package io.memsched.arena;

import java.util.Arrays;

/**
 * Where one buffer goes among the placed buffers alive with it: the lowest offset where it fits (first fit) or the
 * lowest of the smallest gaps that fit (best fit), else on top of them. The same rule as the one-pass planners'
 * {@link GapFit}, in time O(k log k) for k neighbours: it reads the neighbours from an {@link Interference} graph
 * instead of scanning every placed buffer. Holds scratch arrays: one instance per thread.
 */
final class OffsetFit {
    private final Interference g;
    private long[] starts = new long[64];
    private long[] ends = new long[64];
    private int k;

    OffsetFit(Interference g) {
        this.g = g;
    }

    /** Places every buffer in {@code order}, each by first fit ({@code bestFit} false) or best fit. */
    long[] placeAll(int[] order, boolean bestFit) {
        long[] offsets = new long[g.n];
        boolean[] placed = new boolean[g.n];
        for (int b : order) {
            offsets[b] = bestFit ? bestFit(b, offsets, placed) : firstFit(b, offsets, placed);
            placed[b] = true;
        }
        return offsets;
    }

    /** The lowest offset where buffer {@code b} fits among its placed neighbours (0 for an empty buffer). */
    long firstFit(int b, long[] offsets, boolean[] placed) {
        long s = g.size[b];
        if (s == 0 || !collect(b, offsets, placed)) {
            return 0;
        }
        // [y, y + s) meets #{start < y + s} - #{end <= y} neighbours; candidates y: 0 and every end, ascending
        int i = 0;
        int j = 0;
        long y = 0;
        for (int m = -1; m < k; m++) {
            if (m >= 0) {
                y = ends[m];
                if (m > 0 && y == ends[m - 1]) {
                    continue;
                }
            }
            while (j < k && ends[j] <= y) {
                j++;
            }
            while (i < k && starts[i] < y + s) {
                i++;
            }
            if (i == j) {
                return y;
            }
        }
        return ends[k - 1];
    }

    /**
     * The lowest of the smallest free gaps between placed neighbours of {@code b} that hold it, else the top of
     * them (0 for an empty buffer or none placed).
     */
    long bestFit(int b, long[] offsets, boolean[] placed) {
        long s = g.size[b];
        if (s == 0 || !collect(b, offsets, placed)) {
            return 0;
        }
        long best = -1;
        long bestGap = Long.MAX_VALUE;
        int i = 0;
        int j = 0;
        int open = 0;
        long at = 0; // coverage is 0 from 'at' up to the next start
        while (i < k) {
            if (open == 0) {
                long gap = starts[i] - at;
                if (gap >= s && gap < bestGap) {
                    best = at;
                    bestGap = gap;
                }
            }
            long v = starts[i];
            // every end at or below v closes before v opens
            while (j < k && ends[j] <= v) {
                j++;
                open--;
                if (open == 0) {
                    at = ends[j - 1];
                    if (at < v) {
                        long gap = v - at;
                        if (gap >= s && gap < bestGap) {
                            best = at;
                            bestGap = gap;
                        }
                    }
                }
            }
            open++;
            i++;
        }
        return best >= 0 ? best : ends[k - 1];
    }

    /** Collects the placed neighbours' starts and ends, each sorted; false when none. */
    private boolean collect(int b, long[] offsets, boolean[] placed) {
        int deg = g.degree(b);
        if (starts.length < deg) {
            starts = new long[Math.max(deg, 2 * starts.length)];
            ends = new long[starts.length];
        }
        k = 0;
        for (int p = g.row[b]; p < g.row[b + 1]; p++) {
            int o = g.adj[p];
            if (placed[o]) {
                starts[k] = offsets[o];
                ends[k++] = offsets[o] + g.size[o];
            }
        }
        if (k == 0) {
            return false;
        }
        Arrays.sort(starts, 0, k);
        Arrays.sort(ends, 0, k);
        return true;
    }
}
