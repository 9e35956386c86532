package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.graph.SeriesSegments;
import io.memsched.memory.StepCosts;
import io.memsched.run.Deadline;
import io.memsched.run.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The dynamic program of {@link DpScheduler} over one segment of {@link SeriesSegments#atCuts}: states are the sets of
 * the segment's operators already run (bitsets), layer by layer by their size; each state keeps the lowest peak
 * over the orders reaching it (its live bytes are a function of the set); transitions whose peak reaches the upper
 * bound are pruned; and a dominance rule runs a ready operator at once when it cannot hurt (see
 * {@link #run}). With a beam width the same search keeps only the best states of each layer and becomes a
 * heuristic.
 *
 * <p>All footprints are those of the whole graph (the operators of earlier segments have run, those of later
 * segments have not), so tensors that cross the segment's boundaries are counted exactly.
 */
final class SegmentDp {
    /**
     * What a run found.
     *
     * @param order local indices of the best order found strictly below the upper bound, if any
     * @param peakBytes the value of that order ({@code max(floor, its peak)}), or the upper bound when none
     * @param lowerBoundBytes a proven lower bound on {@code max(floor, peak)} of every order of the segment
     * @param stop why the search ended early, if it did
     */
    record Outcome(Optional<int[]> order, long peakBytes, long lowerBoundBytes, Optional<Status> stop) {
    }

    /** Shared limits and counters of one scheduling call. */
    static final class Budget {
        final Deadline deadline;
        final long stateLimit;
        final long memoryBytes;
        long expanded;
        long kept;
        long pruned;
        long forced;

        Budget(Deadline deadline, long stateLimit, long memoryBytes) {
            this.deadline = deadline;
            this.stateLimit = stateLimit;
            this.memoryBytes = memoryBytes;
        }
    }

    private final int m;
    private final int words;
    private final int[] globalOps;
    private final long[] predMask;
    private final long[] outsAll;
    private final long[] outsLive;
    private final long[] ws;
    private final int[] candStart;
    private final long[] candBytes;
    private final long[] candMask;
    private final int[] victim;
    private final long[] saving;
    private final long[] goOut;
    private final long[] restLb;
    private final int[] byRestLb;
    private final int[][] localSucc;
    private final long[] initialReady;
    private final long baseLive;
    private final long baseOutputs;
    private final long firstDrop;

    /**
     * The segment {@code ops} (global indices, a segment of {@code cuts}).
     *
     * @param baseLive live bytes once every earlier segment has run
     * @param baseOutputs bytes of the graph outputs live once every earlier segment has run (they stay live)
     * @param firstDrop bytes freed after the first step when this segment starts the schedule (unconsumed graph
     *     inputs), else 0
     */
    SegmentDp(StepCosts costs, int[] ops, SeriesSegments cuts, long baseLive, long baseOutputs, long firstDrop) {
        Graph g = costs.graph();
        this.m = ops.length;
        this.words = Math.max(1, (m + 63) >>> 6);
        this.globalOps = ops.clone();
        this.baseLive = baseLive;
        this.baseOutputs = baseOutputs;
        this.firstDrop = firstDrop;
        int segment = m == 0 ? -1 : cuts.segmentOf(ops[0]);
        int[] local = new int[g.opCount()];
        Arrays.fill(local, -1);
        for (int j = 0; j < m; j++) {
            local[ops[j]] = j;
        }
        predMask = new long[m * words];
        outsAll = new long[m];
        outsLive = new long[m];
        ws = new long[m];
        candStart = new int[m + 1];
        victim = new int[m];
        saving = new long[m];
        goOut = new long[m];
        restLb = new long[m];
        List<Long> cBytes = new ArrayList<>();
        List<long[]> cMask = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            int o = ops[j];
            Ints p = g.predecessors(o);
            for (int k = 0; k < p.size(); k++) {
                int lp = local[p.get(k)];
                if (lp >= 0) {
                    predMask[j * words + (lp >>> 6)] |= 1L << lp;
                }
            }
            outsAll[j] = costs.allocated(o);
            goOut[j] = costs.graphOutputBytes(o);
            outsLive[j] = costs.kept(o);
            ws[j] = costs.workspace(o);
            candStart[j] = cBytes.size();
            int victimTensor = costs.victim(o);
            victim[j] = -1;
            Ints in = g.opInputs(o);
            long inNonOutput = 0;
            for (int k = 0; k < in.size(); k++) {
                int t = in.get(k);
                if (g.isGraphOutput(t) || indexOf(in, t) < k) {
                    continue;
                }
                inNonOutput += g.bytes(t);
                Ints c = g.consumers(t);
                long[] mask = new long[words];
                boolean later = false;
                for (int q = 0; q < c.size(); q++) {
                    int u = c.get(q);
                    if (u == o) {
                        continue;
                    }
                    if (cuts.segmentOf(u) > segment) {
                        later = true;
                    } else if (cuts.segmentOf(u) == segment) {
                        mask[local[u] >>> 6] |= 1L << local[u];
                    }
                }
                if (later) {
                    continue;
                }
                if (t == victimTensor) {
                    victim[j] = cBytes.size();
                    saving[j] = costs.saving(o);
                }
                cBytes.add(g.bytes(t));
                cMask.add(mask);
            }
            // when j runs, the graph outputs produced so far and its inputs are live, and its outputs allocated
            restLb[j] = inNonOutput + costs.footprint(0, o, true);
        }
        candStart[m] = cBytes.size();
        candBytes = new long[cBytes.size()];
        candMask = new long[cBytes.size() * words];
        for (int c = 0; c < candBytes.length; c++) {
            candBytes[c] = cBytes.get(c);
            System.arraycopy(cMask.get(c), 0, candMask, c * words, words);
        }
        localSucc = new int[m][];
        initialReady = new long[words];
        for (int j = 0; j < m; j++) {
            Ints su = g.successors(ops[j]);
            int[] ls = new int[su.size()];
            int c = 0;
            for (int k = 0; k < su.size(); k++) {
                if (local[su.get(k)] >= 0) {
                    ls[c++] = local[su.get(k)];
                }
            }
            localSucc[j] = Arrays.copyOf(ls, c);
        }
        for (int j = 0; j < m; j++) {
            boolean none = true;
            for (int q = 0; q < words; q++) {
                none &= predMask[j * words + q] == 0;
            }
            if (none) {
                initialReady[j >>> 6] |= 1L << j;
            }
        }
        byRestLb = java.util.stream.IntStream.range(0, m).boxed()
                .sorted((a, b) -> restLb[a] != restLb[b] ? Long.compare(restLb[b], restLb[a]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * Bytes the tables of the segments of {@code cuts} would take (predecessor and consumer bitsets, one word per 64
     * operators of the segment, for each operator and each input), computed in O(n + e) before anything is built.
     */
    static long tableBytes(Graph g, SeriesSegments cuts) {
        long total = 0;
        for (SeriesSegments.Segment segment : cuts.segments()) {
            long words = Math.max(1, (segment.size() + 63L) >>> 6);
            long rows = segment.size();
            for (int k = 0; k < segment.size(); k++) {
                rows += g.opInputs(segment.ops().get(k)).size();
            }
            total += rows * (words * 8 + 16);
        }
        return total;
    }

    private static int indexOf(Ints s, int v) {
        for (int k = 0; k < s.size(); k++) {
            if (s.get(k) == v) {
                return k;
            }
        }
        return -1;
    }

    /**
     * A lower bound on the peak of every order of the segment: it starts with an operator without predecessors in
     * the segment, run on the live set at the segment's start, and ends with one without successors in it, run when
     * everything else has run (live bytes {@code liveEnd} after the segment, less its live outputs, plus the inputs
     * that die at it). The smaller first-step and last-step footprints both bound the peak. O(m * d * w).
     */
    long endpointBound(long liveEnd) {
        if (m < 2) {
            return 0;
        }
        long[] set = new long[words];
        long first = Long.MAX_VALUE;
        for (int j = 0; j < m; j++) {
            if ((initialReady[j >>> 6] & (1L << j)) != 0) {
                first = Math.min(first, baseLive + outsAll[j] + ws[j] - savingAt(set, j));
            }
        }
        for (int j = 0; j < m; j++) {
            set[j >>> 6] |= 1L << j;
        }
        long last = Long.MAX_VALUE;
        for (int j = 0; j < m; j++) {
            if (localSucc[j].length != 0) {
                continue;
            }
            set[j >>> 6] &= ~(1L << j);
            long before = liveEnd - outsLive[j] + dying(set, j);
            last = Math.min(last, before + outsAll[j] + ws[j] - savingAt(set, j));
            set[j >>> 6] |= 1L << j;
        }
        return Math.max(first, last);
    }

    /** Number of operators. */
    int size() {
        return m;
    }

    /** Global operator index of local operator {@code j}. */
    int globalOp(int j) {
        return globalOps[j];
    }

    /** The value {@code max(floor, peak)} of a local order (for checking heuristic orders segment by segment). */
    long evaluate(int[] localOrder, long floor) {
        long[] set = new long[words];
        long live = baseLive;
        long peak = floor;
        boolean first = true;
        for (int j : localOrder) {
            long fp = live + outsAll[j] + ws[j] - savingAt(set, j);
            peak = Math.max(peak, fp);
            live = live + outsLive[j] - dying(set, j) - (first ? firstDrop : 0);
            first = false;
            set[j >>> 6] |= 1L << j;
        }
        return peak;
    }

    private long dying(long[] set, int j) {
        long d = 0;
        for (int c = candStart[j]; c < candStart[j + 1]; c++) {
            if (covered(candMask, c * words, set, 0)) {
                d += candBytes[c];
            }
        }
        return d;
    }

    private long savingAt(long[] set, int j) {
        int c = victim[j];
        return c >= 0 && covered(candMask, c * words, set, 0) ? saving[j] : 0;
    }

    /** Whether every bit of {@code a[ao..]} is in {@code set[so..]}. */
    private boolean covered(long[] a, int ao, long[] set, int so) {
        for (int q = 0; q < words; q++) {
            if ((a[ao + q] & ~set[so + q]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** A layer of the search: per set, its ready operators (aux longs 0..words-1), graph outputs and parent link. */
    private SetStateTable<Void> layer(int capacity) {
        return new SetStateTable<>(words, words + 2, false, capacity);
    }

    /** Adds the state {@code key} to {@code t}, or lowers its peak (and moves its parent link) when it is better. */
    private void offer(SetStateTable<Void> t, long[] key, long[] rdy, long pk, long lv, long go, int par, int o) {
        int i = t.insert(key, pk, lv);
        if (i >= 0) {
            t.setAuxWords(i, 0, rdy, words);
            t.setAux(i, words, go);
            t.setAux(i, words + 1, ((long) par << 32) | (o & 0xFFFFFFFFL));
        } else if (t.improve(-i - 1, pk)) {
            t.setAux(-i - 1, words + 1, ((long) par << 32) | (o & 0xFFFFFFFFL));
        }
    }

    /**
     * Searches the segment's orders for one of value {@code max(floor, peak)} below {@code upperBound}.
     *
     * <p>Dominance rule: if a ready operator {@code o} frees at least as many bytes as its outputs keep live and its
     * own footprint is at most the state's peak, some best completion of the state starts with {@code o} (moving
     * {@code o} to the front adds its live outputs and removes its dying inputs at every step it passes, and can
     * only enable in-place reuse), so only {@code o} is expanded.
     *
     * @param beamWidth 0 for the exact search, else the number of states kept per layer (a heuristic)
     */
    Outcome run(long floor, long upperBound, int beamWidth, Budget budget) {
        if (m == 0) {
            return new Outcome(Optional.of(new int[0]), floor, floor, Optional.empty());
        }
        if (upperBound <= floor) {
            return new Outcome(Optional.empty(), upperBound, upperBound, Optional.empty());
        }
        List<int[]> parents = new ArrayList<>(m);
        List<int[]> ops = new ArrayList<>(m);
        SetStateTable<Void> cur = layer(1);
        offer(cur, new long[words], initialReady, floor, baseLive, baseOutputs, -1, -1);
        long[] set = new long[words];
        long[] next = new long[words];
        long[] rdy = new long[words];
        long[] nextReady = new long[words];
        int[] ready = new int[m];
        long[] fps = new long[m];
        long[] lives = new long[m];
        long history = 0;
        // expanding a state scans all m operators (O(m * words)): on large segments check the limits at every state
        int checkMask = (long) m * words > 4096 ? 0 : 255;
        for (int k = 0; k < m; k++) {
            SetStateTable<Void> nl = layer(Math.min(cur.size() * 2, 1 << 20));
            for (int s = 0; s < cur.size(); s++) {
                if ((budget.expanded++ & checkMask) == 0) {
                    Optional<Status> stop = budget.deadline.stopReason();
                    if (stop.isEmpty() && (budget.kept + nl.size() > budget.stateLimit)) {
                        stop = Optional.of(Status.BUDGET);
                    }
                    // the next layer may double its arrays before the next check: leave room for that
                    if (stop.isEmpty() && cur.bytes() + 2 * nl.bytes() + history * 8 > budget.memoryBytes) {
                        stop = Optional.of(Status.BUDGET);
                    }
                    if (stop.isPresent()) {
                        return stopped(cur, floor, upperBound, beamWidth, stop.get());
                    }
                }
                cur.key(s, set);
                cur.auxWords(s, 0, rdy, words);
                long p = cur.peak(s);
                long live = cur.live(s);
                long go = cur.aux(s, words);
                int nr = 0;
                int forced = -1;
                long rest1 = Long.MIN_VALUE;
                long rest2 = Long.MIN_VALUE;
                int restArg = -1;
                for (int x = 0; x < m; x++) {
                    int j = byRestLb[x];
                    if ((set[j >>> 6] & (1L << j)) != 0) {
                        continue;
                    }
                    if (restArg < 0) {
                        rest1 = restLb[j];
                        restArg = j;
                    } else {
                        rest2 = restLb[j];
                        break;
                    }
                }
                scan:
                for (int q = 0; q < words; q++) {
                    long bits = rdy[q];
                    while (bits != 0) {
                        int j = (q << 6) + Long.numberOfTrailingZeros(bits);
                        bits &= bits - 1;
                        long fp = live + outsAll[j] + ws[j] - savingAt(set, j);
                        long dies = dying(set, j);
                        ready[nr] = j;
                        fps[nr] = fp;
                        lives[nr] = live + outsLive[j] - dies - (k == 0 ? firstDrop : 0);
                        if (beamWidth == 0 && outsLive[j] <= dies && fp <= p) {
                            forced = nr;
                            nr++;
                            break scan;
                        }
                        nr++;
                    }
                }
                int from = 0;
                if (forced >= 0) {
                    from = forced;
                    nr = forced + 1;
                    budget.forced++;
                }
                for (int r = from; r < nr; r++) {
                    long np = Math.max(p, fps[r]);
                    int j = ready[r];
                    long rest = j == restArg ? rest2 : rest1;
                    long childOutputs = go + goOut[j];
                    if (np >= upperBound || rest != Long.MIN_VALUE && childOutputs + rest >= upperBound) {
                        budget.pruned++;
                        continue;
                    }
                    System.arraycopy(set, 0, next, 0, words);
                    next[j >>> 6] |= 1L << j;
                    System.arraycopy(rdy, 0, nextReady, 0, words);
                    nextReady[j >>> 6] &= ~(1L << j);
                    for (int su : localSucc[j]) {
                        if (covered(predMask, su * words, next, 0)) {
                            nextReady[su >>> 6] |= 1L << su;
                        }
                    }
                    offer(nl, next, nextReady, np, lives[r], childOutputs, s, j);
                }
            }
            if (beamWidth > 0) {
                nl.keep(beamWidth, SetStateTable.Rank.PEAK_THEN_LIVE);
            }
            if (nl.size() == 0) {
                return new Outcome(Optional.empty(), upperBound, beamWidth > 0 ? floor : upperBound,
                        Optional.empty());
            }
            budget.kept += nl.size();
            history += nl.size();
            int[] par = new int[nl.size()];
            int[] op = new int[nl.size()];
            for (int i = 0; i < par.length; i++) {
                long link = nl.aux(i, words + 1);
                par[i] = (int) (link >>> 32);
                op[i] = (int) link;
            }
            parents.add(par);
            ops.add(op);
            cur = nl;
        }
        int[] order = new int[m];
        int idx = 0;
        for (int k = m - 1; k >= 0; k--) {
            order[k] = ops.get(k)[idx];
            idx = parents.get(k)[idx];
        }
        long value = cur.peak(0);
        return new Outcome(Optional.of(order), value, beamWidth > 0 ? floor : value, Optional.empty());
    }

    private Outcome stopped(SetStateTable<Void> cur, long floor, long upperBound, int beamWidth, Status why) {
        long lb = upperBound;
        for (int s = 0; s < cur.size(); s++) {
            lb = Math.min(lb, cur.peak(s));
        }
        return new Outcome(Optional.empty(), upperBound, beamWidth > 0 ? floor : Math.max(floor, lb),
                Optional.of(why));
    }
}
