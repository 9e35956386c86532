package io.memsched.arena;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.run.Deadline;
import io.memsched.run.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Order search for the smallest arena by enumeration (small graphs) or local moves (the rest), placing every order
 * with a fast planner and the best few with a strong one.
 *
 * <p>The peak limit is the starting order's peak times {@code 1 + peakTolerance} (rounded down); every order
 * considered is checked and simulated by the shared simulator and kept only when its peak is within the limit.
 * <ol>
 *   <li><b>Start.</b> The starting order is placed by the fast planner; an arena equal to the peak lower bound ends
 *       the search (proven).</li>
 *   <li><b>Enumeration</b>, when the graph has at most {@value #MAX_ENUMERATED_OPS} operators and at most
 *       {@code maxEnumerated} topological orders: every order within
 *       the limit is placed by the fast planner, then, in increasing order of that arena, by the strong planner,
 *       skipping orders whose own lower bound (peak, load) is not below the best arena so far. When every strong
 *       run ends with a proof, the result is the smallest arena of all orders within the limit
 *       ({@link ArenaProof#EXHAUSTIVE}).</li>
 *   <li><b>Local moves</b>, otherwise: up to {@code maxMoves} times, one operator moves to a random position between
 *       its last predecessor and its first successor; an order within the limit is placed by the fast planner and
 *       becomes the current one when its arena is no larger (sideways moves walk plateaus). The
 *       {@code finalists} orders of smallest fast arena are kept.</li>
 *   <li><b>Finalists.</b> Before the moves, the strong planner places the starting order (a third of the time
 *       left); after them, each finalist (an equal share of the rest; ties of the fast arena go to the latest found,
 *       farthest along the walk), skipping those whose lower bound is not below the best arena.</li>
 * </ol>
 * The smallest arena wins (ties: lower peak, then the earlier candidate, the starting order first), so the result
 * is never larger than the strong planner's layout of the starting order, when that ran to its end. An arena equal
 * to the peak lower bound stops every stage at once ({@link ArenaProof#AT_PEAK_BOUND}). The deadline (time limit of
 * {@link Options#arena()}, thread interrupt) is polled before every order; it ends the search with the best found.
 *
 * <p>Time: O(T (n + e + b^2 log b)) for T orders tried (at most the topological orders counted, or
 * {@code maxMoves}), n operators, e edges and b buffers, plus the strong planner's time on at most
 * {@code finalists + 1} orders (every order within the limit when enumerating, less those pruned).
 *
 * @see JointArenaPlanner
 */
public final class LocalArenaOrderSearch implements ArenaOrderSearch {
    /** Most operators of a graph whose orders are counted and enumerated (the enumeration recurses per step). */
    static final int MAX_ENUMERATED_OPS = 400;

    private final Options options;

    /**
     * Options.
     *
     * @param peakTolerance how far above the starting peak an order may go, as a fraction (0: only orders of the
     *     same peak)
     * @param fast planner of every order tried
     * @param strong makes the planner of the finalists from options with the time left
     * @param arena time limit of the whole search, seed of its moves, clock, progress
     * @param finalists orders kept for the strong planner besides the starting one
     * @param maxEnumerated most topological orders enumerated (more: local moves)
     * @param maxMoves most local moves tried
     */
    public record Options(double peakTolerance, ArenaPlanner fast, Function<ArenaOptions, ArenaPlanner> strong,
                          ArenaOptions arena, int finalists, long maxEnumerated, long maxMoves) {
        /** Checks the fields. */
        public Options {
            Objects.requireNonNull(fast, "fast");
            Objects.requireNonNull(strong, "strong");
            Objects.requireNonNull(arena, "arena");
            if (!(peakTolerance >= 0) || Double.isInfinite(peakTolerance)) {
                throw new IllegalArgumentException("peak tolerance must be a fraction of at least 0, was "
                        + peakTolerance);
            }
            if (finalists < 0 || maxEnumerated < 0 || maxMoves < 0) {
                throw new IllegalArgumentException("finalists, maxEnumerated and maxMoves must not be negative, were "
                        + finalists + ", " + maxEnumerated + ", " + maxMoves);
            }
        }

        /**
         * Tolerance 0, greedy by size for every order, the exact canonical search for the finalists, 10 s in all,
         * 4 finalists, up to 5,000 orders enumerated, 3,000 moves.
         */
        public static Options defaults() {
            return new Options(0, new GreedyBySizeArenaPlanner(), CanonicalSearchArenaPlanner::new,
                    ArenaOptions.defaults(), 4, 5_000, 3_000);
        }

        /** A copy with this peak tolerance. */
        public Options withPeakTolerance(double t) {
            return new Options(t, fast, strong, arena, finalists, maxEnumerated, maxMoves);
        }

        /** A copy with these planners. */
        public Options withPlanners(ArenaPlanner f, Function<ArenaOptions, ArenaPlanner> s) {
            return new Options(peakTolerance, f, s, arena, finalists, maxEnumerated, maxMoves);
        }

        /** A copy with these arena options (time limit, seed, clock, progress). */
        public Options withArena(ArenaOptions a) {
            return new Options(peakTolerance, fast, strong, a, finalists, maxEnumerated, maxMoves);
        }

        /** A copy with these limits. */
        public Options withLimits(int finalistCount, long enumerated, long moves) {
            return new Options(peakTolerance, fast, strong, arena, finalistCount, enumerated, moves);
        }
    }

    /** A search with default options. */
    public LocalArenaOrderSearch() {
        this(Options.defaults());
    }

    /** A search with these options. */
    public LocalArenaOrderSearch(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public String name() {
        return "arena-order";
    }

    /** An order with its layout (fast, then strong when planned) and its position among the candidates. */
    private static final class Candidate {
        final int[] order;
        final long seq;
        ArenaPlan plan;
        boolean strong;

        Candidate(int[] order, long seq, ArenaPlan plan) {
            this.order = order;
            this.seq = seq;
            this.plan = plan;
        }

        long arena() {
            return plan.arenaBytes();
        }
    }

    private static final Comparator<Candidate> BETTER = Comparator.comparingLong(Candidate::arena)
            .thenComparingLong(c -> c.plan.peakBytes()).thenComparingLong(c -> c.seq);
    /** Finalists: smallest fast arena, then the latest found (farthest along the walk from the start, for variety). */
    private static final Comparator<Candidate> FINALIST = Comparator.comparingLong(Candidate::arena)
            .thenComparingLong(c -> -c.seq);

    /** The state of one call. */
    private final class Run {
        final Graph graph;
        final MemoryModel model;
        final Deadline deadline;
        final long limit;
        final long bound;
        final Set<Ints> seen = new HashSet<>();
        long tried;
        long planned;
        long seq;
        Candidate best;
        boolean stopped;

        Run(Graph graph, MemoryModel model, Deadline deadline, long limit, long bound) {
            this.graph = graph;
            this.model = model;
            this.deadline = deadline;
            this.limit = limit;
            this.bound = bound;
        }

        /** The candidate for {@code order} placed by the fast planner, or null when seen before or above the limit. */
        Candidate tryOrder(int[] order) {
            if (!seen.add(Ints.of(order))) {
                return null;
            }
            tried++;
            if (MemorySimulator.peak(graph, model, order) > limit) {
                return null;
            }
            planned++;
            Candidate c = new Candidate(order, seq++, options.fast().plan(graph, model, order));
            offer(c);
            return c;
        }

        void offer(Candidate c) {
            if (best == null || BETTER.compare(c, best) < 0) {
                best = c;
                options.arena().progress().incumbent(name(), c.arena(), deadline.elapsedSeconds());
            }
        }

        boolean done() {
            return best != null && best.arena() <= bound;
        }

        boolean expired() {
            if (!stopped && deadline.expired()) {
                stopped = true;
            }
            return stopped;
        }

        /** Places {@code c} with the strong planner within {@code time}; false when the deadline had passed. */
        boolean strengthen(Candidate c, Duration time) {
            if (c.strong || expired()) {
                return !stopped;
            }
            ArenaOptions o = options.arena().withTimeLimit(time.toNanos() < 1_000_000 ? Duration.ofMillis(1) : time);
            ArenaPlan p = options.strong().apply(o).plan(graph, model, c.order);
            c.strong = true;
            if (p.arenaBytes() <= c.arena()) {
                c.plan = p;
            }
            offer(c);
            return true;
        }
    }

    @Override
    public ArenaOrderChoice choose(Graph graph, MemoryModel model, int[] start, long peakLowerBoundBytes) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(model, "model");
        Deadline deadline = options.arena().deadline();
        long startPeak = MemorySimulator.peak(graph, model, start);
        long limit = startPeak + (long) Math.floor(startPeak * options.peakTolerance());
        long bound = Math.min(Math.max(0, peakLowerBoundBytes), startPeak);
        Run run = new Run(graph, model, deadline, limit, bound);
        Candidate first = run.tryOrder(start.clone());
        boolean exhaustive = !run.done() && graph.opCount() <= MAX_ENUMERATED_OPS
                && countOrders(graph, options.maxEnumerated() + 1, deadline) <= options.maxEnumerated()
                && !run.expired();
        boolean allProven = false;
        if (!run.done()) {
            if (exhaustive) {
                deadline.stage("enumerate");
                allProven = enumerate(run, first);
            } else {
                deadline.stage("start");
                if (!first.plan.optimal() && !run.expired()) {
                    run.strengthen(first, Duration.ofNanos(deadline.remaining().toNanos() / 3));
                }
                deadline.stage("moves");
                List<Candidate> finalists = moves(run, first);
                deadline.stage("finalists");
                for (int k = 0; k < finalists.size() && !run.done(); k++) {
                    Candidate c = finalists.get(k);
                    if (c.plan.optimal() || c.plan.lowerBoundBytes() >= run.best.arena()) {
                        continue;
                    }
                    if (!run.strengthen(c, Duration.ofNanos(deadline.remaining().toNanos() / (finalists.size() - k)))) {
                        break;
                    }
                }
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            run.stopped = true; // a strong planner stopped by the interrupt: the search did not end by itself
        }
        Candidate best = run.best;
        long check = MemorySimulator.peak(graph, model, best.order);
        if (check > limit || check != best.plan.peakBytes()) {
            throw new IllegalStateException(name() + " on '" + graph.name() + "': chosen order has peak " + check
                    + ", limit " + limit + ", planned peak " + best.plan.peakBytes());
        }
        ArenaProof proof = best.arena() == bound ? ArenaProof.AT_PEAK_BOUND
                : exhaustive && allProven && !run.stopped ? ArenaProof.EXHAUSTIVE : ArenaProof.NONE;
        Status status = proof != ArenaProof.NONE ? Status.OPTIMAL
                : run.stopped ? deadline.stopReason().orElse(Status.TIME_LIMIT) : Status.FEASIBLE;
        return new ArenaOrderChoice(name(), Ints.of(best.order), best.plan, startPeak, limit, bound, first.arena(),
                proof, status, run.tried, run.planned, exhaustive);
    }

    /**
     * Every topological order within the limit, placed fast, then strongly in increasing order of the fast arena;
     * true when every strong run that could still matter ended with a proof.
     */
    private boolean enumerate(Run run, Candidate first) {
        List<Candidate> all = new ArrayList<>();
        all.add(first);
        Graph g = run.graph;
        int n = g.opCount();
        int[] indeg = new int[n];
        for (int i = 0; i < n; i++) {
            indeg[i] = g.predecessors(i).size();
        }
        forEachOrder(g, indeg, new int[n], 0, new boolean[n], order -> {
            if (run.expired()) {
                return false;
            }
            Candidate c = run.tryOrder(order.clone());
            if (c != null) {
                all.add(c);
            }
            return true;
        });
        all.sort(BETTER);
        boolean proven = !run.stopped;
        for (Candidate c : all) {
            if (run.done()) {
                break;
            }
            if (c.plan.optimal() || c.plan.lowerBoundBytes() >= run.best.arena()) {
                continue; // no layout of this order is smaller than its own, or than the best arena
            }
            if (!run.strengthen(c, run.deadline.remaining())) {
                return false;
            }
            proven &= c.plan.optimal();
        }
        return proven && !run.stopped;
    }

    /** Local moves from the starting order; the best distinct orders found (not the start), best first. */
    private List<Candidate> moves(Run run, Candidate first) {
        Graph g = run.graph;
        int n = g.opCount();
        SplittableRandom rnd = new SplittableRandom(options.arena().seed());
        int[] cur = first.order.clone();
        long curArena = first.arena();
        int[] pos = new int[n];
        for (int k = 0; k < n; k++) {
            pos[cur[k]] = k;
        }
        List<Candidate> kept = new ArrayList<>();
        for (long m = 0; m < options.maxMoves() && n > 1 && !run.done() && !run.expired(); m++) {
            int i = rnd.nextInt(n);
            int op = cur[i];
            int lo = 0;
            int hi = n - 1;
            Ints pred = g.predecessors(op);
            for (int j = 0; j < pred.size(); j++) {
                lo = Math.max(lo, pos[pred.get(j)] + 1);
            }
            Ints succ = g.successors(op);
            for (int j = 0; j < succ.size(); j++) {
                hi = Math.min(hi, pos[succ.get(j)] - 1);
            }
            if (hi <= lo) {
                continue;
            }
            int to = lo + rnd.nextInt(hi - lo);
            if (to >= i) {
                to++;
            }
            int[] next = moved(cur, i, to);
            Candidate c = run.tryOrder(next);
            if (c == null) {
                continue;
            }
            keep(kept, c);
            if (c.arena() <= curArena) {
                cur = next;
                curArena = c.arena();
                for (int k = Math.min(i, to); k <= Math.max(i, to); k++) {
                    pos[cur[k]] = k;
                }
            }
        }
        return kept;
    }

    /** Keeps the {@code finalists} best candidates in {@code kept}, best first. */
    private void keep(List<Candidate> kept, Candidate c) {
        int at = 0;
        while (at < kept.size() && FINALIST.compare(kept.get(at), c) <= 0) {
            at++;
        }
        if (at < options.finalists()) {
            kept.add(at, c);
            if (kept.size() > options.finalists()) {
                kept.remove(kept.size() - 1);
            }
        }
    }

    /** {@code order} with the operator at position {@code from} moved to position {@code to}. */
    static int[] moved(int[] order, int from, int to) {
        int[] next = order.clone();
        int op = next[from];
        if (from < to) {
            System.arraycopy(next, from + 1, next, from, to - from);
        } else {
            System.arraycopy(next, to, next, to + 1, from - to);
        }
        next[to] = op;
        return next;
    }

    /** The number of topological orders of {@code graph}, counted up to {@code cap} or until the deadline. */
    static long countOrders(Graph graph, long cap, Deadline deadline) {
        int n = graph.opCount();
        int[] indeg = new int[n];
        for (int i = 0; i < n; i++) {
            indeg[i] = graph.predecessors(i).size();
        }
        long[] count = {0};
        forEachOrder(graph, indeg, new int[n], 0, new boolean[n], order -> ++count[0] < cap && !deadline.expired());
        return count[0];
    }

    /** A visitor of orders: false stops the enumeration. */
    private interface OrderVisitor {
        boolean visit(int[] order);
    }

    /** Depth-first over the ready operators; false when the visitor stopped it. */
    private static boolean forEachOrder(Graph g, int[] indeg, int[] prefix, int k, boolean[] done, OrderVisitor v) {
        int n = g.opCount();
        if (k == n) {
            return v.visit(prefix);
        }
        for (int i = 0; i < n; i++) {
            if (done[i] || indeg[i] != 0) {
                continue;
            }
            done[i] = true;
            prefix[k] = i;
            Ints s = g.successors(i);
            for (int j = 0; j < s.size(); j++) {
                indeg[s.get(j)]--;
            }
            boolean go = forEachOrder(g, indeg, prefix, k + 1, done, v);
            for (int j = 0; j < s.size(); j++) {
                indeg[s.get(j)]++;
            }
            done[i] = false;
            if (!go) {
                return false;
            }
        }
        return true;
    }
}
