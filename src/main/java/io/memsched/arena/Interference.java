package io.memsched.arena;

import java.util.Arrays;

/**
 * The interference graph of an {@link ArenaProblem}: for every buffer of positive size, the other positive-size
 * buffers alive with it at some step, as compressed adjacency arrays; plus the load profile over time and each
 * buffer's <em>contention</em> (the largest load at a step of its lifetime). Built by one sweep over lifetimes in
 * time order, in time O(b log b + e) and memory O(b + e) for b buffers and e overlapping pairs.
 */
final class Interference {
    final int n;
    final long[] size;
    final int[] first;
    final int[] last;
    /** Neighbours of buffer {@code i}: {@code adj[row[i]] .. adj[row[i + 1] - 1]}. */
    final int[] row;
    final int[] adj;

    private Interference(long[] size, int[] first, int[] last, int[] row, int[] adj) {
        this.n = size.length;
        this.size = size;
        this.first = first;
        this.last = last;
        this.row = row;
        this.adj = adj;
    }

    /** The graph of {@code problem}, or null when it has more than {@code maxPairs} overlapping pairs. */
    static Interference of(ArenaProblem problem, long maxPairs) {
        int n = problem.buffers().size();
        long[] size = new long[n];
        int[] first = new int[n];
        int[] last = new int[n];
        for (ArenaProblem.Buffer b : problem.buffers()) {
            size[b.index()] = b.bytes();
            first[b.index()] = b.firstStep();
            last[b.index()] = b.lastStep();
        }
        int[] byStart = positiveByStart(size, first);
        int[] degree = new int[n];
        long pairs = sweep(byStart, first, last, degree, null, null, maxPairs);
        if (pairs < 0) {
            return null;
        }
        int[] row = new int[n + 1];
        for (int i = 0; i < n; i++) {
            row[i + 1] = row[i] + degree[i];
        }
        int[] adj = new int[row[n]];
        int[] fill = Arrays.copyOf(row, n);
        sweep(byStart, first, last, null, adj, fill, Long.MAX_VALUE);
        return new Interference(size, first, last, row, adj);
    }

    /** Indices of the positive-size buffers by first step, then index. */
    private static int[] positiveByStart(long[] size, int[] first) {
        int count = 0;
        for (long s : size) {
            count += s > 0 ? 1 : 0;
        }
        long[] keys = new long[count];
        int k = 0;
        for (int i = 0; i < size.length; i++) {
            if (size[i] > 0) {
                keys[k++] = ((long) first[i] << 32) | i;
            }
        }
        Arrays.sort(keys);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = (int) keys[i];
        }
        return out;
    }

    /**
     * One sweep: each buffer meets the ones still alive when it starts. Counts degrees ({@code degree} given) or fills
     * {@code adj} at {@code fill}. Returns the number of pairs, or -1 past {@code maxPairs}.
     */
    private static long sweep(int[] byStart, int[] first, int[] last, int[] degree, int[] adj, int[] fill,
                              long maxPairs) {
        int[] active = new int[16];
        int live = 0;
        long pairs = 0;
        for (int b : byStart) {
            int kept = 0;
            for (int a = 0; a < live; a++) {
                if (last[active[a]] >= first[b]) {
                    active[kept++] = active[a];
                }
            }
            live = kept;
            pairs += live;
            if (pairs > maxPairs) {
                return -1;
            }
            for (int a = 0; a < live; a++) {
                int o = active[a];
                if (degree != null) {
                    degree[o]++;
                    degree[b]++;
                } else {
                    adj[fill[o]++] = b;
                    adj[fill[b]++] = o;
                }
            }
            if (live == active.length) {
                active = Arrays.copyOf(active, 2 * live);
            }
            active[live++] = b;
        }
        return pairs;
    }

    /** Number of neighbours of {@code i}. */
    int degree(int i) {
        return row[i + 1] - row[i];
    }

    /**
     * For each buffer, the largest total size alive at one step of its lifetime (0 for empty buffers): the buffers
     * of the most contended steps come first in a contention order. Time O(b log b).
     */
    long[] contention() {
        long[] times = new long[2 * n];
        for (int i = 0; i < n; i++) {
            times[2 * i] = first[i];
            times[2 * i + 1] = last[i] + 1L;
        }
        long[] cuts = Arrays.stream(times).distinct().sorted().toArray();
        int sections = Math.max(1, cuts.length - 1);
        long[] load = new long[sections + 1];
        for (int i = 0; i < n; i++) {
            if (size[i] > 0) {
                load[Arrays.binarySearch(cuts, first[i])] += size[i];
                load[Arrays.binarySearch(cuts, last[i] + 1L)] -= size[i];
            }
        }
        for (int s = 1; s <= sections; s++) {
            load[s] += load[s - 1];
        }
        // sparse table of maxima over sections
        int levels = 1;
        while ((1 << levels) <= sections) {
            levels++;
        }
        long[][] max = new long[levels][];
        max[0] = Arrays.copyOf(load, sections);
        for (int l = 1; l < levels; l++) {
            int len = sections - (1 << l) + 1;
            max[l] = new long[Math.max(0, len)];
            for (int s = 0; s < len; s++) {
                max[l][s] = Math.max(max[l - 1][s], max[l - 1][s + (1 << (l - 1))]);
            }
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            if (size[i] == 0) {
                continue;
            }
            int a = Arrays.binarySearch(cuts, first[i]);
            int b = Arrays.binarySearch(cuts, last[i] + 1L) - 1;
            int l = 31 - Integer.numberOfLeadingZeros(b - a + 1);
            out[i] = Math.max(max[l][a], max[l][b - (1 << l) + 1]);
        }
        return out;
    }
}
