package io.memsched.schedule.ilp;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.memory.StepCosts;
import io.memsched.run.Deadline;
import io.memsched.run.Status;
import io.memsched.schedule.TopologicalOrders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The time-indexed integer program of peak-memory scheduling, with topology-aware pruning.
 *
 * <p><b>Formulation</b> (n operators, steps t = 0..n-1), in the cumulative form: binary {@code z[i][t]} = "operator
 * i has run by step t" (so i runs at t iff {@code x[i][t] = z[i][t] - z[i][t-1] = 1}), an integer {@code peak}, and
 * <ul>
 *   <li>one operator per step: {@code sum_i z[i][t] = t + 1}; each once: {@code z[i][t-1] <= z[i][t]},
 *       {@code z[i][n-1] = 1};</li>
 *   <li>precedence: {@code z[i][t] <= z[p][t-1]} for every predecessor p of i (inputs are live when consumed);</li>
 *   <li>liveness: a tensor u produced by p occupies memory at step t iff p has run by t and some consumer c has not
 *       run before t: with one consumer that is exactly {@code z[p][t] - z[c][t-1]} (no variable needed); with
 *       several, a binary {@code a[u][t] >= z[p][t] - z[c][t-1]} for each c (minimisation keeps it tight); graph
 *       outputs occupy {@code z[p][t]}; unread non-outputs only {@code x[p][t]};</li>
 *   <li>in-place (when the model has it): a binary {@code r[i][t] <= x[i][t]}, {@code r[i][t] <= z[c][t-1]} for the
 *       other consumers c of i's victim input, subtracting i's output size at that step (no variable when the
 *       victim has no other consumer);</li>
 *   <li>memory: {@code sum_u size(u) occ(u,t) + sum_i ws(i) x[i][t] - sum_i size(out i) r[i][t] <= peak} for every
 *       t; minimise {@code peak}, with {@code lower <= peak <= upper} (the upper bound from a heuristic).</li>
 * </ul>
 * Sizes are divided by their greatest common divisor ({@link #scale()}), which keeps coefficients small.
 *
 * <p><b>Pruning.</b> Operator i can only run in its window [|anc(i)|, n-1-|desc(i)|]: {@code z[i][t]} is the
 * constant 0 before it and 1 from its end on. A tensor can only occupy memory from the earliest step its producer can
 * run to the latest step a consumer can run, and must occupy it from the latest step its producer can run to the
 * earliest step some consumer can run: there its occupancy is the constant 1. {@link #stats()} gives the counts
 * before pruning (the same formulation with a variable for every operator or tensor at every step) and after.
 *
 * <p>Reference: S. Zhong, M. Li, Y. Liang, R. Wang, R. Huang, "Memory-aware Scheduling for Complex Wired Networks
 * with Iterative Graph Optimization", ICCAD 2023 (arXiv 2308.13898); the cumulative variables follow the usual
 * "step" formulation of time-indexed scheduling. Building costs O(n^2 + n e) time and memory.
 *
 * <p><b>Building under a deadline.</b> {@link #build(Graph, MemoryModel, long, long, Deadline, long)} polls the
 * deadline once per operator, step or tensor of every construction loop (each poll follows at most O(n e) work) and
 * gives up as soon as it says stop; with a cap on the variables it first counts them (without building a row) and
 * gives up at once on a program above it: a large graph's program costs a cold JVM seconds, which a short limit
 * cannot afford and an oversized program would waste.
 */
public final class TimeIndexedModel {
    static final int KIND_Z = 0;
    static final int KIND_A = 1;
    static final int KIND_R = 2;
    static final int KIND_PEAK = 3;

    private final Graph graph;
    private final MemoryModel memoryModel;
    private final StepCosts costs;
    private final int n;
    private final int[] earliest;
    private final int[] latest;
    private final int[] zBase;
    private final long scale;
    private final List<LinearRow> rows = new ArrayList<>();
    private final IntList kind = new IntList();
    private final IntList owner = new IntList();
    private final IntList step = new IntList();
    private final int peakVar;
    private final long peakLower;
    private final long peakUpper;
    private long fixedLive;
    private final Stats stats;
    private final Deadline deadline;
    private final long maxVariables;

    /**
     * Counts of the program.
     *
     * @param operators operators of the graph
     * @param variables variables after pruning
     * @param unprunedVariables variables of the same formulation without pruning
     * @param constraints constraints after pruning
     * @param unprunedConstraints constraints without pruning
     * @param fixedLiveness tensor-step pairs fixed live by pruning
     */
    public record Stats(int operators, long variables, long unprunedVariables, long constraints,
                        long unprunedConstraints, long fixedLiveness) {
    }

    /**
     * How a build under a deadline ended: with the program, stopped by the deadline, or abandoned because the
     * program grew past the variable cap.
     *
     * @param model the program, when the build finished
     * @param stopped why the deadline stopped the build ({@link Status#TIME_LIMIT} or {@link Status#INTERRUPTED}),
     *     empty when it did not
     * @param variables variables created when the build ended (all the program's when it was too large)
     * @param constraints rows created when the build ended
     */
    public record Build(Optional<TimeIndexedModel> model, Optional<Status> stopped, long variables,
                        long constraints) {
        /** Checks the fields: exactly one of a model, a stop or "too large". */
        public Build {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(stopped, "stopped");
            if (model.isPresent() && stopped.isPresent()) {
                throw new IllegalArgumentException("a finished build cannot have been stopped");
            }
        }

        /** Whether the build was abandoned because the program had more variables than the cap. */
        public boolean tooLarge() {
            return model.isEmpty() && stopped.isEmpty();
        }
    }

    /**
     * Ends a build from deep inside its loops (never escapes {@link #build(Graph, MemoryModel, long, long, Deadline,
     * long)}): {@code why} is the deadline's reason, null when the variable cap was hit.
     */
    private static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Status why;
        private final long variables;
        private final long rows;

        Abandoned(Status why, long variables, long rows) {
            super(null, null, false, false);
            this.why = why;
            this.variables = variables;
            this.rows = rows;
        }
    }

    private TimeIndexedModel(Graph graph, MemoryModel model, long lowerBytes, long upperBytes, Deadline deadline,
                             long maxVariables) {
        this.deadline = deadline;
        this.maxVariables = maxVariables;
        this.graph = graph;
        this.memoryModel = model;
        this.costs = StepCosts.of(graph, model);
        this.n = graph.opCount();
        this.scale = gcdOfSizes(costs);
        earliest = new int[n];
        latest = new int[n];
        windows(graph, earliest, latest);
        zBase = new int[n];
        for (int i = 0; i < n; i++) {
            poll();
            zBase[i] = kind.size();
            for (int t = earliest[i]; t < latest[i]; t++) {
                addVar(KIND_Z, i, t);
            }
        }
        peakLower = ceilDiv(lowerBytes, scale);
        peakUpper = upperBytes / scale;
        peakVar = addVar(KIND_PEAK, -1, -1);
        if (maxVariables < Long.MAX_VALUE) {
            long all = kind.size() + memoryVariables();
            if (all > maxVariables) {
                throw new Abandoned(null, all, 0); // too large: known before a single row is built
            }
        }
        buildStructure();
        buildMemory();
        stats = new Stats(n, kind.size(), unprunedVariables(), rows.size(), unprunedConstraints(), fixedLive);
    }

    /**
     * The program for {@code graph} under {@code model}, with {@code lowerBytes <= peak <= upperBytes}.
     *
     * @throws IllegalArgumentException if the bounds are inverted
     */
    public static TimeIndexedModel build(Graph graph, MemoryModel model, long lowerBytes, long upperBytes) {
        return build(graph, model, lowerBytes, upperBytes, Deadline.after(Duration.ofDays(365)), Long.MAX_VALUE)
                .model().orElseThrow();
    }

    /**
     * The program as {@link #build(Graph, MemoryModel, long, long)} builds it, but polling {@code deadline} once per
     * operator, step or tensor of each construction loop and giving up at the first poll that says stop, or, before
     * building any row, when the program would have more than {@code maxVariables} variables (pass
     * {@code Long.MAX_VALUE} for no cap: then they are not counted first).
     *
     * @throws IllegalArgumentException if the bounds are inverted or {@code maxVariables} is not positive
     */
    public static Build build(Graph graph, MemoryModel model, long lowerBytes, long upperBytes, Deadline deadline,
                              long maxVariables) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(deadline, "deadline");
        if (lowerBytes > upperBytes) {
            throw new IllegalArgumentException("graph '" + graph.name() + "': lower bound " + lowerBytes
                    + " exceeds upper bound " + upperBytes);
        }
        if (maxVariables < 1) {
            throw new IllegalArgumentException("maxVariables must be positive, was " + maxVariables);
        }
        try {
            TimeIndexedModel m = new TimeIndexedModel(graph, model, lowerBytes, upperBytes, deadline, maxVariables);
            return new Build(Optional.of(m), Optional.empty(), m.stats.variables(), m.stats.constraints());
        } catch (Abandoned a) {
            return new Build(Optional.empty(), Optional.ofNullable(a.why), a.variables, a.rows);
        }
    }

    /** The graph. */
    public Graph graph() {
        return graph;
    }

    /** The memory model. */
    public MemoryModel memoryModel() {
        return memoryModel;
    }

    /** Bytes per unit of the program's sizes (the gcd of all sizes). */
    public long scale() {
        return scale;
    }

    /** Variable and constraint counts, before and after pruning. */
    public Stats stats() {
        return stats;
    }

    /** The earliest step operator {@code i} can run at: |ancestors(i)|. */
    public int earliest(int i) {
        return earliest[i];
    }

    /** The latest step operator {@code i} can run at: n - 1 - |descendants(i)|. */
    public int latest(int i) {
        return latest[i];
    }

    int variableCount() {
        return kind.size();
    }

    int kind(int v) {
        return kind.get(v);
    }

    int peakVar() {
        return peakVar;
    }

    long lowerBound(int v) {
        return v == peakVar ? peakLower : 0;
    }

    long upperBound(int v) {
        return v == peakVar ? peakUpper : 1;
    }

    List<LinearRow> rows() {
        return rows;
    }

    /** Values of every variable for a valid order (a complete solution hint). */
    long[] valuesOf(int[] order) {
        int[] pos = new int[n];
        for (int k = 0; k < order.length; k++) {
            pos[order[k]] = k;
        }
        long[] v = new long[kind.size()];
        for (int k = 0; k < v.length; k++) {
            int i = owner.get(k);
            int t = step.get(k);
            switch (kind.get(k)) {
                case KIND_Z -> v[k] = pos[i] <= t ? 1 : 0;
                case KIND_A -> v[k] = occupies(i, t, pos) ? 1 : 0;
                case KIND_R -> v[k] = reuses(i, t, pos) ? 1 : 0;
                default -> v[k] = Math.max(peakLower, MemorySimulator.peak(graph, memoryModel, order) / scale);
            }
        }
        return v;
    }

    /** The order a solution encodes: operators by the first step their {@code z} is 1. */
    int[] decode(java.util.function.IntToLongFunction value) {
        Integer[] ops = new Integer[n];
        int[] at = new int[n];
        for (int i = 0; i < n; i++) {
            ops[i] = i;
            int t = earliest[i];
            while (t < latest[i] && value.applyAsLong(zBase[i] + t - earliest[i]) == 0) {
                t++;
            }
            at[i] = t;
        }
        Arrays.sort(ops, (a, b) -> at[a] != at[b] ? Integer.compare(at[a], at[b]) : Integer.compare(a, b));
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = ops[k];
        }
        return order;
    }

    private boolean occupies(int u, int t, int[] pos) {
        int p = graph.producer(u);
        if (p >= 0 && pos[p] > t) {
            return false;
        }
        Ints c = graph.consumers(u);
        for (int k = 0; k < c.size(); k++) {
            if (pos[c.get(k)] >= t) {
                return true;
            }
        }
        return false;
    }

    private boolean reuses(int i, int t, int[] pos) {
        if (pos[i] != t) {
            return false;
        }
        int v = costs.victim(i);
        Ints c = graph.consumers(v);
        for (int k = 0; k < c.size(); k++) {
            if (c.get(k) != i && pos[c.get(k)] >= t) {
                return false;
            }
        }
        return true;
    }

    // ---- construction -------------------------------------------------------------------------------------------

    /** Asks the deadline whether to go on; abandons the build when it says stop. */
    private void poll() {
        Optional<Status> stop = deadline.stopReason();
        if (stop.isPresent()) {
            throw new Abandoned(stop.get(), kind.size(), rows.size());
        }
    }

    private int addVar(int k, int who, int t) {
        if (kind.size() >= maxVariables) {
            throw new Abandoned(null, kind.size() + 1L, rows.size());
        }
        kind.add(k);
        owner.add(who);
        step.add(t);
        return kind.size() - 1;
    }

    /** Adds {@code coef * z[i][t]} to {@code e}: a constant outside the window, a variable inside. */
    private void addZ(Expr e, long coef, int i, int t) {
        if (i < 0) {
            e.constant += coef; // graph input: present from the start
        } else if (t < earliest[i]) {
            return;
        } else if (t >= latest[i]) {
            e.constant += coef;
        } else {
            e.add(zBase[i] + t - earliest[i], coef);
        }
    }

    private boolean zIsOne(int i, int t) {
        return i < 0 || t >= latest[i];
    }

    private boolean zIsZero(int i, int t) {
        return i >= 0 && t < earliest[i];
    }

    private void buildStructure() {
        for (int t = 0; t < n; t++) {
            poll();
            Expr e = new Expr();
            for (int i = 0; i < n; i++) {
                addZ(e, 1, i, t);
            }
            row(e, t + 1, t + 1);
        }
        for (int i = 0; i < n; i++) {
            poll();
            for (int t = earliest[i] + 1; t < latest[i]; t++) {
                Expr e = new Expr();
                addZ(e, 1, i, t);
                addZ(e, -1, i, t - 1);
                row(e, 0, Long.MAX_VALUE);
            }
            Ints p = graph.predecessors(i);
            for (int k = 0; k < p.size(); k++) {
                for (int t = earliest[i]; t < latest[i]; t++) {
                    if (zIsOne(p.get(k), t - 1)) {
                        continue;
                    }
                    Expr e = new Expr();
                    addZ(e, 1, p.get(k), t - 1);
                    addZ(e, -1, i, t);
                    row(e, 0, Long.MAX_VALUE);
                }
            }
        }
    }

    private void buildMemory() {
        Expr[] mem = new Expr[n];
        for (int t = 0; t < n; t++) {
            mem[t] = new Expr();
        }
        for (int u = 0; u < graph.tensorCount(); u++) {
            poll();
            long size = graph.bytes(u) / scale;
            if (size == 0) {
                continue;
            }
            int p = graph.producer(u);
            Ints c = graph.consumers(u);
            if (graph.isGraphOutput(u)) {
                for (int t = 0; t < n; t++) {
                    addZ(mem[t], size, p, t);
                }
            } else if (c.isEmpty()) {
                if (p < 0) {
                    mem[0].constant += size;
                } else {
                    for (int t = earliest[p]; t <= latest[p]; t++) {
                        addZ(mem[t], size, p, t);
                        addZ(mem[t], -size, p, t - 1);
                    }
                }
            } else if (c.size() == 1) {
                int cons = c.get(0);
                for (int t = p < 0 ? 0 : earliest[p]; t <= Math.min(n - 1, latest[cons]); t++) {
                    if (zIsOne(p, t) && zIsZero(cons, t - 1)) {
                        fixedLive++;
                    }
                    addZ(mem[t], size, p, t);
                    addZ(mem[t], -size, cons, t - 1);
                }
            } else {
                multiConsumer(u, p, c, size, mem);
            }
        }
        for (int i = 0; i < n; i++) {
            poll();
            long ws = costs.workspace(i) / scale;
            if (ws > 0) {
                for (int t = earliest[i]; t <= latest[i]; t++) {
                    addZ(mem[t], ws, i, t);
                    addZ(mem[t], -ws, i, t - 1);
                }
            }
            if (memoryModel.inplace()) {
                inplace(i, mem);
            }
        }
        for (int t = 0; t < n; t++) {
            mem[t].add(peakVar, -1);
            row(mem[t], Long.MIN_VALUE, 0);
        }
    }

    /** {@link #liveness}: the tensor is live at the step whatever the order (a constant). */
    private static final int LIVE_FIXED = -1;
    /** {@link #liveness}: every consumer has run before the step. */
    private static final int LIVE_DEAD = -2;
    /** {@link #liveness}: its occupancy needs a variable {@code a[u][t]}. */
    private static final int LIVE_VARIABLE = -3;
    /** {@link #reuse}: another consumer of the victim surely runs later. */
    private static final int REUSE_IMPOSSIBLE = 0;
    /** {@link #reuse}: every other consumer of the victim has surely run. */
    private static final int REUSE_CERTAIN = 1;
    /** {@link #reuse}: the reuse needs a variable {@code r[i][t]}. */
    private static final int REUSE_VARIABLE = 2;

    /** The last step at which a tensor with consumers {@code c} can be live. */
    private int lastStep(Ints c) {
        int last = 0;
        for (int k = 0; k < c.size(); k++) {
            last = Math.max(last, latest[c.get(k)]);
        }
        return Math.min(n - 1, last);
    }

    /**
     * How a tensor with producer {@code p} and several consumers {@code c} occupies memory at step {@code t}:
     * {@link #LIVE_FIXED}, {@link #LIVE_DEAD}, {@link #LIVE_VARIABLE}, or the one consumer that may not have run
     * (then the occupancy is {@code z[p][t] - z[only][t-1]}).
     */
    private int liveness(int p, Ints c, int t) {
        boolean fixed = false;
        int open = 0;
        int only = -1;
        for (int k = 0; k < c.size(); k++) {
            if (zIsZero(c.get(k), t - 1)) {
                fixed = true;
            } else if (!zIsOne(c.get(k), t - 1)) {
                open++;
                only = c.get(k);
            }
        }
        if (fixed && zIsOne(p, t)) {
            return LIVE_FIXED;
        }
        if (!fixed && open == 0) {
            return LIVE_DEAD;
        }
        return !fixed && open == 1 ? only : LIVE_VARIABLE;
    }

    /**
     * Whether operator {@code i} running at step {@code t} overwrites its victim (whose consumers are {@code c}):
     * {@link #REUSE_IMPOSSIBLE}, {@link #REUSE_CERTAIN} or {@link #REUSE_VARIABLE}.
     */
    private int reuse(int i, Ints c, int t) {
        boolean certain = true;
        for (int k = 0; k < c.size(); k++) {
            int o = c.get(k);
            if (o == i) {
                continue;
            }
            if (zIsZero(o, t - 1)) {
                return REUSE_IMPOSSIBLE;
            } else if (!zIsOne(o, t - 1)) {
                certain = false;
            }
        }
        return certain ? REUSE_CERTAIN : REUSE_VARIABLE;
    }

    /**
     * The variables {@link #buildMemory()} will add ({@code a} and {@code r}), counted with its own decisions but
     * without building a row: O(sum of window widths times consumers), far below the build's cost.
     */
    private long memoryVariables() {
        long count = 0;
        for (int u = 0; u < graph.tensorCount(); u++) {
            poll();
            Ints c = graph.consumers(u);
            if (graph.bytes(u) / scale == 0 || graph.isGraphOutput(u) || c.size() < 2) {
                continue;
            }
            int p = graph.producer(u);
            int last = lastStep(c);
            for (int t = p < 0 ? 0 : earliest[p]; t <= last; t++) {
                if (liveness(p, c, t) == LIVE_VARIABLE) {
                    count++;
                }
            }
        }
        for (int i = 0; memoryModel.inplace() && i < n; i++) {
            int v = costs.victim(i);
            if (v < 0 || costs.saving(i) / scale == 0) {
                continue;
            }
            Ints c = graph.consumers(v);
            for (int t = earliest[i]; t <= latest[i]; t++) {
                if (reuse(i, c, t) == REUSE_VARIABLE) {
                    count++;
                }
            }
        }
        return count;
    }

    private void multiConsumer(int u, int p, Ints c, long size, Expr[] mem) {
        int last = lastStep(c);
        for (int t = p < 0 ? 0 : earliest[p]; t <= last; t++) {
            int live = liveness(p, c, t);
            if (live == LIVE_FIXED) {
                fixedLive++;
                mem[t].constant += size;
                continue;
            }
            if (live == LIVE_DEAD) {
                continue; // every consumer has run before t
            }
            if (live >= 0) {
                addZ(mem[t], size, p, t);
                addZ(mem[t], -size, live, t - 1);
                continue;
            }
            int a = addVar(KIND_A, u, t);
            for (int k = 0; k < c.size(); k++) {
                if (zIsOne(c.get(k), t - 1)) {
                    continue;
                }
                Expr e = new Expr();
                e.add(a, 1);
                addZ(e, -1, p, t);
                addZ(e, 1, c.get(k), t - 1);
                row(e, 0, Long.MAX_VALUE);
            }
            mem[t].add(a, size);
        }
    }

    private void inplace(int i, Expr[] mem) {
        int v = costs.victim(i);
        if (v < 0) {
            return;
        }
        long size = costs.saving(i) / scale;
        if (size == 0) {
            return;
        }
        Ints c = graph.consumers(v);
        for (int t = earliest[i]; t <= latest[i]; t++) {
            int reuse = reuse(i, c, t);
            if (reuse == REUSE_IMPOSSIBLE) {
                continue;
            }
            if (reuse == REUSE_CERTAIN) {
                addZ(mem[t], -size, i, t);
                addZ(mem[t], size, i, t - 1);
                continue;
            }
            int r = addVar(KIND_R, i, t);
            Expr e = new Expr();
            e.add(r, -1);
            addZ(e, 1, i, t);
            addZ(e, -1, i, t - 1);
            row(e, 0, Long.MAX_VALUE);
            for (int k = 0; k < c.size(); k++) {
                int o = c.get(k);
                if (o == i || zIsOne(o, t - 1)) {
                    continue;
                }
                Expr f = new Expr();
                f.add(r, -1);
                addZ(f, 1, o, t - 1);
                row(f, 0, Long.MAX_VALUE);
            }
            mem[t].add(r, -size);
        }
    }

    private void row(Expr e, long lo, long hi) {
        long l = lo == Long.MIN_VALUE ? lo : lo - e.constant;
        long h = hi == Long.MAX_VALUE ? hi : hi - e.constant;
        if (e.size == 0) {
            if (l > 0 || h < 0) {
                throw new IllegalStateException("graph '" + graph.name() + "': pruning made the program infeasible");
            }
            return;
        }
        int m = 0;
        int[] vs = new int[e.size];
        long[] cs = new long[e.size];
        for (int k = 0; k < e.size; k++) {
            if (e.coefs[k] != 0) {
                vs[m] = e.vars[k];
                cs[m++] = e.coefs[k];
            }
        }
        if (m == 0) {
            if (l > 0 || h < 0) {
                throw new IllegalStateException("graph '" + graph.name() + "': pruning made the program infeasible");
            }
            return;
        }
        rows.add(new LinearRow(Arrays.copyOf(vs, m), Arrays.copyOf(cs, m), l, h));
    }

    /**
     * The number of step variables {@code z} the pruned program of {@code graph} has, sum over operators of their
     * window widths: a cheap size check (O(n^2 / 64)) before building the program.
     */
    public static long stepVariables(Graph graph) {
        int n = graph.opCount();
        int[] e = new int[n];
        int[] l = new int[n];
        windows(graph, e, l);
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += l[i] - e[i];
        }
        return s;
    }

    private static void windows(Graph graph, int[] earliest, int[] latest) {
        int n = graph.opCount();
        int[] topo = graph.topologicalOrder().toArray();
        BitSet[] anc = TopologicalOrders.closure(graph, topo, false);
        BitSet[] desc = TopologicalOrders.closure(graph, topo, true);
        for (int i = 0; i < n; i++) {
            earliest[i] = anc[i].cardinality();
            latest[i] = n - 1 - desc[i].cardinality();
        }
    }

    private long unprunedVariables() {
        long inplaceOps = 0;
        for (int i = 0; i < n; i++) {
            if (memoryModel.inplace() && StepCosts.inplaceCandidate(graph, i) >= 0) {
                inplaceOps++;
            }
        }
        return (long) n * n + (long) graph.tensorCount() * n + inplaceOps * n + 1;
    }

    private long unprunedConstraints() {
        long edges = 0;
        long incidences = 0;
        for (int i = 0; i < n; i++) {
            edges += graph.predecessors(i).size();
        }
        for (int u = 0; u < graph.tensorCount(); u++) {
            incidences += graph.consumers(u).size();
        }
        return (long) n * (2 + n + edges + incidences);
    }

    private static long gcdOfSizes(StepCosts costs) {
        Graph g = costs.graph();
        long d = 0;
        for (int u = 0; u < g.tensorCount(); u++) {
            d = gcd(d, g.bytes(u));
        }
        for (int i = 0; i < g.opCount(); i++) {
            d = gcd(d, costs.workspace(i));
        }
        return d == 0 ? 1 : d;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** A growing linear expression with a constant. */
    private static final class Expr {
        int[] vars = new int[4];
        long[] coefs = new long[4];
        int size;
        long constant;
        java.util.HashMap<Integer, Integer> index;

        void add(int v, long c) {
            if (index != null) {
                Integer k = index.get(v);
                if (k != null) {
                    coefs[k] += c;
                    return;
                }
                index.put(v, size);
            } else {
                for (int k = 0; k < size; k++) {
                    if (vars[k] == v) {
                        coefs[k] += c;
                        return;
                    }
                }
                if (size >= 16) {
                    index = new java.util.HashMap<>();
                    for (int k = 0; k < size; k++) {
                        index.put(vars[k], k);
                    }
                    index.put(v, size);
                }
            }
            if (size == vars.length) {
                vars = Arrays.copyOf(vars, size * 2);
                coefs = Arrays.copyOf(coefs, size * 2);
            }
            vars[size] = v;
            coefs[size++] = c;
        }
    }

    /** A growing int list. */
    private static final class IntList {
        int[] a = new int[64];
        int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        int get(int k) {
            return a[k];
        }

        int size() {
            return size;
        }
    }
}
