package io.memsched.arena;

import io.memsched.run.Deadline;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The search engine of {@link CanonicalSearchArenaPlanner} on one independent group of buffers, in integer units
 * (sizes divided by their common divisor). It enumerates <em>canonical</em> layouts: every buffer rests on the
 * address 0 or on the top of a buffer alive with it, and buffers are placed in non-decreasing order of offset (ties
 * by rank), each at the lowest offset the placed ones allow. Every layout can be pushed down into exactly one such
 * sequence without growing, so the search is complete; it is pruned by
 * <ul>
 *   <li>capacity: no unplaced buffer may end above the capacity even at its lowest offset;</li>
 *   <li>section inference: in every section (a stretch of time between two lifetime ends), the unplaced buffers
 *       alive there stack above the section's floor (the higher of the last offset and the placed tops there), so
 *       floor + their total size must fit;</li>
 *   <li>dominance: an unplaced buffer that would fit entirely below the last offset, on top of the placed buffers
 *       beneath it, could move down in every completion; a completion with a smaller sum of offsets exists
 *       elsewhere in the tree, so this branch is dropped (the layout of least offset sum is never dropped);</li>
 *   <li>dead buffers: one below the last offset that no unplaced buffer alive with it can lift any more;</li>
 *   <li>symmetry: identical buffers (same lifetime and size) are placed in rank order.</li>
 * </ul>
 * Candidates are tried lowest offset first, then by a static rank (largest section total, area, lifetime).
 * With a backtrack limit a run ends early ({@link Outcome#LIMIT}); {@link #run} with no limit is exhaustive.
 */
final class CanonicalSearch {
    /** How a run ended. */
    enum Outcome {
        /** Exhaustive: every layout within the capacity was found or excluded. */
        COMPLETE,
        /** The decision search found a layout within the capacity and stopped. */
        FOUND,
        /** The backtrack limit ended the run. */
        LIMIT,
        /** The deadline (time or interrupt) ended the run. */
        STOPPED
    }

    /** Static orders tried in turn on restarts: by section total, area, lifetime width, in different priority. */
    static final int ORDERS = 3;

    private final int n;
    private final long[] size;
    private final int[] sa;
    private final int[] sb;
    private final int sections;
    private final int[][] nbr;
    private final int[] twinPrev;
    private final long[] sectionTotal;
    private final long[] width;
    private Deadline deadline;

    // state
    private final long[] minOff;
    private final boolean[] placed;
    private final long[] off;
    private final long[] top;
    private final long[] load;
    private final long[] floor;
    private final int[] nbrLeft;
    private final int[] unplaced;
    private final int[] pos;
    private int nUnplaced;
    private long lastOffset;
    private int lastRank;
    private long height;
    private int[] rank;
    private int[] inverse;

    // trails
    private int[] trailIdx;
    private long[] trailVal;
    private int trailTop;
    private long[] secTrail;
    private int secTop;
    private int[] cand;
    private int candTop;
    private long[] keys;

    // run
    private long cap;
    private boolean minimise;
    private long floorStop;
    private long nodes;
    private long backtracks;
    private long backtrackLimit;
    private Outcome abort;
    private long[] best;
    private long bestHeight = Long.MAX_VALUE;
    private Runnable onImprove = () -> { };

    /**
     * An engine for buffers with sizes {@code size} (positive) alive on the half-open section ranges
     * {@code [sa, sb)} of {@code sections} sections.
     */
    CanonicalSearch(long[] size, int[] sa, int[] sb, int sections) {
        this.n = size.length;
        this.size = size;
        this.sa = sa;
        this.sb = sb;
        this.sections = sections;
        this.nbr = overlaps(sa, sb);
        this.twinPrev = twins(size, sa, sb);
        long[] total = new long[sections + 1];
        for (int i = 0; i < n; i++) {
            total[sa[i]] += size[i];
            total[sb[i]] -= size[i];
        }
        long run = 0;
        for (int k = 0; k < sections; k++) {
            run += total[k];
            total[k] = run;
        }
        this.sectionTotal = new long[n];
        this.width = new long[n];
        for (int i = 0; i < n; i++) {
            long m = 0;
            for (int k = sa[i]; k < sb[i]; k++) {
                m = Math.max(m, total[k]);
            }
            sectionTotal[i] = m;
            width[i] = sb[i] - sa[i];
        }
        minOff = new long[n];
        placed = new boolean[n];
        off = new long[n];
        top = new long[sections];
        load = new long[sections];
        floor = new long[sections];
        nbrLeft = new int[n];
        unplaced = new int[n];
        pos = new int[n];
        trailIdx = new int[64];
        trailVal = new long[64];
        secTrail = new long[64];
        cand = new int[Math.max(16, n)];
        keys = new long[Math.max(16, n)];
    }

    /** The largest total size alive in one section: no layout is lower. */
    long loadBound() {
        long m = 0;
        for (long t : sectionTotal) {
            m = Math.max(m, t);
        }
        return m;
    }

    /** Called after each better layout (read it with {@link #best()}). */
    void onImprove(Runnable r) {
        this.onImprove = r;
    }

    /** The best layout found so far (offsets by buffer), or null. */
    long[] best() {
        return best;
    }

    /** The height of {@link #best()} ({@code Long.MAX_VALUE} when none). */
    long bestHeight() {
        return bestHeight;
    }

    /** Nodes visited over all runs. */
    long nodes() {
        return nodes;
    }

    /** Records a known layout (a heuristic's) as the incumbent. */
    void offer(long[] offsets) {
        long h = 0;
        for (int i = 0; i < n; i++) {
            h = Math.max(h, offsets[i] + size[i]);
        }
        if (h < bestHeight) {
            bestHeight = h;
            best = offsets.clone();
        }
    }

    /**
     * One run with static order {@code order} (0 .. {@link #ORDERS} - 1) and at most {@code limit} backtracks
     * ({@code Long.MAX_VALUE}: none). Deciding ({@code minimise} false): looks for a layout of height at most
     * {@code capacity} and stops at the first. Minimising: looks for layouts below the incumbent (and at most
     * {@code capacity}), tightening after each, and stops when one reaches {@code floor}. {@code deadline} is
     * polled every 256 nodes.
     */
    Outcome run(int order, long capacity, boolean minimise, long floor, long limit, Deadline deadline) {
        this.deadline = deadline;
        this.minimise = minimise;
        this.cap = minimise ? Math.min(capacity, bestHeight - 1) : capacity;
        this.floorStop = floor;
        this.backtrackLimit = limit;
        this.backtracks = 0;
        this.abort = null;
        this.rank = ranks(order);
        this.inverse = new int[n];
        for (int i = 0; i < n; i++) {
            inverse[rank[i]] = i;
        }
        reset();
        if (cap < floor && minimise) {
            return Outcome.COMPLETE;
        }
        boolean found = dfs();
        if (abort != null) {
            return abort;
        }
        return found && !minimise ? Outcome.FOUND : Outcome.COMPLETE;
    }

    private void reset() {
        Arrays.fill(minOff, 0);
        Arrays.fill(placed, false);
        Arrays.fill(top, 0);
        Arrays.fill(load, 0);
        for (int i = 0; i < n; i++) {
            for (int k = sa[i]; k < sb[i]; k++) {
                load[k] += size[i];
            }
            nbrLeft[i] = nbr[i].length;
            unplaced[i] = i;
            pos[i] = i;
        }
        nUnplaced = n;
        lastOffset = 0;
        lastRank = -1;
        height = 0;
        trailTop = 0;
        secTop = 0;
        candTop = 0;
    }

    /** True when the search should stop (a layout found while deciding, the floor reached, or an abort). */
    private boolean dfs() {
        if (nUnplaced == 0) {
            if (height < bestHeight) {
                bestHeight = height;
                best = off.clone();
                onImprove.run();
            }
            if (!minimise) {
                return true;
            }
            cap = bestHeight - 1;
            return bestHeight <= floorStop;
        }
        if ((++nodes & 255) == 0 && deadline.expired()) {
            abort = Outcome.STOPPED;
            return true;
        }
        long l = lastOffset;
        long t1 = Long.MAX_VALUE;
        long t2 = Long.MAX_VALUE;
        int a1 = -1;
        int a2 = -1;
        int base = candTop;
        for (int q = 0; q < nUnplaced; q++) {
            int u = unplaced[q];
            long m = minOff[u];
            long end = m + size[u];
            if (end > cap) {
                candTop = base;
                return false;
            }
            if (end < t1) {
                t2 = t1;
                a2 = a1;
                t1 = end;
                a1 = u;
            } else if (end < t2) {
                t2 = end;
                a2 = u;
            }
            if (m < l || (m == l && rank[u] < lastRank)) {
                // must be lifted by a buffer placed later: dominated if it fits below, dead if nothing can lift it
                if (end <= l || nbrLeft[u] == 0 || l + size[u] > cap) {
                    candTop = base;
                    return false;
                }
                continue;
            }
            if (twinPrev[u] >= 0 && !placed[twinPrev[u]]) {
                continue;
            }
            push(u);
        }
        int count = candTop - base;
        if (count == 0 || !floorsFit(l)) {
            candTop = base;
            return false;
        }
        sortCandidates(base, count);
        for (int c = 0; c < count; c++) {
            int u = cand[base + c];
            long o = minOff[u];
            int other = a1 == u ? a2 : a1;
            long tEx = a1 == u ? t2 : t1;
            if (other >= 0 && o >= tEx && !(sa[u] < sb[other] && sa[other] < sb[u])) {
                continue; // placing u here would leave 'other' room below: dominated
            }
            boolean stop = false;
            if (place(u)) {
                stop = dfs();
            }
            unplace(u);
            if (stop) {
                candTop = base;
                return true;
            }
            if (++backtracks > backtrackLimit) {
                abort = Outcome.LIMIT;
                candTop = base;
                return true;
            }
        }
        candTop = base;
        return false;
    }

    /**
     * Unallocated floor: in each section the unplaced buffers stack above the lowest offset any of them can take
     * (the last offset, its placed tops, or one unit above the last offset for a buffer that must be lifted).
     */
    private boolean floorsFit(long l) {
        Arrays.fill(floor, Long.MAX_VALUE);
        for (int q = 0; q < nUnplaced; q++) {
            int u = unplaced[q];
            long m = minOff[u];
            long e = m > l || (m == l && rank[u] > lastRank) ? m : l + 1;
            for (int k = sa[u]; k < sb[u]; k++) {
                if (e < floor[k]) {
                    floor[k] = e;
                }
            }
        }
        for (int k = 0; k < sections; k++) {
            if (load[k] > 0 && floor[k] + load[k] > cap) {
                return false;
            }
        }
        return true;
    }

    private void push(int u) {
        if (candTop == cand.length) {
            cand = Arrays.copyOf(cand, cand.length * 2);
        }
        cand[candTop++] = u;
    }

    private void sortCandidates(int base, int count) {
        if (count < 2) {
            return;
        }
        if (keys.length < count) {
            keys = new long[Math.max(count, keys.length * 2)];
        }
        int bits = 64 - Long.numberOfLeadingZeros(n);
        long limit = 1L << (62 - bits);
        boolean fits = true;
        for (int c = 0; c < count; c++) {
            int u = cand[base + c];
            if (minOff[u] >= limit) {
                fits = false;
                break;
            }
            keys[c] = (minOff[u] << bits) | rank[u];
        }
        if (fits) {
            Arrays.sort(keys, 0, count);
            int[] byRank = inverse;
            for (int c = 0; c < count; c++) {
                cand[base + c] = byRank[(int) (keys[c] & ((1L << bits) - 1))];
            }
        } else {
            Integer[] boxed = new Integer[count];
            for (int c = 0; c < count; c++) {
                boxed[c] = cand[base + c];
            }
            Arrays.sort(boxed, Comparator.<Integer>comparingLong(u -> minOff[u]).thenComparingInt(u -> rank[u]));
            for (int c = 0; c < count; c++) {
                cand[base + c] = boxed[c];
            }
        }
    }

    /** Places {@code u} at its lowest offset; false when section inference fails (the state is changed anyway). */
    private boolean place(int u) {
        long o = minOff[u];
        long end = o + size[u];
        placed[u] = true;
        off[u] = o;
        int p = pos[u];
        int last = unplaced[--nUnplaced];
        unplaced[p] = last;
        pos[last] = p;
        unplaced[nUnplaced] = u;
        pos[u] = nUnplaced;
        ensureTrail();
        trailIdx[trailTop] = -1; // marker holding the saved scalars
        trailVal[trailTop++] = lastOffset;
        trailIdx[trailTop] = -2;
        trailVal[trailTop++] = lastRank;
        trailIdx[trailTop] = -3;
        trailVal[trailTop++] = height;
        lastOffset = o;
        lastRank = rank[u];
        height = Math.max(height, end);
        for (int v : nbr[u]) {
            if (!placed[v]) {
                nbrLeft[v]--;
                if (minOff[v] < end) {
                    ensureTrail();
                    trailIdx[trailTop] = v;
                    trailVal[trailTop++] = minOff[v];
                    minOff[v] = end;
                }
            }
        }
        boolean ok = true;
        int width = sb[u] - sa[u];
        if (secTop + width > secTrail.length) {
            secTrail = Arrays.copyOf(secTrail, Math.max(secTrail.length * 2, secTop + width));
        }
        for (int k = sa[u]; k < sb[u]; k++) {
            secTrail[secTop++] = top[k];
            top[k] = end;
            load[k] -= size[u];
            if (load[k] > 0 && end + load[k] > cap) {
                ok = false;
            }
        }
        if (ok) {
            long room = cap - o;
            for (int k = 0; k < sections; k++) {
                long lk = load[k];
                if (lk > 0 && (lk > room || top[k] + lk > cap)) {
                    return false;
                }
            }
        }
        return ok;
    }

    private void unplace(int u) {
        for (int k = sb[u] - 1; k >= sa[u]; k--) {
            top[k] = secTrail[--secTop];
            load[k] += size[u];
        }
        for (int v : nbr[u]) {
            if (!placed[v]) {
                nbrLeft[v]++;
            }
        }
        while (true) {
            int v = trailIdx[--trailTop];
            long val = trailVal[trailTop];
            if (v >= 0) {
                minOff[v] = val;
            } else if (v == -3) {
                height = val;
            } else if (v == -2) {
                lastRank = (int) val;
            } else {
                lastOffset = val;
                break;
            }
        }
        placed[u] = false;
        // u sits at position nUnplaced (it was swapped to the end); bring it back into the unplaced range
        nUnplaced++;
    }

    private void ensureTrail() {
        if (trailTop + 4 > trailIdx.length) {
            trailIdx = Arrays.copyOf(trailIdx, trailIdx.length * 2);
            trailVal = Arrays.copyOf(trailVal, trailVal.length * 2);
        }
    }

    /** Ranks of the static order {@code order}: 0 section total, area, width; 1 width, area, total; 2 total, width, area. */
    private int[] ranks(int order) {
        Integer[] ids = new Integer[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        Comparator<Integer> total = Comparator.comparingLong(i -> -sectionTotal[i]);
        Comparator<Integer> area = Comparator.comparingLong(i -> -size[i] * width[i]);
        Comparator<Integer> wide = Comparator.comparingLong(i -> -width[i]);
        Comparator<Integer> c = switch (order % ORDERS) {
            case 0 -> total.thenComparing(area).thenComparing(wide);
            case 1 -> wide.thenComparing(area).thenComparing(total);
            default -> total.thenComparing(wide).thenComparing(area);
        };
        Arrays.sort(ids, c.thenComparingInt(i -> i));
        int[] r = new int[n];
        for (int p = 0; p < n; p++) {
            r[ids[p]] = p;
        }
        return r;
    }

    /** Buffers alive at a common section, by a sweep over section starts. */
    static int[][] overlaps(int[] sa, int[] sb) {
        int n = sa.length;
        Integer[] byStart = new Integer[n];
        for (int i = 0; i < n; i++) {
            byStart[i] = i;
        }
        Arrays.sort(byStart, Comparator.comparingInt(i -> sa[i]));
        int[] count = new int[n];
        for (int x = 0; x < n; x++) {
            int i = byStart[x];
            for (int y = x + 1; y < n && sa[byStart[y]] < sb[i]; y++) {
                count[i]++;
                count[byStart[y]]++;
            }
        }
        int[][] nbr = new int[n][];
        for (int i = 0; i < n; i++) {
            nbr[i] = new int[count[i]];
        }
        int[] fill = new int[n];
        for (int x = 0; x < n; x++) {
            int i = byStart[x];
            for (int y = x + 1; y < n && sa[byStart[y]] < sb[i]; y++) {
                int j = byStart[y];
                nbr[i][fill[i]++] = j;
                nbr[j][fill[j]++] = i;
            }
        }
        return nbr;
    }

    /** For each buffer, the previous identical one (same span and size), or -1. */
    static int[] twins(long[] size, int[] sa, int[] sb) {
        int n = size.length;
        int[] prev = new int[n];
        java.util.Map<String, Integer> last = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            Integer p = last.put(sa[i] + ":" + sb[i] + ":" + size[i], i);
            prev[i] = p == null ? -1 : p;
        }
        return prev;
    }
}
