package io.memsched.arena;

import io.memsched.run.Deadline;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Local repair of a layout at its peak: a buffer that reaches the top of the arena is lifted out together with
 * the highest of its neighbours (buffers alive with it: up to {@value #MAX_LIFT}, or in one move of four its whole
 * column, up to {@value #MAX_COLUMN}), and they are dropped back in another order (random, by size, by lifetime, or
 * the old offset order with a few neighbours swapped), each by first fit among all the others. The move is kept when
 * the top gets lower or fewer buffers reach it (or as many: a sideways step), and undone otherwise, so the height never grows. Dropping the lifted buffers in their old offset
 * order gives a layout no higher than before, so a move only needs another order to find a better one.
 *
 * <p>A move costs O(r k log k) for r lifted buffers of k neighbours. The walk stops at the load bound, after
 * {@code maxMoves} moves, after {@code patience} moves in a row without a lower top or fewer buffers at it, or when
 * the deadline expires; all its random choices come from the seed, so a run that ends by itself is reproducible.
 */
final class PeakRepair {
    /** Most buffers lifted in one move. */
    private static final int MAX_LIFT = 24;
    /** Most buffers lifted by a move that empties the whole column of a top buffer. */
    private static final int MAX_COLUMN = 4096;

    private final Interference g;
    private final OffsetFit fit;
    private final long[] offsets;
    private final boolean[] placed;
    private final SplittableRandom random;
    private final long[] lengths;
    private long height;
    private int atTop;
    private int[] top = new int[16];
    private int tops;
    private boolean stopped;

    /** Repairs {@code offsets} (a valid layout of {@code g}'s problem) in place. */
    PeakRepair(Interference g, long[] offsets, long seed) {
        this.g = g;
        this.fit = new OffsetFit(g);
        this.offsets = offsets;
        this.placed = new boolean[g.n];
        Arrays.fill(placed, true);
        this.random = new SplittableRandom(seed);
        this.lengths = new long[g.n];
        for (int i = 0; i < g.n; i++) {
            lengths[i] = g.last[i] - (long) g.first[i];
        }
        rescan();
    }

    /** Whether the deadline ended the walk. */
    boolean stopped() {
        return stopped;
    }

    /** The arena height now. */
    long height() {
        return height;
    }

    /** Walks until the height meets {@code bound} or one of the limits ends it; returns the height. */
    long run(long bound, long maxMoves, long patience, Deadline deadline) {
        long idle = 0;
        for (long move = 0; move < maxMoves && idle < patience && height > bound; move++) {
            if ((move & 63) == 0 && deadline.expired()) {
                stopped = true;
                break;
            }
            int b = pickTop();
            idle = move(b) ? 0 : idle + 1;
        }
        return height;
    }

    /** A random buffer at the top (the list is cleaned lazily of buffers that moved). */
    private int pickTop() {
        while (true) {
            int k = random.nextInt(tops);
            int b = top[k];
            if (offsets[b] + g.size[b] == height) {
                return b;
            }
            top[k] = top[--tops];
        }
    }

    /** One lift-and-drop around {@code b}; true when the top got lower or fewer buffers reach it. */
    private boolean move(int b) {
        int[] lift = lifted(b);
        int r = lift.length;
        long[] old = new long[r];
        int oldAtTop = 0;
        for (int i = 0; i < r; i++) {
            old[i] = offsets[lift[i]];
            oldAtTop += old[i] + g.size[lift[i]] == height ? 1 : 0;
            placed[lift[i]] = false;
        }
        int[] drop = lift.clone();
        switch (r > MAX_LIFT ? 1 + random.nextInt(3) : random.nextInt(4)) {
            case 0 -> shuffle(drop);
            case 1 -> sortDescending(drop, g.size);
            case 2 -> sortDescending(drop, lengths);
            default -> perturbOffsetOrder(drop, old);
        }
        long highest = 0;
        int newAtTop = 0;
        for (int x : drop) {
            long o = fit.firstFit(x, offsets, placed);
            offsets[x] = o;
            placed[x] = true;
            highest = Math.max(highest, o + g.size[x]);
            newAtTop += o + g.size[x] == height ? 1 : 0;
            if (highest > height) {
                break;
            }
        }
        if (highest > height || newAtTop > oldAtTop) {
            for (int i = 0; i < r; i++) {
                offsets[lift[i]] = old[i];
                placed[lift[i]] = true;
            }
            return false;
        }
        atTop += newAtTop - oldAtTop;
        for (int x : lift) {
            if (offsets[x] + g.size[x] == height) {
                addTop(x);
            }
        }
        if (atTop == 0) {
            rescan();
            return true;
        }
        return newAtTop < oldAtTop;
    }

    /**
     * {@code b} and up to {@code MAX_LIFT - 1} of its neighbours ending highest (a random number of them, so that
     * moves reach down to different depths).
     */
    private int[] lifted(int b) {
        int deg = g.degree(b);
        int want = Math.min(deg, random.nextInt(4) == 0 ? MAX_COLUMN : random.nextInt(MAX_LIFT));
        int[] out = new int[1 + want];
        out[0] = b;
        if (want == 0) {
            return out;
        }
        long[] ends = new long[deg];
        for (int p = g.row[b], i = 0; p < g.row[b + 1]; p++, i++) {
            ends[i] = offsets[g.adj[p]] + g.size[g.adj[p]];
        }
        long[] sorted = ends.clone();
        Arrays.sort(sorted);
        long threshold = sorted[deg - want];
        int k = 1;
        for (int pass = 0; pass < 2; pass++) {
            for (int p = g.row[b], i = 0; p < g.row[b + 1] && k <= want; p++, i++) {
                if (pass == 0 ? ends[i] > threshold : ends[i] == threshold) {
                    out[k++] = g.adj[p];
                }
            }
        }
        return out;
    }

    private void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Sorts {@code a} by {@code key} of its buffers, largest first (stable). */
    private static void sortDescending(int[] a, long[] key) {
        Integer[] idx = new Integer[a.length];
        for (int i = 0; i < a.length; i++) {
            idx[i] = i;
        }
        int[] copy = a.clone();
        Arrays.sort(idx, (x, y) -> Long.compare(key[copy[y]], key[copy[x]]));
        for (int i = 0; i < a.length; i++) {
            a[i] = copy[idx[i]];
        }
    }

    /**
     * Orders {@code a} by the old offsets {@code old} (index-aligned with the lifted buffers), then swaps a few
     * random neighbours in that order: a layout near the old one (the old order alone never gets higher).
     */
    private void perturbOffsetOrder(int[] a, long[] old) {
        Integer[] idx = new Integer[a.length];
        for (int i = 0; i < a.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Long.compare(old[x], old[y]));
        int[] copy = a.clone();
        for (int i = 0; i < a.length; i++) {
            a[i] = copy[idx[i]];
        }
        for (int s = 1 + a.length / 4; s > 0 && a.length > 1; s--) {
            int i = random.nextInt(a.length - 1);
            int t = a[i];
            a[i] = a[i + 1];
            a[i + 1] = t;
        }
    }

    private void addTop(int b) {
        if (tops == top.length) {
            top = Arrays.copyOf(top, 2 * tops);
        }
        top[tops++] = b;
    }

    /** Recomputes the height, the buffers at it and their number. */
    private void rescan() {
        height = 0;
        for (int i = 0; i < g.n; i++) {
            if (g.size[i] > 0) {
                height = Math.max(height, offsets[i] + g.size[i]);
            }
        }
        tops = 0;
        atTop = 0;
        for (int i = 0; i < g.n; i++) {
            if (g.size[i] > 0 && offsets[i] + g.size[i] == height) {
                addTop(i);
                atTop++;
            }
        }
    }
}
