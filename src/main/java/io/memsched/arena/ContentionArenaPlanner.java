package io.memsched.arena;

import io.memsched.run.Deadline;
import io.memsched.run.Status;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * The heuristic for large problems (tens of thousands of buffers), of the class of TelaMalloc and idealloc:
 * contention-guided placement, then local repair at the peak.
 * <ol>
 *   <li>Several one-pass layouts, each buffer at the lowest offset where it fits among the buffers placed before it
 *       that are alive with it (or into the smallest gap that holds it): by contention (the buffers of the most
 *       loaded steps first, each buffer ranked by the largest load of its lifetime, then by size), by size (exactly
 *       {@link GreedyBySizeArenaPlanner}'s layout) and in allocation order by best fit (exactly
 *       {@link BestFitArenaPlanner}'s). The lowest is kept.</li>
 *   <li>{@link SkylineSearch} from the load bound with three static ranks (contention first, area first, lifetime
 *       first): canonical lowest-offset-first placement with look-ahead and bounded backtracking; a layout at the
 *       load bound ends the plan here.</li>
 *   <li>Otherwise, from the best one-pass layout: squeaky wheel (small problems), compaction (every buffer, in order
 *       of offset, drops to the lowest offset where it fits, never higher), then {@link PeakRepair}: buffers at the
 *       top are lifted out with the highest of their neighbours and dropped back in another order, while that lowers
 *       the top or the number of buffers at it; three walks from the same start with different seeds, the lowest
 *       kept.</li>
 *   <li>The lower of that and the skyline layout is kept, and one more repair walk starts from the skyline
 *       layout.</li>
 * </ol>
 * The result is never higher than the {@code greedy} layout of the same problem (the first pass), nor than the
 * {@code bestfit} one unless the time limit ends the run after the first pass, and never below the load bound (no
 * layout is). Neighbour lists come from one sweep ({@link Interference}), so a pass costs
 * O(e log k) for e overlapping pairs and k neighbours per buffer instead of the one-pass planners' O(b^2); a problem
 * with more than {@value #MAX_PAIRS} overlapping pairs gets the greedy layout. Deterministic for a seed
 * ({@link ArenaOptions#seed()}) when it ends by itself; the time limit and an interrupt stop the repair with the best
 * layout so far (status {@link ArenaStatus#TIME_LIMIT} or {@link ArenaStatus#INTERRUPTED}).
 *
 * <p>References (ideas, independent implementation): M. Maas, U. Beaugnon, A. Chauhan, B. Ilbeyi, "TelaMalloc:
 * Efficient On-Chip Memory Allocation for Production Machine Learning Accelerators", ASPLOS 2023 (placement guided by
 * contention, filling the skyline from its lowest point, backtracking when stuck); C. Lamprakos et al., "idealloc"
 * (arXiv 2504.04874: placement then squeezing every buffer down in offset order); M. Moffitt, "MiniMalloc"
 * (ASPLOS 2023: canonical solutions, inference and dominance, which {@link SkylineSearch} runs at scale).
 *
 * @see CanonicalSearchArenaPlanner
 */
public final class ContentionArenaPlanner implements ArenaPlanner {
    /** Largest interference graph built (overlapping pairs): about 320 MB of adjacency arrays. */
    public static final long MAX_PAIRS = 40_000_000L;
    /** Repair walks from the same start with different seeds (the walk is sensitive to its seed); the best is kept. */
    private static final int REPAIRS = 3;
    /** Moves of the repair per buffer, at most. */
    private static final long MOVES_PER_BUFFER = 4;
    /** The repair stops after this many moves in a row without progress. */
    private static final long PATIENCE = 20_000;
    /** Work budget of the squeaky-wheel passes: neighbour visits. */
    private static final long SQUEAKY_VISITS = 10_000_000L;
    /** Fewest squeaky-wheel passes worth running (fewer fit the budget on large problems: skipped). */
    private static final long SQUEAKY_MIN_PASSES = 50;
    /** Squeaky-wheel passes, at most. */
    private static final long SQUEAKY_PASSES = 500;

    /** Static ranks of the skyline search ({@link #skylineRank}). */
    private static final int SKYLINE_RANKS = 3;
    /** Candidates the skyline search tries at a step. */
    private static final int SKYLINE_TRIES = 16;
    /** Failed steps in a row after which the skyline search forces progress. */
    private static final long SKYLINE_BACKTRACKS = 1000;

    private final ArenaOptions options;

    /** A planner with default options (10 s, seed 0, no capacity). */
    public ContentionArenaPlanner() {
        this(ArenaOptions.defaults());
    }

    /** A planner with these options (time limit, seed, clock; the capacity is only reported). */
    public ContentionArenaPlanner(ArenaOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public String name() {
        return "contention";
    }

    @Override
    public ArenaPlan plan(ArenaProblem problem) {
        Deadline deadline = options.deadline();
        Interference g = Interference.of(problem, MAX_PAIRS);
        if (g == null) {
            ArenaPlan greedy = new GreedyBySizeArenaPlanner(options).plan(problem);
            return done(problem, greedy.offsets().stream().mapToLong(Long::longValue).toArray(),
                    ArenaStatus.FEASIBLE, deadline);
        }
        OffsetFit fit = new OffsetFit(g);
        long[] contention = g.contention();
        List<ArenaProblem.Buffer> bs = problem.buffers();
        ToLongFunction<ArenaProblem.Buffer> length = b -> b.lastStep() - (long) b.firstStep();
        long[] best = null;
        int[] bestOrder = null;
        long bestHeight = Long.MAX_VALUE;
        Comparator<ArenaProblem.Buffer> bySize = Comparator.comparingLong(ArenaProblem.Buffer::bytes).reversed();
        List<Pass> passes = List.of(
                new Pass(bySize.thenComparingInt(ArenaProblem.Buffer::firstStep), false), // greedy's layout
                new Pass(Comparator.comparingInt(ArenaProblem.Buffer::firstStep).thenComparing(bySize),
                        true), // bestfit's layout
                new Pass(Comparator.<ArenaProblem.Buffer>comparingLong(b -> -contention[b.index()])
                        .thenComparing(bySize).thenComparingLong(b -> -length.applyAsLong(b)), false),
                new Pass(Comparator.<ArenaProblem.Buffer>comparingLong(b -> -contention[b.index()])
                        .thenComparingLong(b -> -length.applyAsLong(b)).thenComparing(bySize), false));
        boolean stopped = false;
        for (Pass pass : passes) {
            if (best != null && deadline.expired()) {
                stopped = true;
                break;
            }
            int[] order = order(bs, pass.order());
            long[] offsets = fit.placeAll(order, pass.bestFit());
            long h = height(g, offsets);
            if (h < bestHeight) {
                best = offsets;
                bestHeight = h;
                bestOrder = pass.bestFit() ? null : order;
            }
        }
        long bound = problem.lowerBoundBytes();
        long[] skyline = null;
        long skylineHeight = Long.MAX_VALUE;
        if (!stopped && bestHeight > bound) {
            SkylineSearch sky = SkylineSearch.of(g);
            for (int r = 0; sky != null && r < SKYLINE_RANKS && skylineHeight > bound; r++) {
                long[] offsets = sky.run(skylineRank(bs, contention, r), bound, SKYLINE_TRIES, SKYLINE_BACKTRACKS,
                        true, deadline);
                if (sky.stopped()) {
                    stopped = true;
                    break;
                }
                long h = height(g, offsets);
                if (h < skylineHeight) {
                    skyline = offsets;
                    skylineHeight = h;
                }
            }
            if (skylineHeight == bound) {
                best = skyline;
                bestHeight = bound;
            }
        }
        if (!stopped && bestHeight > bound) {
            stopped = squeakyWheel(g, fit, bestOrder, best, bound, deadline);
        }
        if (!stopped && height(g, best) > bound) {
            Repaired r = repair(g, fit, best, REPAIRS, bound, deadline);
            best = r.offsets();
            stopped = r.stopped();
        }
        if (skyline != null && skylineHeight < height(g, best)) {
            best = skyline;
        }
        if (skyline != null && !stopped && height(g, best) > bound) {
            // one more walk, from the skyline layout (repairs from either start find layouts the other misses)
            Repaired r = repair(g, fit, skyline, 1, bound, deadline);
            stopped = r.stopped();
            if (height(g, r.offsets()) < height(g, best)) {
                best = r.offsets();
            }
        }
        ArenaStatus status = ArenaStatus.FEASIBLE;
        if (stopped) {
            status = deadline.stopReason().orElse(Status.TIME_LIMIT) == Status.INTERRUPTED ? ArenaStatus.INTERRUPTED
                    : ArenaStatus.TIME_LIMIT;
        }
        return done(problem, best, status, deadline);
    }

    /**
     * Squeaky wheel: the buffers that end above the load bound move to the front of the first-fit order (in random
     * order), and the layout is rebuilt, as long as the work budget lasts ({@value #SQUEAKY_VISITS} neighbour visits,
     * at most {@value #SQUEAKY_PASSES} passes, and a quarter of the time left; skipped when the budget holds fewer
     * than {@value #SQUEAKY_MIN_PASSES} passes: large problems); {@code best} receives any lower layout. Returns
     * whether the deadline stopped it.
     */
    private boolean squeakyWheel(Interference g, OffsetFit fit, int[] start, long[] best, long bound,
                                 Deadline deadline) {
        if (start == null) {
            start = order(g, best);
        }
        long passCost = (long) g.adj.length + g.n;
        long passes = Math.min(SQUEAKY_PASSES, SQUEAKY_VISITS / Math.max(1, passCost));
        if (passes < SQUEAKY_MIN_PASSES) {
            return false;
        }
        Deadline share = deadline.share(25);
        java.util.SplittableRandom random = new java.util.SplittableRandom(options.seed() ^ 0x5EEDL);
        int[] order = start.clone();
        long[] cur = best;
        long bestHeight = height(g, best);
        int[] next = new int[g.n];
        for (long pass = 0; pass < passes; pass++) {
            if (share.expired()) {
                return deadline.expired();
            }
            long h = height(g, cur);
            int front = 0;
            for (int b : order) {
                if (g.size[b] > 0 && cur[b] + g.size[b] > bound) {
                    next[front++] = b;
                }
            }
            for (int i = front - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = next[i];
                next[i] = next[j];
                next[j] = t;
            }
            int k = front;
            for (int b : order) {
                if (!(g.size[b] > 0 && cur[b] + g.size[b] > bound)) {
                    next[k++] = b;
                }
            }
            int[] t = order;
            order = next;
            next = t;
            cur = fit.placeAll(order, false);
            h = height(g, cur);
            if (h < bestHeight) {
                bestHeight = h;
                System.arraycopy(cur, 0, best, 0, g.n);
                if (h == bound) {
                    break;
                }
            }
        }
        return false;
    }

    /** A repaired layout, and whether the deadline stopped the repair. */
    private record Repaired(long[] offsets, boolean stopped) {
    }

    /**
     * {@link PeakRepair} walks (seeds {@code seed .. seed + runs - 1}) from the compacted {@code offsets}; the lowest
     * layout, never higher than the compacted start.
     */
    private Repaired repair(Interference g, OffsetFit fit, long[] offsets, int runs, long bound, Deadline deadline) {
        long[] start = compact(g, fit, offsets);
        long[] best = start;
        long bestHeight = height(g, start);
        boolean stopped = false;
        for (int run = 0; run < runs && !stopped && bestHeight > bound; run++) {
            long[] walk = start.clone();
            PeakRepair repair = new PeakRepair(g, walk, options.seed() + run);
            long h = repair.run(bound, MOVES_PER_BUFFER * Math.max(1000, g.n), PATIENCE, deadline);
            stopped = repair.stopped();
            if (h < bestHeight) {
                best = walk;
                bestHeight = h;
            }
        }
        return new Repaired(best, stopped);
    }

    /**
     * Rank {@code r} of the skyline search, by problem buffer index (lower first): 0 contention, area (bytes times
     * steps), lifetime; 1 area, contention; 2 lifetime, area, contention (MiniMalloc's orders); larger first, ties
     * by index.
     */
    static int[] skylineRank(List<ArenaProblem.Buffer> bs, long[] contention, int r) {
        ToLongFunction<ArenaProblem.Buffer> length = b -> b.lastStep() + 1L - b.firstStep();
        Comparator<ArenaProblem.Buffer> byContention = Comparator.comparingLong(b -> -contention[b.index()]);
        Comparator<ArenaProblem.Buffer> byArea = Comparator.comparingDouble(b -> -(double) b.bytes()
                * length.applyAsLong(b));
        Comparator<ArenaProblem.Buffer> byLength = Comparator.comparingLong(b -> -length.applyAsLong(b));
        Comparator<ArenaProblem.Buffer> c = switch (r) {
            case 0 -> byContention.thenComparing(byArea).thenComparing(byLength);
            case 1 -> byArea.thenComparing(byContention);
            default -> byLength.thenComparing(byArea).thenComparing(byContention);
        };
        int[] order = order(bs, c);
        int[] rank = new int[bs.size()];
        for (int i = 0; i < order.length; i++) {
            rank[order[i]] = i;
        }
        return rank;
    }

    /** Buffer indices by offset, then index. */
    private static int[] order(Interference g, long[] offsets) {
        Integer[] idx = new Integer[g.n];
        for (int i = 0; i < g.n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingLong((Integer i) -> offsets[i]).thenComparingInt(i -> i));
        int[] order = new int[g.n];
        for (int i = 0; i < g.n; i++) {
            order[i] = idx[i];
        }
        return order;
    }

    /** One placement pass: buffers in {@code order}, each by first fit or best fit. */
    private record Pass(Comparator<ArenaProblem.Buffer> order, boolean bestFit) {
    }

    private ArenaPlan done(ArenaProblem problem, long[] offsets, ArenaStatus status, Deadline deadline) {
        return ArenaPlan.verified(name(), problem, offsets, 0, status, options.capacityBytes(), deadline.elapsed());
    }

    /** Buffer indices sorted by {@code order}, then by index. */
    private static int[] order(List<ArenaProblem.Buffer> bs, Comparator<ArenaProblem.Buffer> order) {
        ArenaProblem.Buffer[] a = bs.toArray(ArenaProblem.Buffer[]::new);
        Arrays.sort(a, order.thenComparingInt(ArenaProblem.Buffer::index));
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].index();
        }
        return out;
    }

    /** Every buffer, lowest offset first, drops to its first fit: no buffer moves up. */
    static long[] compact(Interference g, OffsetFit fit, long[] offsets) {
        return fit.placeAll(order(g, offsets), false);
    }

    static long height(Interference g, long[] offsets) {
        long h = 0;
        for (int i = 0; i < g.n; i++) {
            if (g.size[i] > 0) {
                h = Math.max(h, offsets[i] + g.size[i]);
            }
        }
        return h;
    }
}
