package io.memsched.arena;

import io.memsched.run.Deadline;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The decision search of {@link CanonicalSearchArenaPlanner} on one independent group of buffers, in integer units
 * (sizes divided by their common divisor): is there a layout of height at most a capacity?
 *
 * <p>It enumerates <em>canonical</em> layouts: every buffer rests on the address 0 or on the top of a buffer alive
 * with it, and buffers are placed in non-decreasing order of offset (ties by rank), each at the lowest offset the
 * placed ones allow. Pushing every buffer of a layout down as far as it goes, in offset order, gives such a layout
 * no higher, so the search is complete. It is pruned by
 * <ul>
 *   <li>capacity: no unplaced buffer may end above the capacity even at its lowest offset;</li>
 *   <li>section inference: in every section (a stretch of time between two lifetime ends) the unplaced buffers
 *       alive there stack above the section's floor (its placed tops, the last offset, and the lowest offset any
 *       of them can still take), so floor plus their total size must fit; and, each having its own lowest offset
 *       (a release), for every release r, r plus the total size of the buffers released at r or above must fit
 *       (the earliest-release-first stack);</li>
 *   <li>dominance: a candidate whose offset is at or above the lowest end any unplaced buffer can reach would leave
 *       that buffer room below it in every completion; moving it down gives a layout of smaller offset sum, found
 *       on another branch (the layout of least offset sum is never cut);</li>
 *   <li>dead buffers: one below the last offset that no unplaced buffer alive with it can lift any more;</li>
 *   <li>symmetry: identical buffers (same lifetime and size) are placed in index order;</li>
 *   <li>decomposition: once no unplaced buffer crosses a section boundary, the two sides are independent and are
 *       searched one after the other (a failure on one side does not re-enumerate the other); each side is
 *       ranked afresh by the static order with the section totals of what is left in it, as a new problem;</li>
 *   <li>a failure table: states (placed set and section tops, hashed twice to 64 bits, with the range, the last
 *       offset and rank, the ranks in force, the capacity and the order) known to fail are not searched again.</li>
 * </ul>
 * Candidates are tried lowest offset first, then by a static rank from a portfolio of six orders: MiniMalloc's
 * three (lifetime length, area, section total; section total, area, length; section total, length, area), then
 * the three this planner used before (area, section total; section total, area; section total, size, area);
 * larger first, ties by index. Neither set alone covers both MiniMalloc's challenging suite and graph problems
 * such as darts_cifar's in-place order, which only the last order packs into its load bound quickly.
 * A node limit makes a run end early ({@link Outcome#LIMIT}); the caller restarts with another order and a larger
 * limit.
 */
final class CanonicalSearch {
    /** How a run ended. */
    enum Outcome {
        /** A layout within the capacity was found ({@link #solution()}). */
        FOUND,
        /** Exhaustive: no layout fits the capacity. */
        INFEASIBLE,
        /** The node limit ended the run. */
        LIMIT,
        /** The deadline (time or interrupt) ended the run. */
        STOPPED
    }

    /** Static orders tried in turn on restarts (the portfolio: MiniMalloc's three, then the earlier three). */
    static final int ORDERS = 6;

    private final int n;
    private final long[] size;
    private final int[] sa;
    private final int[] sb;
    private final int sections;
    private final int[][] nbr;
    private final int[] twinPrev;
    private final long[] sectionTotal;
    private final long[] length;
    private final int[] all;

    private final long[] minOff;
    private final boolean[] placed;
    private final long[] sol;
    private final long[] top;
    private final long[] load;
    private final int[][] alive;
    private final int[] cuts;
    private final int[] nbrLeft;
    private int[] rank;
    private int[] byRank;

    private int[] trailIdx = new int[64];
    private long[] trailVal = new long[64];
    private int trailTop;
    private long[] secTrail = new long[64];
    private int secTop;
    private int[] cand;
    private int candTop;
    private long[] keys;

    private long cap;
    /** Hashes of the state (placed set and section tops), two independent 64-bit halves. */
    private long hashA;
    private long hashB;
    private final long[] zA;
    private final long[] zB;
    private final long[] zC;
    /** Identifies the ranks in force (they change in independent parts): part of every failure-table key. */
    private long rankContext;
    /** Random odd multipliers of the section tops in the two hashes (a linear hash: O(1) to update one top). */
    private final long[] rA;
    private final long[] rB;
    /** Failed states: open addressing on two 64-bit hashes (an empty slot has both zero). */
    private static final int MAX_TABLE_BITS = 22;
    private long[] failA = new long[0];
    private long[] failB = new long[0];
    private int failCount;
    private long cached;
    private long nodes;
    private long nodeLimit;
    private Deadline deadline;
    private Outcome abort;

    /**
     * An engine for buffers with sizes {@code size} (positive) alive on the half-open section ranges
     * {@code [sa, sb)} of {@code sections} sections; {@code length} is each lifetime's length in time (for ranks).
     */
    CanonicalSearch(long[] size, int[] sa, int[] sb, int sections, long[] length) {
        this.n = size.length;
        this.size = size;
        this.sa = sa;
        this.sb = sb;
        this.sections = sections;
        this.length = length;
        this.nbr = overlaps(sa, sb);
        this.twinPrev = twins(size, sa, sb);
        long[] total = totals(size, sa, sb, sections);
        this.sectionTotal = new long[n];
        for (int i = 0; i < n; i++) {
            long m = 0;
            for (int k = sa[i]; k < sb[i]; k++) {
                m = Math.max(m, total[k]);
            }
            sectionTotal[i] = m;
        }
        all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        minOff = new long[n];
        placed = new boolean[n];
        sol = new long[n];
        top = new long[sections];
        load = new long[sections];
        alive = sectionsAlive(sa, sb, sections);
        cuts = new int[Math.max(1, sections)];
        nbrLeft = new int[n];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(0x5eed);
        zA = new long[n];
        zB = new long[n];
        zC = new long[n];
        for (int i = 0; i < n; i++) {
            zA[i] = rnd.nextLong();
            zB[i] = rnd.nextLong();
            zC[i] = rnd.nextLong();
        }
        rA = new long[Math.max(1, sections)];
        rB = new long[Math.max(1, sections)];
        for (int k = 0; k < sections; k++) {
            rA[k] = rnd.nextLong() | 1;
            rB[k] = rnd.nextLong() | 1;
        }
        cand = new int[Math.max(16, n)];
        keys = new long[Math.max(16, n)];
    }

    private static long[] totals(long[] size, int[] sa, int[] sb, int sections) {
        long[] total = new long[sections + 1];
        for (int i = 0; i < size.length; i++) {
            total[sa[i]] += size[i];
            total[sb[i]] -= size[i];
        }
        long run = 0;
        for (int k = 0; k < sections; k++) {
            run += total[k];
            total[k] = run;
        }
        return total;
    }

    /** The largest total size alive in one section: no layout is lower. */
    long loadBound() {
        long m = 0;
        for (long t : sectionTotal) {
            m = Math.max(m, t);
        }
        return m;
    }

    /** The layout of the last {@link Outcome#FOUND} run (offsets by buffer, in units). */
    long[] solution() {
        return sol.clone();
    }

    /** Nodes visited over all runs. */
    long nodes() {
        return nodes;
    }

    /**
     * One run with static order {@code order} (0 .. {@link #ORDERS} - 1) and at most {@code limit} nodes
     * ({@code Long.MAX_VALUE}: none), looking for a layout of height at most {@code capacity}; {@code deadline} is
     * polled every 256 nodes.
     */
    Outcome run(int order, long capacity, long limit, Deadline deadline) {
        this.cap = capacity;
        this.deadline = deadline;
        this.nodeLimit = limit;
        this.abort = null;
        this.rank = ranks(order);
        this.byRank = new int[n];
        for (int i = 0; i < n; i++) {
            byRank[rank[i]] = i;
        }
        reset();
        rankContext = 0;
        raisedLo = 0;
        raisedHi = sections;
        for (int i = 0; i < n; i++) {
            if (size[i] > capacity) {
                return Outcome.INFEASIBLE;
            }
        }
        long start = nodes;
        boolean found = solve(all, 0, sections, 0, -1, start);
        if (abort != null) {
            return abort;
        }
        return found ? Outcome.FOUND : Outcome.INFEASIBLE;
    }

    private void reset() {
        Arrays.fill(minOff, 0);
        Arrays.fill(placed, false);
        Arrays.fill(top, 0);
        Arrays.fill(load, 0);
        Arrays.fill(cuts, 0);
        for (int i = 0; i < n; i++) {
            for (int k = sa[i]; k < sb[i]; k++) {
                load[k] += size[i];
            }
            for (int k = sa[i]; k < sb[i] - 1; k++) {
                cuts[k]++;
            }
            nbrLeft[i] = nbr[i].length;
        }
        trailTop = 0;
        secTop = 0;
        candTop = 0;
        hashA = 0;
        hashB = 0;
    }

    private static long mix(long k, long v, long salt) {
        long z = salt + k * 0xbf58476d1ce4e5b9L + v * 0x94d049bb133111ebL;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private void setTop(int k, long v) {
        long d = v - top[k];
        hashA += d * rA[k];
        hashB += d * rB[k];
        top[k] = v;
    }

    /**
     * Whether the unplaced buffers of {@code members} (alive within sections {@code [lo, hi)}) can all be placed
     * within the capacity, each at or above offset {@code l} (after rank {@code lr} at {@code l}). The state is
     * restored either way; placements are written to {@link #sol} as they are made.
     */
    private boolean solve(int[] members, int lo, int hi, long l, int lr, long start) {
        if ((++nodes & 255) == 0 && deadline.expired()) {
            abort = Outcome.STOPPED;
            return false;
        }
        if (nodes - start > nodeLimit) {
            abort = Outcome.LIMIT;
            return false;
        }
        long keyA = mix(hashA + rankContext, mix(lo * 1_000_003L + hi, l * 31 + lr, cap * 7 + order),
                0x9e3779b97f4a7c15L);
        long keyB = mix(hashB - rankContext, mix(hi * 1_000_033L + lo, l * 37 + lr, cap * 11 + order),
                0xc2b2ae3d27d4eb4fL) | 1;
        if (failed(keyA, keyB)) {
            cached++;
            return false;
        }
        boolean result = search(members, lo, hi, l, lr, start);
        if (!result && abort == null) {
            remember(keyA, keyB);
        }
        return result;
    }

    /** Whether this state is known to fail. */
    private boolean failed(long a, long b) {
        if (failA.length == 0) {
            return false;
        }
        int mask = failA.length - 1;
        for (int i = (int) (a ^ (a >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (failB[i] == 0) {
                return false;
            }
            if (failA[i] == a && failB[i] == b) {
                return true;
            }
        }
    }

    private void remember(long a, long b) {
        if (failA.length == 0) {
            // sized by the problem at first (256 entries per buffer), doubled when half full up to 2^22 (64 MB)
            int bits = Math.min(MAX_TABLE_BITS, Math.max(10, 64 - Long.numberOfLeadingZeros(n) + 8));
            failA = new long[1 << bits];
            failB = new long[1 << bits];
        }
        if (failCount > failA.length / 2) {
            long[] oldA = failA;
            long[] oldB = failB;
            boolean grow = failA.length < 1 << MAX_TABLE_BITS;
            failA = new long[grow ? 2 * oldA.length : oldA.length];
            failB = new long[failA.length];
            failCount = 0;
            for (int j = 0; grow && j < oldA.length; j++) {
                if (oldB[j] != 0) {
                    insert(oldA[j], oldB[j]);
                }
            }
        }
        insert(a, b);
    }

    private void insert(long a, long b) {
        int mask = failA.length - 1;
        int i = (int) (a ^ (a >>> 32)) & mask;
        while (failB[i] != 0) {
            i = (i + 1) & mask;
        }
        failA[i] = a;
        failB[i] = b;
        failCount++;
    }

    /** States answered from the failure table, over all runs. */
    long cached() {
        return cached;
    }

    private boolean search(int[] members, int lo, int hi, long l, int lr, long start) {
        long minEnd = Long.MAX_VALUE;
        int base = candTop;
        int left = 0;
        for (int u : members) {
            if (placed[u]) {
                continue;
            }
            left++;
            long m = minOff[u];
            long end = m + size[u];
            if (end > cap) {
                candTop = base;
                return false;
            }
            minEnd = Math.min(minEnd, end);
            if (m < l || (m == l && rank[u] < lr)) {
                // must be lifted by a buffer placed later: dominated if it fits below, dead if nothing can lift it
                if (end <= l || nbrLeft[u] == 0 || l + size[u] >= cap) {
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
        if (left == 0) {
            return true;
        }
        int count = candTop - base;
        if (count == 0 || !floorsFit(lo, hi, l, lr)) {
            candTop = base;
            return false;
        }
        sortCandidates(base, count);
        for (int c = 0; c < count; c++) {
            int u = cand[base + c];
            long o = minOff[u];
            if (o >= minEnd) {
                break; // dominance: some unplaced buffer would fit entirely below u
            }
            boolean found = false;
            if (place(u, lo, hi)) {
                found = descend(u, members, lo, hi, start);
            }
            unplace(u);
            if (found || abort != null) {
                candTop = base;
                return found;
            }
        }
        candTop = base;
        return false;
    }

    /** After placing {@code u}: searches on, split into independent parts where no unplaced buffer crosses. */
    private boolean descend(int u, int[] members, int lo, int hi, long start) {
        int cutsFound = 0;
        for (int k = sa[u]; k < sb[u] - 1; k++) {
            if (--cuts[k] == 0 && k + 1 > lo && k + 1 < hi) {
                cutsFound++;
            }
        }
        boolean found;
        if (cutsFound == 0) {
            found = solve(members, lo, hi, sol[u], rank[u], start);
        } else {
            found = true;
            int from = lo;
            for (int k = lo; k < hi && found; k++) {
                boolean cut = k == hi - 1 || cuts[k] == 0;
                if (!cut) {
                    continue;
                }
                int to = k + 1;
                int[] part = partMembers(members, from, to);
                if (part.length > 0) {
                    int[] saved = rerank(part);
                    long savedContext = rankContext;
                    rankContext = 0;
                    for (int v : part) {
                        rankContext += rank[v] * zC[v];
                    }
                    found = solve(part, from, to, 0, -1, start);
                    rankContext = savedContext;
                    for (int i = 0; i < part.length; i++) {
                        rank[part[i]] = saved[i];
                        byRank[saved[i]] = part[i];
                    }
                }
                from = to;
            }
        }
        for (int k = sa[u]; k < sb[u] - 1; k++) {
            cuts[k]++;
        }
        return found;
    }

    /**
     * Ranks the buffers of an independent part afresh by the static order, with the section totals of what is
     * left to place (as a new problem would be ranked), reusing their old rank values; returns the old ranks.
     */
    private int[] rerank(int[] part) {
        int m = part.length;
        int[] saved = new int[m];
        for (int i = 0; i < m; i++) {
            saved[i] = rank[part[i]];
        }
        int[] values = saved.clone();
        Arrays.sort(values);
        int[] ids = order(part, i -> {
            long t = 0;
            for (int k = sa[part[i]]; k < sb[part[i]]; k++) {
                t = Math.max(t, load[k]);
            }
            return t;
        });
        for (int p = 0; p < m; p++) {
            int v = part[ids[p]];
            rank[v] = values[p];
            byRank[values[p]] = v;
        }
        return saved;
    }

    private int[] partMembers(int[] members, int from, int to) {
        int c = 0;
        for (int u : members) {
            if (!placed[u] && sa[u] < to && from < sb[u]) {
                c++;
            }
        }
        int[] part = new int[c];
        c = 0;
        for (int u : members) {
            if (!placed[u] && sa[u] < to && from < sb[u]) {
                part[c++] = u;
            }
        }
        return part;
    }

    /**
     * Section inference with the unallocated floor: in each section of {@code [lo, hi)} the unplaced buffers stack
     * above the lowest offset any of them can take (its lowest offset, the last offset, or one unit above the last
     * offset for a buffer that must be lifted) and above the placed tops there. A section passes as soon as one of
     * its buffers can start low enough, so most sections cost a look at one or two buffers.
     */
    private boolean floorsFit(int lo, int hi, long l, int lr) {
        for (int k = lo; k < hi; k++) {
            long lk = load[k];
            if (lk == 0) {
                continue;
            }
            long limit = cap - lk;
            if (top[k] > limit || l > limit) {
                return false;
            }
            boolean low = false;
            for (int u : alive[k]) {
                if (!placed[u]) {
                    long m = minOff[u];
                    long e = m > l || (m == l && rank[u] > lr) ? m : l + 1;
                    if (e <= limit) {
                        low = true;
                        break;
                    }
                }
            }
            if (!low) {
                return false;
            }
        }
        for (int k = Math.max(lo, raisedLo), end = Math.min(hi, raisedHi); k < end; k++) {
            if (load[k] > 0 && !stackFits(k, l, lr)) {
                return false;
            }
        }
        return true;
    }

    private long[] releaseKeys = new long[16];
    /** The sections whose releases the last placement changed (its own and its raised neighbours'). */
    private int raisedLo;
    private int raisedHi;

    /**
     * The release-date bound of section {@code k}: its unplaced buffers take disjoint stretches of it, each at or
     * above its lowest offset (as in {@link #floorsFit}), so stacked from the top down the stretch must reach at
     * least {@code r + } the total size of the buffers released at {@code r} or above, for every release {@code r}
     * (the end of the earliest-release-first stack, the least any stacking reaches). Sections whose buffers all
     * share one release are left to the plain floor test. Only the sections whose releases the last placement
     * changed are tested (the others passed at an ancestor; skipping a test is always sound).
     */
    private boolean stackFits(int k, long l, int lr) {
        int[] members = alive[k];
        if (releaseKeys.length < members.length) {
            releaseKeys = new long[Math.max(members.length, 2 * releaseKeys.length)];
        }
        int bits = 64 - Integer.numberOfLeadingZeros(members.length);
        long tooHigh = 1L << (62 - bits);
        int count = 0;
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        for (int j = 0; j < members.length; j++) {
            int u = members[j];
            if (placed[u]) {
                continue;
            }
            long m = minOff[u];
            long e = m > l || (m == l && rank[u] > lr) ? m : l + 1;
            if (e >= tooHigh) {
                return true; // offsets too large to pack into a sort key: no verdict (sound)
            }
            lowest = Math.min(lowest, e);
            highest = Math.max(highest, e);
            releaseKeys[count++] = (e << bits) | j;
        }
        if (lowest == highest) {
            return true;
        }
        Arrays.sort(releaseKeys, 0, count);
        long mask = (1L << bits) - 1;
        long above = 0;
        for (int c = count - 1; c >= 0; c--) {
            long key = releaseKeys[c];
            above += size[members[(int) (key & mask)]];
            if ((key >>> bits) + above > cap) {
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
        for (int c = 0; c < count; c++) {
            int u = cand[base + c];
            if (minOff[u] >= limit) {
                Integer[] boxed = new Integer[count];
                for (int d = 0; d < count; d++) {
                    boxed[d] = cand[base + d];
                }
                Arrays.sort(boxed, Comparator.<Integer>comparingLong(v -> minOff[v]).thenComparingInt(v -> rank[v]));
                for (int d = 0; d < count; d++) {
                    cand[base + d] = boxed[d];
                }
                return;
            }
            keys[c] = (minOff[u] << bits) | rank[u];
        }
        Arrays.sort(keys, 0, count);
        long mask = (1L << bits) - 1;
        for (int c = 0; c < count; c++) {
            cand[base + c] = byRank[(int) (keys[c] & mask)];
        }
    }

    /** Places {@code u} at its lowest offset; false when section inference fails (undo with {@link #unplace}). */
    private boolean place(int u, int lo, int hi) {
        long o = minOff[u];
        long end = o + size[u];
        placed[u] = true;
        sol[u] = o;
        raisedLo = sa[u];
        raisedHi = sb[u];
        int mark = trailTop;
        for (int v : nbr[u]) {
            if (!placed[v]) {
                nbrLeft[v]--;
                if (minOff[v] < end) {
                    if (trailTop == trailIdx.length) {
                        trailIdx = Arrays.copyOf(trailIdx, trailIdx.length * 2);
                        trailVal = Arrays.copyOf(trailVal, trailVal.length * 2);
                    }
                    trailIdx[trailTop] = v;
                    trailVal[trailTop++] = minOff[v];
                    minOff[v] = end;
                    raisedLo = Math.min(raisedLo, sa[v]);
                    raisedHi = Math.max(raisedHi, sb[v]);
                }
            }
        }
        pushMark(mark);
        int w = sb[u] - sa[u];
        if (secTop + w > secTrail.length) {
            secTrail = Arrays.copyOf(secTrail, Math.max(secTrail.length * 2, secTop + w + 1));
        }
        hashA += zA[u];
        hashB += zB[u];
        for (int k = sa[u]; k < sb[u]; k++) {
            secTrail[secTop++] = top[k];
            setTop(k, end);
            load[k] -= size[u];
        }
        long room = cap - o;
        for (int k = lo; k < hi; k++) {
            long lk = load[k];
            if (lk > 0 && (lk > room || top[k] + lk > cap)) {
                return false;
            }
        }
        return true;
    }

    private int[] marks = new int[64];
    private int markTop;

    private void pushMark(int mark) {
        if (markTop == marks.length) {
            marks = Arrays.copyOf(marks, marks.length * 2);
        }
        marks[markTop++] = mark;
    }

    private void unplace(int u) {
        for (int k = sb[u] - 1; k >= sa[u]; k--) {
            setTop(k, secTrail[--secTop]);
            load[k] += size[u];
        }
        hashA -= zA[u];
        hashB -= zB[u];
        int mark = marks[--markTop];
        while (trailTop > mark) {
            trailTop--;
            minOff[trailIdx[trailTop]] = trailVal[trailTop];
        }
        for (int v : nbr[u]) {
            if (!placed[v]) {
                nbrLeft[v]++;
            }
        }
        placed[u] = false;
    }

    private int order;

    /** Ranks of static order {@code order} over all buffers, with their full section totals. */
    private int[] ranks(int order) {
        this.order = order;
        int[] ids = order(all, i -> sectionTotal[i]);
        int[] r = new int[n];
        for (int p = 0; p < n; p++) {
            r[ids[p]] = p;
        }
        return r;
    }

    /**
     * Positions into {@code set} sorted by the current static order, MiniMalloc's: 0 lifetime length, area,
     * section total; 1 section total, area, length; 2 section total, length, area; then the earlier ones: 3 area,
     * section total; 4 section total, area; 5 section total, size, area (larger first; ties by buffer index). {@code total} gives the section total of position {@code i}.
     */
    private int[] order(int[] set, java.util.function.IntToLongFunction total) {
        int m = set.length;
        Integer[] ids = new Integer[m];
        for (int i = 0; i < m; i++) {
            ids[i] = i;
        }
        Comparator<Integer> byTotal = Comparator.comparingLong(i -> -total.applyAsLong(i));
        Comparator<Integer> area = Comparator.comparingDouble(i -> -(double) size[set[i]] * length[set[i]]);
        Comparator<Integer> wide = Comparator.comparingLong(i -> -length[set[i]]);
        Comparator<Integer> big = Comparator.comparingLong(i -> -size[set[i]]);
        Comparator<Integer> c = switch (order % ORDERS) {
            case 0 -> wide.thenComparing(area).thenComparing(byTotal);
            case 1 -> byTotal.thenComparing(area).thenComparing(wide);
            case 2 -> byTotal.thenComparing(wide).thenComparing(area);
            case 3 -> area.thenComparing(byTotal);
            case 4 -> byTotal.thenComparing(area);
            default -> byTotal.thenComparing(big).thenComparing(area);
        };
        Arrays.sort(ids, c.thenComparingInt(i -> set[i]));
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            out[i] = ids[i];
        }
        return out;
    }

    /** The buffers alive in each section. */
    static int[][] sectionsAlive(int[] sa, int[] sb, int sections) {
        int[] count = new int[sections];
        for (int i = 0; i < sa.length; i++) {
            for (int k = sa[i]; k < sb[i]; k++) {
                count[k]++;
            }
        }
        int[][] out = new int[sections][];
        for (int k = 0; k < sections; k++) {
            out[k] = new int[count[k]];
            count[k] = 0;
        }
        for (int i = 0; i < sa.length; i++) {
            for (int k = sa[i]; k < sb[i]; k++) {
                out[k][count[k]++] = i;
            }
        }
        return out;
    }

    /** Buffers alive at a common section, by a sweep over section starts (two passes: count, then fill). */
    static int[][] overlaps(int[] sa, int[] sb) {
        int n = sa.length;
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, Comparator.comparingInt(i -> sa[i]));
        int[] byStart = new int[n];
        for (int i = 0; i < n; i++) {
            byStart[i] = boxed[i];
        }
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
            count[i] = 0;
        }
        for (int x = 0; x < n; x++) {
            int i = byStart[x];
            for (int y = x + 1; y < n && sa[byStart[y]] < sb[i]; y++) {
                int j = byStart[y];
                nbr[i][count[i]++] = j;
                nbr[j][count[j]++] = i;
            }
        }
        return nbr;
    }

    /** For each buffer, the previous identical one (same span and size), or -1. */
    static int[] twins(long[] size, int[] sa, int[] sb) {
        int n = size.length;
        int[] prev = new int[n];
        Map<List<Long>, Integer> last = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Integer p = last.put(List.of((long) sa[i], (long) sb[i], size[i]), i);
            prev[i] = p == null ? -1 : p;
        }
        return prev;
    }
}
