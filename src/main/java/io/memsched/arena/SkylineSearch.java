package io.memsched.arena;

import io.memsched.run.Deadline;
import java.util.Arrays;

/**
 * Lowest-offset-first placement with look-ahead and bounded backtracking, for large problems: the search of
 * {@link CanonicalSearch} (MiniMalloc's canonical layouts) made fast enough for tens of thousands of buffers, and
 * made to always finish. It builds a layout bottom-up, the way a skyline is filled: at each step the buffer with the
 * lowest offset it can take (ties by a static rank, e.g. contention first) is placed there, unless the look-ahead
 * rejects it, when the next one is tried.
 * <ul>
 *   <li><b>Parts</b>: a time boundary that no unplaced buffer crosses splits the problem into independent parts; each
 *       part has its own level (the offset and rank of its last placement: the order is canonical within a part)
 *       and the leftmost unfinished part is worked on first.</li>
 *   <li><b>Look-ahead</b> against a capacity {@code cap}: a buffer placed at {@code o} is rejected when some section
 *       of its part holds more unplaced bytes than fit between {@code o} and {@code cap} (in canonical order every
 *       later buffer of the part goes at {@code o} or above).</li>
 *   <li><b>Canonical rules</b> (as in {@link CanonicalSearch}): a buffer passed over (below the level) must still be
 *       lifted by a later neighbour, must not fit entirely below the level and must fit above it; no candidate is
 *       placed at or above the lowest end an unplaced buffer of its part can reach (dominance).</li>
 *   <li><b>Backtracking</b>: when no candidate of a step passes, the step before is revised; a part whose first
 *       step fails sends the search back to the step that created the part (its sibling parts are independent).</li>
 *   <li><b>Forced progress</b> (heuristic mode): after {@code backtracks} failures in a row, or a failure that would
 *       undo a forced step, the part's level is reset, its lowest buffer is placed anyway and {@code cap} is raised
 *       to what that needs; the steps before are never revised again. So a run always ends, with a valid layout,
 *       in O(b (k + t) log b) time for b buffers, k neighbours and t candidates a step, plus the backtracking.</li>
 * </ul>
 * With {@code force} off, any number of backtracks and candidates, the search is complete: it finds a layout within
 * {@code cap} if and only if one exists (the tests check this against brute force).
 *
 * <p>Segment trees hold the unplaced load of each section (range add, range max), the number of unplaced buffers
 * crossing each boundary (to find parts), and per buffer (by start) the lowest end and the smallest (offset, rank)
 * key of the unplaced ones; every change is undone exactly on backtracking.
 *
 * <p>References (ideas, independent implementation): MiniMalloc (M. Moffitt, ASPLOS 2023: canonical solutions,
 * section inference, dominance); TelaMalloc (M. Maas et al., ASPLOS 2023: contention-guided placement at the
 * lowest point of the skyline, backtracking when stuck).
 */
final class SkylineSearch {
    /** Positive-size buffers (compact indices) and their index in the problem. */
    private final int n;
    private final int[] global;
    private final long[] size;
    private final int[] sa;
    private final int[] sb;
    private final int sections;
    private final int[] row;
    private final int[] adj;
    private final int problemSize;

    /** Unplaced load per section: range add, range max (lazy add kept at the node). */
    private final int na;
    private final long[] loadMax;
    private final long[] loadAdd;
    /**
     * Unplaced buffers crossing each boundary (between sections j and j + 1), negated, so that the same range add,
     * range max serves both trees: a boundary nobody crosses holds 0, the largest value a leaf can hold.
     */
    private final int nb;
    private final long[] crossMax;
    private final long[] crossAdd;
    /** Per position in start order: the unplaced buffer's lowest end (else MAX), and its key (offset, rank). */
    private final int nc;
    private final long[] endMin;
    private final long[] keyMin;
    private final int[] pos;
    private final int[] atPos;
    /** Section k: the first position whose buffer starts at k or later. */
    private final int[] firstPos;

    private long[] minOff;
    private int[] rank;
    private boolean[] placed;
    private long[] off;
    private int[] nbrLeft;
    private long[] levelOff;
    private int[] levelRank;
    private int[] zeroedAt;
    private long cap;
    private int tries;

    private int[] offTrailId = new int[1024];
    private long[] offTrailVal = new long[1024];
    private int offTop;
    private int[] levelTrailAt = new int[1024];
    private long[] levelTrailOff = new long[1024];
    private int[] levelTrailRank = new int[1024];
    private int levelTop;
    private int[] popped = new int[64];
    private int activeL;
    private int activeR;
    private int node;
    private long nodes;
    private int forced;
    private boolean stopped;

    private SkylineSearch(Interference g, int[] global) {
        this.problemSize = g.n;
        this.n = global.length;
        this.global = global;
        int[] local = new int[g.n];
        Arrays.fill(local, -1);
        for (int i = 0; i < n; i++) {
            local[global[i]] = i;
        }
        size = new long[n];
        long[] times = new long[2 * n];
        for (int i = 0; i < n; i++) {
            size[i] = g.size[global[i]];
            times[2 * i] = g.first[global[i]];
            times[2 * i + 1] = g.last[global[i]] + 1L;
        }
        long[] cuts = Arrays.stream(times).distinct().sorted().toArray();
        sections = Math.max(1, cuts.length - 1);
        sa = new int[n];
        sb = new int[n];
        for (int i = 0; i < n; i++) {
            sa[i] = Arrays.binarySearch(cuts, g.first[global[i]]);
            sb[i] = Arrays.binarySearch(cuts, g.last[global[i]] + 1L);
        }
        row = new int[n + 1];
        for (int i = 0; i < n; i++) {
            row[i + 1] = row[i] + g.degree(global[i]);
        }
        adj = new int[row[n]];
        for (int i = 0, k = 0; i < n; i++) {
            for (int p = g.row[global[i]]; p < g.row[global[i] + 1]; p++) {
                adj[k++] = local[g.adj[p]];
            }
        }
        na = pow2(sections);
        loadMax = new long[2 * na];
        loadAdd = new long[2 * na];
        nb = pow2(Math.max(1, sections - 1));
        crossMax = new long[2 * nb];
        crossAdd = new long[2 * nb];
        nc = pow2(Math.max(1, n));
        endMin = new long[2 * nc];
        keyMin = new long[2 * nc];
        long[] byStart = new long[n];
        for (int i = 0; i < n; i++) {
            byStart[i] = ((long) sa[i] << 32) | i;
        }
        Arrays.sort(byStart);
        pos = new int[n];
        atPos = new int[n];
        for (int p = 0; p < n; p++) {
            int i = (int) byStart[p];
            pos[i] = p;
            atPos[p] = i;
        }
        firstPos = new int[sections + 1];
        for (int k = 0, p = 0; k <= sections; k++) {
            while (p < n && sa[atPos[p]] < k) {
                p++;
            }
            firstPos[k] = p;
        }
    }

    /**
     * The search over the positive-size buffers of {@code g}, or null when offsets could overflow the (offset,
     * rank) keys (a total size beyond about 2^63 / b bytes).
     */
    static SkylineSearch of(Interference g) {
        int count = 0;
        long total = 0;
        for (int i = 0; i < g.n; i++) {
            if (g.size[i] > 0) {
                count++;
                total += g.size[i];
                if (total < 0) {
                    return null;
                }
            }
        }
        if (total >= Long.MAX_VALUE / (count + 1L) / 2) {
            return null;
        }
        int[] global = new int[count];
        for (int i = 0, k = 0; i < g.n; i++) {
            if (g.size[i] > 0) {
                global[k++] = i;
            }
        }
        return new SkylineSearch(g, global);
    }

    private static int pow2(int x) {
        int p = 1;
        while (p < x) {
            p <<= 1;
        }
        return p;
    }

    /** The capacity in force at the end of the last run (raised by forced steps). */
    long cap() {
        return cap;
    }

    /** Steps forced by the last run (0: it stayed within the capacity it was given). */
    int forced() {
        return forced;
    }

    /** Whether the deadline ended the last run. */
    boolean stopped() {
        return stopped;
    }

    /** Placements made by the last run, backtracked ones included. */
    long nodes() {
        return nodes;
    }

    /**
     * One run: buffers ranked by {@code rank} (indexed by problem buffer index, distinct values, lower first on
     * ties of offset), trying at most {@code tries} candidates a step, revising at most {@code backtracks} failed
     * steps in a row. With {@code force}, returns a layout (offsets by problem buffer index; empty buffers at 0)
     * whose height may exceed {@code cap} ({@link #cap()} is then raised); without, a layout within {@code cap} or
     * null when the search ends without one. Null too when the deadline ends it ({@link #stopped()}); the deadline
     * is polled every 256 placements.
     */
    long[] run(int[] problemRank, long capacity, int tries, long backtracks, boolean force, Deadline deadline) {
        this.cap = capacity;
        this.tries = Math.max(1, tries);
        this.stopped = false;
        reset(problemRank);
        int[] cand = new int[n * this.tries + this.tries];
        int[] count = new int[n + 1];
        int[] at = new int[n + 1];
        int[] offMark = new int[n + 1];
        int[] levelMark = new int[n + 1];
        int[] chosen = new int[n + 1];
        int[] partL = new int[n + 1];
        int[] partR = new int[n + 1];
        int[] target = new int[n + 1];
        int d = 0;
        int floor = 0;
        long fails = 0;
        if (n > 0) {
            count[0] = candidates(cand, 0);
            partL[0] = activeL;
            partR[0] = activeR;
            target[0] = -1;
        }
        while (d < n) {
            if (at[d] >= count[d]) {
                fails++;
                int t = target[d];
                if (fails > backtracks || t < floor) {
                    if (!force) {
                        return null;
                    }
                    // forced progress: reset the part's level and place its lowest buffer, raising the capacity
                    fails = 0;
                    forced++;
                    setLevel(partL[d], -1, -1);
                    count[d] = candidates(cand, d * this.tries);
                    at[d] = 0;
                    if (count[d] == 0) {
                        throw new IllegalStateException("no candidate after a level reset");
                    }
                    int f = cand[d * this.tries];
                    cap = Math.max(cap, minOff[f] + loadQuery(1, 0, na, partL[d], partR[d]));
                    floor = d + 1;
                    continue;
                }
                while (d > t) {
                    d--;
                    unplace(chosen[d], offMark[d], levelMark[d], d);
                }
                at[d]++;
                continue;
            }
            int u = cand[d * this.tries + at[d]];
            if (minOff[u] + loadQuery(1, 0, na, partL[d], partR[d]) > cap) {
                at[d]++;
                continue;
            }
            if ((++nodes & 255) == 0 && deadline.expired()) {
                stopped = true;
                return null;
            }
            offMark[d] = offTop;
            levelMark[d] = levelTop;
            chosen[d] = u;
            node = d;
            place(u, partL[d]);
            d++;
            if (d < n) {
                count[d] = candidates(cand, d * this.tries);
                at[d] = 0;
                partL[d] = activeL;
                partR[d] = activeR;
                if (partL[d] == partL[d - 1] && partR[d] == partR[d - 1]) {
                    target[d] = d - 1;
                } else { // first step of a part: back to the step that split it off
                    target[d] = Math.max(activeL > 0 ? zeroedAt[activeL - 1] : -1,
                            activeR < sections ? zeroedAt[activeR - 1] : -1);
                }
            }
        }
        long[] out = new long[problemSize];
        for (int i = 0; i < n; i++) {
            out[global[i]] = off[i];
        }
        return out;
    }

    private void reset(int[] problemRank) {
        rank = new int[n];
        int[] order = new int[n];
        Integer[] ids = new Integer[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        Arrays.sort(ids, (x, y) -> Integer.compare(problemRank[global[x]], problemRank[global[y]]));
        for (int r = 0; r < n; r++) {
            order[r] = ids[r];
            rank[ids[r]] = r;
        }
        long[] load = new long[sections + 1];
        int[] cross = new int[sections + 1];
        for (int i = 0; i < n; i++) {
            load[sa[i]] += size[i];
            load[sb[i]] -= size[i];
            if (sb[i] - 1 > sa[i]) {
                cross[sa[i]]++;
                cross[sb[i] - 1]--;
            }
        }
        Arrays.fill(loadMax, Long.MIN_VALUE / 4);
        Arrays.fill(loadAdd, 0);
        Arrays.fill(crossMax, Long.MIN_VALUE / 4);
        Arrays.fill(crossAdd, 0);
        for (int k = 0; k < sections; k++) {
            if (k > 0) {
                load[k] += load[k - 1];
                cross[k] += cross[k - 1];
            }
            loadMax[na + k] = load[k];
            if (k < sections - 1) {
                crossMax[nb + k] = -cross[k];
            }
        }
        for (int i = na - 1; i >= 1; i--) {
            loadMax[i] = Math.max(loadMax[2 * i], loadMax[2 * i + 1]);
        }
        for (int i = nb - 1; i >= 1; i--) {
            crossMax[i] = Math.max(crossMax[2 * i], crossMax[2 * i + 1]);
        }
        minOff = new long[n];
        placed = new boolean[n];
        off = new long[n];
        Arrays.fill(endMin, Long.MAX_VALUE);
        Arrays.fill(keyMin, Long.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            endMin[nc + pos[i]] = size[i];
            keyMin[nc + pos[i]] = rank[i];
        }
        for (int i = nc - 1; i >= 1; i--) {
            endMin[i] = Math.min(endMin[2 * i], endMin[2 * i + 1]);
            keyMin[i] = Math.min(keyMin[2 * i], keyMin[2 * i + 1]);
        }
        nbrLeft = new int[n];
        for (int i = 0; i < n; i++) {
            nbrLeft[i] = row[i + 1] - row[i];
        }
        levelOff = new long[sections + 1];
        levelRank = new int[sections + 1];
        Arrays.fill(levelOff, -1);
        Arrays.fill(levelRank, -1);
        zeroedAt = new int[sections];
        Arrays.fill(zeroedAt, -1);
        offTop = 0;
        levelTop = 0;
        nodes = 0;
        forced = 0;
    }

    // ---- the range-add, range-max trees (section load; negated boundary crossings)

    /** Adds {@code d} to the leaves [a, b) of the tree {@code max}/{@code add} (node i covers [l, r)). */
    private static void rangeAdd(long[] max, long[] add, int i, int l, int r, int a, int b, long d) {
        if (b <= l || r <= a) {
            return;
        }
        if (a <= l && r <= b) {
            max[i] += d;
            add[i] += d;
            return;
        }
        int m = (l + r) >>> 1;
        rangeAdd(max, add, 2 * i, l, m, a, b, d);
        rangeAdd(max, add, 2 * i + 1, m, r, a, b, d);
        max[i] = Math.max(max[2 * i], max[2 * i + 1]) + add[i];
    }

    private void loadAdd(int a, int b, long d) {
        rangeAdd(loadMax, loadAdd, 1, 0, na, a, b, d);
    }

    private void crossAdd(int a, int b, long d) {
        rangeAdd(crossMax, crossAdd, 1, 0, nb, a, b, -d);
    }

    private long loadQuery(int i, int l, int r, int a, int b) {
        if (b <= l || r <= a) {
            return Long.MIN_VALUE / 4;
        }
        if (a <= l && r <= b) {
            return loadMax[i];
        }
        int m = (l + r) >>> 1;
        return Math.max(loadQuery(2 * i, l, m, a, b), loadQuery(2 * i + 1, m, r, a, b)) + loadAdd[i];
    }

    /** The last (or first) boundary in [a, b) that no unplaced buffer crosses, or -1. */
    private int zero(int i, int l, int r, int a, int b, long acc, boolean last) {
        if (b <= l || r <= a || crossMax[i] + acc < 0) {
            return -1;
        }
        if (r - l == 1) {
            return l;
        }
        int m = (l + r) >>> 1;
        acc += crossAdd[i];
        int x = last ? zero(2 * i + 1, m, r, a, b, acc, true) : zero(2 * i, l, m, a, b, acc, false);
        if (x >= 0) {
            return x;
        }
        return last ? zero(2 * i, l, m, a, b, acc, true) : zero(2 * i + 1, m, r, a, b, acc, false);
    }

    /** First section of the part of buffer {@code u}. */
    private int partStart(int u) {
        return sa[u] == 0 ? 0 : zero(1, 0, nb, 0, sa[u], 0, true) + 1;
    }

    /** One past the last section of the part of buffer {@code u}. */
    private int partEnd(int u) {
        if (sb[u] - 1 >= sections - 1) {
            return sections;
        }
        int z = zero(1, 0, nb, sb[u] - 1, sections - 1, 0, false);
        return z < 0 ? sections : z + 1;
    }

    // ---- the per-buffer trees (by start)

    /** Sets leaf {@code p} of the point-set, range-min tree {@code min} (leaves from {@code nc}) to {@code v}. */
    private void setMin(long[] min, int p, long v) {
        int i = p + nc;
        min[i] = v;
        for (i >>= 1; i >= 1; i >>= 1) {
            min[i] = Math.min(min[2 * i], min[2 * i + 1]);
        }
    }

    private long key(int u) {
        return minOff[u] * n + rank[u];
    }

    private void refresh(int u) {
        setMin(endMin, pos[u], placed[u] ? Long.MAX_VALUE : minOff[u] + size[u]);
        setMin(keyMin, pos[u], placed[u] ? Long.MAX_VALUE : key(u));
    }

    private long minEnd(int a, int b) {
        long r = Long.MAX_VALUE;
        for (a += nc, b += nc; a < b; a >>= 1, b >>= 1) {
            if ((a & 1) == 1) {
                r = Math.min(r, endMin[a++]);
            }
            if ((b & 1) == 1) {
                r = Math.min(r, endMin[--b]);
            }
        }
        return r;
    }

    /** The position of the smallest key in [a, b), or -1 when all are placed. */
    private int minKey(int a, int b) {
        int best = -1;
        long v = Long.MAX_VALUE;
        for (a += nc, b += nc; a < b; a >>= 1, b >>= 1) {
            if ((a & 1) == 1) {
                if (keyMin[a] < v) {
                    v = keyMin[a];
                    best = a;
                }
                a++;
            }
            if ((b & 1) == 1) {
                --b;
                if (keyMin[b] < v) {
                    v = keyMin[b];
                    best = b;
                }
            }
        }
        if (best < 0) {
            return -1;
        }
        while (best < nc) {
            best = keyMin[2 * best] == v ? 2 * best : 2 * best + 1;
        }
        return best - nc;
    }

    /** The first position (by start) of an unplaced buffer. */
    private int firstUnplaced() {
        int i = 1;
        while (i < nc) {
            i = endMin[2 * i] != Long.MAX_VALUE ? 2 * i : 2 * i + 1;
        }
        return i - nc;
    }

    // ---- steps

    private void setLevel(int at, long o, int r) {
        if (levelTop == levelTrailAt.length) {
            levelTrailAt = Arrays.copyOf(levelTrailAt, 2 * levelTop);
            levelTrailOff = Arrays.copyOf(levelTrailOff, 2 * levelTop);
            levelTrailRank = Arrays.copyOf(levelTrailRank, 2 * levelTop);
        }
        levelTrailAt[levelTop] = at;
        levelTrailOff[levelTop] = levelOff[at];
        levelTrailRank[levelTop++] = levelRank[at];
        levelOff[at] = o;
        levelRank[at] = r;
    }

    /**
     * The candidates of the leftmost unfinished part, lowest key first, into {@code cand} from {@code base}; their
     * number, 0 when the step fails (a passed-over buffer can no longer be lifted, or dominance cuts the first).
     */
    private int candidates(int[] cand, int base) {
        int u0 = atPos[firstUnplaced()];
        int l = partStart(u0);
        int r = partEnd(u0);
        activeL = l;
        activeR = r;
        int pa = firstPos[l];
        int pb = firstPos[r];
        long lowestEnd = minEnd(pa, pb);
        long level = levelOff[l];
        int levelR = levelRank[l];
        int k = 0;
        int np = 0;
        boolean fail = false;
        while (k < tries && np < 8 * tries) {
            int p = minKey(pa, pb);
            if (p < 0) {
                break;
            }
            int u = atPos[p];
            if (np == popped.length) {
                popped = Arrays.copyOf(popped, 2 * np);
            }
            popped[np++] = p;
            setMin(keyMin, p, Long.MAX_VALUE);
            long m = minOff[u];
            if (m < level || (m == level && rank[u] < levelR)) { // passed over: a later neighbour must lift it
                if (m + size[u] <= level || nbrLeft[u] == 0 || level + size[u] >= cap) {
                    fail = true;
                    break;
                }
                continue;
            }
            if (m >= lowestEnd) {
                break; // dominance: some unplaced buffer would fit entirely below
            }
            cand[base + k++] = u;
        }
        for (int j = 0; j < np; j++) {
            setMin(keyMin, popped[j], key(atPos[popped[j]]));
        }
        return fail ? 0 : k;
    }

    private void place(int u, int part) {
        long o = minOff[u];
        long e = o + size[u];
        placed[u] = true;
        off[u] = o;
        loadAdd(sa[u], sb[u], -size[u]);
        refresh(u);
        for (int p = row[u]; p < row[u + 1]; p++) {
            int v = adj[p];
            if (placed[v]) {
                continue;
            }
            nbrLeft[v]--;
            if (minOff[v] < e) {
                if (offTop == offTrailId.length) {
                    offTrailId = Arrays.copyOf(offTrailId, 2 * offTop);
                    offTrailVal = Arrays.copyOf(offTrailVal, 2 * offTop);
                }
                offTrailId[offTop] = v;
                offTrailVal[offTop++] = minOff[v];
                minOff[v] = e;
                refresh(v);
            }
        }
        setLevel(part, o, rank[u]);
        if (sb[u] - sa[u] > 1) {
            crossAdd(sa[u], sb[u] - 1, -1);
            boolean split = false;
            for (int from = sa[u]; from < sb[u] - 1; ) {
                int z = zero(1, 0, nb, from, sb[u] - 1, 0, false);
                if (z < 0) {
                    break;
                }
                split = true;
                setLevel(z + 1, -1, -1);
                zeroedAt[z] = node;
                from = z + 1;
            }
            if (split) {
                setLevel(part, -1, -1);
            }
        }
    }

    private void unplace(int u, int offMark, int levelMark, int step) {
        while (levelTop > levelMark) {
            levelTop--;
            levelOff[levelTrailAt[levelTop]] = levelTrailOff[levelTop];
            levelRank[levelTrailAt[levelTop]] = levelTrailRank[levelTop];
        }
        if (sb[u] - sa[u] > 1) {
            for (int j = sa[u]; j < sb[u] - 1; j++) {
                if (zeroedAt[j] >= step) {
                    zeroedAt[j] = -1;
                }
            }
            crossAdd(sa[u], sb[u] - 1, 1);
        }
        while (offTop > offMark) {
            offTop--;
            int v = offTrailId[offTop];
            minOff[v] = offTrailVal[offTop];
            refresh(v);
        }
        for (int p = row[u]; p < row[u + 1]; p++) {
            if (!placed[adj[p]]) {
                nbrLeft[adj[p]]++;
            }
        }
        loadAdd(sa[u], sb[u], size[u]);
        placed[u] = false;
        refresh(u);
    }
}
