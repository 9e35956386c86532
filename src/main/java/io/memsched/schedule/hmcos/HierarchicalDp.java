package io.memsched.schedule.hmcos;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.memory.StepCosts;
import io.memsched.run.Deadline;
import io.memsched.run.Status;
import io.memsched.schedule.SetStateTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The budgeted zero-indegree-set dynamic programme of HMCOS over the units of a {@link Hierarchy}: a state is the
 * set of units already run (equivalently its zero-indegree frontier), only the lowest-peak partial order per state
 * is kept, and a partial order whose peak exceeds the budget is dropped. A sequence runs its fixed chain; a group
 * runs as one unit, in an order found by the same programme inside the group, memoised by which of the group's
 * outside inputs die inside it. Before that search, the group's reference order is tried and taken when it does
 * not raise the peak (as HMCOS does).
 *
 * <p>A layer is a {@link SetStateTable} (set of units run, peak, live bytes, and the partial order as payload), in
 * insertion order. Layers wider than the cap keep their lowest-peak states only, ties to the state found first (a
 * beam; HMCOS has no cap and runs out of memory instead); {@link #truncatedLayers()} counts them. The deadline is
 * polled every 256 states (every state on scopes wider than 1,024 units), and a layer's states are bounded by
 * memory: half of {@link SetStateTable#memoryBudget()} (the layer being expanded and the next), at most 128 MB
 * (nested group searches hold layers of their own); a layer cut there counts as truncated too.
 */
final class HierarchicalDp {
    /** Most bytes one layer's states may take, whatever the heap. */
    private static final long MAX_LAYER_BYTES = 128L << 20;
    /** Bytes of the partial order a state keeps besides its row ({@link Chunk}: a header and two references). */
    private static final long CHUNK_BYTES = 24;
    private final Hierarchy h;
    private final Graph g;
    private final StepCosts costs;
    private final Deadline deadline;
    private int layerCap;
    private final int[] mark;
    private int markId;
    private final Map<GroupKey, Memo> memo = new HashMap<>();
    private long states;
    private int truncatedLayers;
    private Status stop;
    private long curLive;
    private long curPeak;

    HierarchicalDp(Hierarchy h, Deadline deadline, int layerCap) {
        this.h = h;
        this.g = h.graph;
        this.costs = h.costs;
        this.deadline = deadline;
        this.layerCap = layerCap;
        this.mark = new int[g.opCount()];
    }

    /** States expanded so far. */
    long states() {
        return states;
    }

    /** Sets the most states a layer keeps. */
    void setLayerCap(int cap) {
        this.layerCap = cap;
    }

    /** Layers cut to the cap so far. */
    int truncatedLayers() {
        return truncatedLayers;
    }

    /** Why the last search stopped early (time limit or interrupt), if it did. */
    Optional<Status> stopReason() {
        return Optional.ofNullable(stop);
    }

    /** The scope of one search: its units, their local predecessors, and the operators run before it. */
    private static final class Scope {
        int size;
        int[][] ops;
        int[] group;
        int[][] preds;
        int[] unitOf;
        long[] base;
        boolean baseEmpty;
    }

    private record Chunk(int[] ops, Chunk parent) {
    }

    private record State(long[] set, long peak, long live, Chunk order) {
    }

    private record GroupKey(int group, long[] kills, boolean first, int hash) {
        GroupKey(int group, long[] kills, boolean first) {
            this(group, kills, first, 31 * (31 * group + Arrays.hashCode(kills)) + (first ? 1 : 0));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GroupKey k && k.hash == hash && k.group == group && k.first == first
                    && Arrays.equals(k.kills, kills);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A memoised group order, or the relative budget under which none was found. */
    private record Memo(int[] order, long failedRelativeBudget) {
    }

    /** The best order of all operators whose peak is at most {@code budget}, or empty (none, or stopped). */
    Optional<int[]> scheduleTop(long budget) {
        stop = null;
        int ns = h.seqOps.length;
        List<int[]> unitOps = new ArrayList<>();
        List<Integer> unitGroup = new ArrayList<>();
        int[] unitOfSeq = new int[ns];
        int[] unitOfGroup = new int[h.groups.size()];
        Arrays.fill(unitOfGroup, -1);
        for (int s = 0; s < ns; s++) {
            int gr = h.groupOf[s];
            if (gr < 0) {
                unitOfSeq[s] = unitOps.size();
                unitOps.add(h.seqOps[s]);
                unitGroup.add(-1);
            } else {
                if (unitOfGroup[gr] < 0) {
                    unitOfGroup[gr] = unitOps.size();
                    unitOps.add(null);
                    unitGroup.add(gr);
                }
                unitOfSeq[s] = unitOfGroup[gr];
            }
        }
        Scope sc = scope(unitOps, unitGroup, unitOfSeq, new long[words(g.opCount())], true);
        long live = costs.inputBytes();
        State end = run(sc, live, g.opCount() == 0 ? live : 0, budget);
        return end == null ? Optional.empty() : Optional.of(flatten(end.order, g.opCount()));
    }

    private Scope scope(List<int[]> unitOps, List<Integer> unitGroup, int[] unitOfSeq, long[] base, boolean baseEmpty) {
        Scope sc = new Scope();
        sc.size = unitOps.size();
        sc.ops = unitOps.toArray(new int[0][]);
        sc.group = unitGroup.stream().mapToInt(Integer::intValue).toArray();
        sc.unitOf = new int[g.opCount()];
        Arrays.fill(sc.unitOf, -1);
        sc.preds = new int[sc.size][];
        boolean[] seen = new boolean[sc.size];
        List<List<Integer>> members = new ArrayList<>();
        for (int u = 0; u < sc.size; u++) {
            members.add(new ArrayList<>());
        }
        for (int s = 0; s < unitOfSeq.length; s++) {
            if (unitOfSeq[s] >= 0) {
                members.get(unitOfSeq[s]).add(s);
                for (int o : h.seqOps[s]) {
                    sc.unitOf[o] = unitOfSeq[s];
                }
            }
        }
        for (int u = 0; u < sc.size; u++) {
            List<Integer> p = new ArrayList<>();
            for (int s : members.get(u)) {
                for (int q : h.seqPreds[s]) {
                    int w = unitOfSeq[q];
                    if (w >= 0 && w != u && !seen[w]) {
                        seen[w] = true;
                        p.add(w);
                    }
                }
            }
            for (int w : p) {
                seen[w] = false;
            }
            sc.preds[u] = p.stream().mapToInt(Integer::intValue).toArray();
        }
        sc.base = base;
        sc.baseEmpty = baseEmpty;
        return sc;
    }

    private static int words(int bits) {
        return (bits + 63) >>> 6;
    }

    private static boolean bit(long[] set, int i) {
        return (set[i >>> 6] & (1L << i)) != 0;
    }

    private static boolean isEmpty(long[] set) {
        for (long w : set) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }

    private static int[] flatten(Chunk c, int n) {
        int[] order = new int[n];
        int k = n;
        for (; c != null; c = c.parent) {
            k -= c.ops.length;
            System.arraycopy(c.ops, 0, order, k, c.ops.length);
        }
        return order;
    }

    private boolean scheduled(Scope sc, long[] set, int o) {
        if (mark[o] == markId || bit(sc.base, o)) {
            return true;
        }
        int u = sc.unitOf[o];
        return u >= 0 && bit(set, u);
    }

    private boolean othersScheduled(Scope sc, long[] set, int t, int o) {
        Ints c = g.consumers(t);
        for (int k = 0; k < c.size(); k++) {
            int x = c.get(k);
            if (x != o && !scheduled(sc, set, x)) {
                return false;
            }
        }
        return true;
    }

    /** Runs operator {@code o} on {@code curLive}/{@code curPeak}, the shared step-cost rule step by step. */
    private void apply(Scope sc, long[] set, int o, boolean firstStep) {
        int victim = costs.victim(o);
        long fp = costs.footprint(curLive, o, victim >= 0 && othersScheduled(sc, set, victim, o));
        if (fp > curPeak) {
            curPeak = fp;
        }
        curLive += costs.kept(o);
        Ints in = g.opInputs(o);
        for (int k = 0; k < in.size(); k++) {
            int t = in.get(k);
            boolean dup = false;
            for (int j = 0; j < k && !dup; j++) {
                dup = in.get(j) == t;
            }
            if (!dup && !g.isGraphOutput(t) && othersScheduled(sc, set, t, o)) {
                curLive -= g.bytes(t);
            }
        }
        if (firstStep) {
            curLive -= costs.unreadInputs();
        }
        mark[o] = markId;
    }

    /** Runs {@code ops} from state {@code st}; leaves the result in {@code curLive}/{@code curPeak}. */
    private void applyAll(Scope sc, State st, int[] ops) {
        applyAll(sc, st, ops, Long.MAX_VALUE);
    }

    /** As {@link #applyAll(Scope, State, int[])}, but stops (with {@code curPeak > limit}) once the peak passes it. */
    private void applyAll(Scope sc, State st, int[] ops, long limit) {
        markId++;
        curLive = st.live;
        curPeak = st.peak;
        boolean first = sc.baseEmpty && isEmpty(st.set);
        for (int k = 0; k < ops.length && curPeak <= limit; k++) {
            apply(sc, st.set, ops[k], first && k == 0);
        }
    }

    private State run(Scope sc, long startLive, long startPeak, long budget) {
        int w = words(sc.size);
        SetStateTable<Chunk> layer = new SetStateTable<>(w, 0, true, 1);
        layer.insert(new long[w], startPeak, startLive);
        // a layer of a wide scope holds large sets: bound its states by memory
        long layerBytes = Math.min(MAX_LAYER_BYTES, SetStateTable.memoryBudget() / 2);
        long stateBytes = SetStateTable.bytesPerState(w, 0, true) + CHUNK_BYTES;
        int maxStates = (int) Math.max(1, Math.min(Integer.MAX_VALUE, layerBytes / stateBytes));
        // on wide scopes one state's expansion is costly: poll the deadline at every expansion there
        int pollMask = sc.size > 1024 ? 0 : 255;
        long[] set = new long[w];
        long[] ns = new long[w];
        for (int step = 0; step < sc.size; step++) {
            SetStateTable<Chunk> next = new SetStateTable<>(w, 0, true, Math.min(layer.size() * 2, 1 << 16));
            boolean full = false;
            for (int s = 0; s < layer.size(); s++) {
                if ((++states & pollMask) == 0 && deadline.expired()) {
                    stop = deadline.stopReason().orElse(Status.TIME_LIMIT);
                    return null;
                }
                layer.key(s, set);
                State st = new State(set, layer.peak(s), layer.live(s), layer.payload(s));
                for (int u = 0; u < sc.size; u++) {
                    if (bit(set, u) || !ready(set, sc.preds[u])) {
                        continue;
                    }
                    System.arraycopy(set, 0, ns, 0, w);
                    ns[u >>> 6] |= 1L << u;
                    int old = next.indexOf(ns);
                    if (old < 0 && next.size() >= maxStates) {
                        full = true;
                        continue;
                    }
                    // only a peak within budget and below the state's current best can change anything
                    long limit = old < 0 ? budget : Math.min(budget, next.peak(old) - 1);
                    if (st.peak > limit) {
                        continue;
                    }
                    int[] ops = sc.group[u] >= 0 ? groupOrder(sc, st, sc.group[u], budget) : sc.ops[u];
                    if (stop != null) {
                        return null;
                    }
                    if (ops == null) {
                        continue;
                    }
                    applyAll(sc, st, ops, limit);
                    if (curPeak <= limit) {
                        int i = old;
                        if (i < 0) {
                            i = next.insert(ns, curPeak, curLive);
                        } else {
                            next.improve(i, curPeak);
                            next.setLive(i, curLive);
                        }
                        next.setPayload(i, new Chunk(ops, st.order));
                    }
                }
            }
            if (next.size() == 0) {
                return null;
            }
            if (full && next.size() <= layerCap) {
                truncatedLayers++;
            }
            if (next.size() > layerCap) {
                truncatedLayers++;
                next.keep(layerCap, SetStateTable.Rank.PEAK);
            }
            layer = next;
        }
        layer.key(0, set);
        return new State(set, layer.peak(0), layer.live(0), layer.payload(0));
    }

    private static boolean ready(long[] set, int[] preds) {
        for (int p : preds) {
            if (!bit(set, p)) {
                return false;
            }
        }
        return true;
    }

    /** The order of group {@code gr} when run from state {@code st}, or null when none stays within budget. */
    private int[] groupOrder(Scope parent, State st, int gr, long budget) {
        int[] seqs = h.groups.get(gr);
        int[] groupOps = groupOps(gr);
        markId++;
        // which outside inputs of the group die inside it: all their outside consumers have run
        List<Integer> consumed = consumedTensors(gr);
        long[] kills = new long[words(consumed.size())];
        for (int k = 0; k < consumed.size(); k++) {
            int t = consumed.get(k);
            Ints c = g.consumers(t);
            boolean all = true;
            for (int j = 0; j < c.size() && all; j++) {
                int x = c.get(j);
                all = h.groupOf[h.seqOf[x]] == gr || scheduled(parent, st.set, x);
            }
            if (all) {
                kills[k >>> 6] |= 1L << k;
            }
        }
        boolean first = parent.baseEmpty && isEmpty(st.set);
        GroupKey key = new GroupKey(gr, kills, first);
        Memo m = memo.get(key);
        if (m != null && m.order != null) {
            return m.order;
        }
        applyAll(parent, st, groupOps);
        if (curPeak <= st.peak) {
            return groupOps;
        }
        long relative = budget - st.live;
        if (m != null && relative <= m.failedRelativeBudget) {
            return null;
        }
        long[] base = parent.base.clone();
        for (int u = 0; u < parent.size; u++) {
            if (bit(st.set, u)) {
                int[] ops = parent.group[u] >= 0 ? groupOps(parent.group[u]) : parent.ops[u];
                for (int o : ops) {
                    base[o >>> 6] |= 1L << o;
                }
            }
        }
        List<int[]> unitOps = new ArrayList<>();
        List<Integer> unitGroup = new ArrayList<>();
        int[] unitOfSeq = new int[h.seqOps.length];
        Arrays.fill(unitOfSeq, -1);
        for (int s : seqs) {
            unitOfSeq[s] = unitOps.size();
            unitOps.add(h.seqOps[s]);
            unitGroup.add(-1);
        }
        Scope sc = scope(unitOps, unitGroup, unitOfSeq, base, first);
        State end = run(sc, st.live, 0, budget);
        if (stop != null) {
            return null;
        }
        if (end == null) {
            memo.put(key, new Memo(null, m == null ? relative : Math.max(relative, m.failedRelativeBudget)));
            return null;
        }
        int[] order = flatten(end.order, groupOps.length);
        memo.put(key, new Memo(order, 0));
        return order;
    }

    private final Map<Integer, List<Integer>> consumedCache = new HashMap<>();
    private final Map<Integer, int[]> groupOpsCache = new HashMap<>();

    private int[] groupOps(int gr) {
        return groupOpsCache.computeIfAbsent(gr, h::groupOps);
    }

    /** Tensors read by group {@code gr} that it does not produce, in a fixed order. */
    private List<Integer> consumedTensors(int gr) {
        return consumedCache.computeIfAbsent(gr, k -> {
            List<Integer> ts = new ArrayList<>();
            for (int o : groupOps(gr)) {
                Ints in = g.opInputs(o);
                for (int j = 0; j < in.size(); j++) {
                    int t = in.get(j);
                    int p = g.producer(t);
                    boolean inside = p >= 0 && h.groupOf[h.seqOf[p]] == gr;
                    if (!inside && !ts.contains(t)) {
                        ts.add(t);
                    }
                }
            }
            return ts;
        });
    }
}
