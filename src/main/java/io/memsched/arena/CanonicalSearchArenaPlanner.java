package io.memsched.arena;

import io.memsched.run.Deadline;
import io.memsched.run.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Exact arena planning by a search over canonical layouts, of the kind of MiniMalloc: with a capacity it decides
 * whether any layout fits; without one it minimises the arena and proves the minimum when the search ends.
 *
 * <p>The buffers are first split into independent groups (no lifetime crosses between them) and their sizes
 * divided by their greatest common divisor. Each group is searched by {@link CanonicalSearch}: buffers placed in
 * non-decreasing order of offset, each resting on the address 0 or on a placed buffer alive with it, pruned by
 * capacity, section inference (floor plus what is left to place in every stretch of time must fit), dominance (a
 * buffer that could move down into a gap in every completion ends the branch) and symmetry. Runs restart with a
 * growing backtrack limit and rotating static orders; the last run has no limit, so a run that ends proves its
 * answer. Minimising runs in rounds with a node budget growing fourfold (geometric restarts): each round first
 * decides the lower bound (at first the load bound, the largest total size alive at one time, where most problems'
 * optimum lies), then searches below the best layout so far (branch and bound) down to the bound: one unit below
 * it, then, when that runs out of the round's budget, 2, 4, 8, ... units below (a decision's difficulty is far from
 * monotone in the capacity, so a lower layout is often found where the next unit is not).
 * The best one-pass layout ({@link GreedyBySizeArenaPlanner}, {@link BestFitArenaPlanner}) is the first incumbent,
 * so the result is never worse than it. Problems with more than {@code maxBuffers} buffers are not searched: they
 * get the layout of {@link ContentionArenaPlanner} (the heuristic for large problems) with status
 * {@link ArenaStatus#FALLBACK} ({@link ArenaStatus#OPTIMAL} when it meets the load bound).
 *
 * <p>Reference: M. D. Moffitt, "MiniMalloc: A Lightweight Memory Allocator for Hardware-Accelerated Machine
 * Learning", ASPLOS 2023, doi:10.1145/3623278.3624752 (canonical solutions, spatial inference, dominance). This
 * is an independent implementation. Worst case exponential in the number of buffers; polls the deadline every
 * 256 nodes and returns the best layout so far when it expires or the thread is interrupted.
 *
 * @see CpSatArenaPlanner
 * @see GreedyBySizeArenaPlanner
 */
public final class CanonicalSearchArenaPlanner implements ArenaPlanner {
    /** Default largest number of buffers searched exactly. */
    public static final int DEFAULT_MAX_BUFFERS = 3000;
    /** The first round of minimising gets up to this many nodes per buffer and order per decision. */
    private static final long FLOOR_LIMIT = 32;
    /** The probes above the load bound get rounds up to this many nodes per buffer and order. */
    private static final long PROBE_LIMIT = 16;
    /** Each round of minimising multiplies the node budget per buffer and order by this. */
    private static final long GROWTH = 4;

    private final ArenaOptions options;
    private final int maxBuffers;
    private final long firstLimit;

    /** A planner with default options (10 s, no capacity). */
    public CanonicalSearchArenaPlanner() {
        this(ArenaOptions.defaults());
    }

    /** A planner with these options. */
    public CanonicalSearchArenaPlanner(ArenaOptions options) {
        this(options, DEFAULT_MAX_BUFFERS);
    }

    /** A planner with these options that falls back to {@link ContentionArenaPlanner} above {@code maxBuffers} buffers. */
    public CanonicalSearchArenaPlanner(ArenaOptions options, int maxBuffers) {
        this(options, maxBuffers, FLOOR_LIMIT);
    }

    /**
     * A planner whose first round of minimising gets {@code firstLimit} nodes per buffer and order (tests use a
     * small one to drive every phase of minimising, the spread below the best included, on tiny problems).
     */
    CanonicalSearchArenaPlanner(ArenaOptions options, int maxBuffers, long firstLimit) {
        this.options = Objects.requireNonNull(options, "options");
        if (maxBuffers < 0) {
            throw new IllegalArgumentException("maxBuffers must not be negative, was " + maxBuffers);
        }
        if (firstLimit < 1) {
            throw new IllegalArgumentException("firstLimit must be positive, was " + firstLimit);
        }
        this.maxBuffers = maxBuffers;
        this.firstLimit = firstLimit;
    }

    @Override
    public String name() {
        return "exact";
    }

    @Override
    public ArenaPlan plan(ArenaProblem problem) {
        Deadline deadline = options.deadline();
        OptionalLong capacity = options.capacityBytes();
        if (problem.buffers().size() > maxBuffers) {
            ArenaPlan large = new ContentionArenaPlanner(options).plan(problem);
            return done(problem, large.offsets().stream().mapToLong(Long::longValue).toArray(), 0,
                    ArenaStatus.FALLBACK, deadline);
        }
        ArenaPlan a = new GreedyBySizeArenaPlanner(options).plan(problem);
        ArenaPlan b = new BestFitArenaPlanner(options).plan(problem);
        ArenaPlan heuristic = b.arenaBytes() < a.arenaBytes() ? b : a;
        long[] offsets = heuristic.offsets().stream().mapToLong(Long::longValue).toArray();
        if (heuristic.optimal()) {
            return done(problem, offsets, 0, ArenaStatus.OPTIMAL, deadline);
        }
        if (capacity.isPresent() && heuristic.arenaBytes() <= capacity.getAsLong()) {
            return done(problem, offsets, 0, ArenaStatus.FEASIBLE, deadline);
        }
        long unit = 0;
        for (ArenaProblem.Buffer buf : problem.buffers()) {
            unit = gcd(unit, buf.bytes());
        }
        unit = Math.max(1, unit);
        List<int[]> groups = groups(problem);
        List<Group> searched = new ArrayList<>();
        long globalBound = 0;
        for (int[] members : groups) {
            Group g = new Group(problem, members, unit, offsets);
            searched.add(g);
            globalBound = Math.max(globalBound, g.search.loadBound());
        }
        boolean stopped = false;
        boolean infeasible = false;
        long provenUnits = globalBound;
        long capUnits = capacity.isPresent() ? capacity.getAsLong() / unit : Long.MAX_VALUE;
        for (Group g : searched) {
            if (stopped) {
                g.writeBack(offsets, unit);
                continue;
            }
            Outcome o = capacity.isPresent() ? decide(g, capUnits, deadline)
                    : minimise(g, globalBound, deadline, unit);
            stopped = o.stopped;
            infeasible |= o.infeasible;
            provenUnits = Math.max(provenUnits, o.boundUnits);
            g.writeBack(offsets, unit);
            g.search = null; // done with this group: let its tables go
            if (infeasible) {
                break;
            }
        }
        ArenaStatus status;
        long provenBytes = provenUnits * unit;
        if (infeasible) {
            status = ArenaStatus.INFEASIBLE;
            provenBytes = Math.max(provenBytes, (capUnits + 1) * unit);
        } else if (stopped) {
            status = deadline.stopReason().orElse(Status.TIME_LIMIT) == Status.INTERRUPTED ? ArenaStatus.INTERRUPTED
                    : ArenaStatus.TIME_LIMIT;
        } else {
            status = ArenaStatus.FEASIBLE;
        }
        long arena = 0;
        for (ArenaProblem.Buffer buf : problem.buffers()) {
            arena = Math.max(arena, offsets[buf.index()] + buf.bytes());
        }
        if (status == ArenaStatus.FEASIBLE && capacity.isEmpty()) {
            provenBytes = arena; // every group searched to the end: the arena is the minimum
        }
        return done(problem, offsets, provenBytes, status, deadline);
    }

    private ArenaPlan done(ArenaProblem problem, long[] offsets, long bound, ArenaStatus status, Deadline deadline) {
        return ArenaPlan.verified(name(), problem, offsets, bound, status == ArenaStatus.OPTIMAL
                ? ArenaStatus.FEASIBLE : status, options.capacityBytes(), deadline.elapsed());
    }

    /** How one group's search ended. */
    private record Outcome(boolean stopped, boolean infeasible, long boundUnits) {
    }

    /** How {@link #spread} ended: the lower bound after it, and whether a layout was found or the bound raised. */
    private record Spread(long lower, boolean progress) {
    }

    /** Decides whether the group fits {@code cap} units. */
    private static Outcome decide(Group g, long cap, Deadline deadline) {
        if (g.bestHeight <= cap) {
            return new Outcome(false, false, 0);
        }
        if (g.search.loadBound() > cap) {
            return new Outcome(false, true, cap + 1);
        }
        return switch (restarts(g, cap, Long.MAX_VALUE, deadline)) {
            case FOUND -> new Outcome(false, false, 0);
            case INFEASIBLE -> new Outcome(false, true, cap + 1);
            default -> new Outcome(true, false, 0);
        };
    }

    /**
     * Minimises the group's height, stopping at {@code floor} (no group needs to go below the global bound), in
     * rounds with a node budget per buffer and order that starts at {@link #FLOOR_LIMIT} (by default) and grows by
     * {@link #GROWTH} each round (geometric restarts: no phase starves the others, and the total work is within a
     * constant factor of the round that succeeds). Each round decides the lower bound (most problems pack into
     * their load bound), then, in the first round only, probes lower + 1, 2, 4, ... with a smaller budget
     * ({@link #PROBE_LIMIT}) until one fits, then decides one unit below the best layout until that is proven
     * impossible or runs out of the round's budget, then {@link #spread further below}. A decision that ends proves
     * its answer.
     */
    private Outcome minimise(Group g, long floor, Deadline deadline, long unit) {
        long bound = g.search.loadBound();
        if (g.bestHeight <= floor) {
            return new Outcome(false, false, bound);
        }
        long lower = floor;
        for (long perBuffer = firstLimit; ; perBuffer = grow(perBuffer)) {
            long budget = perBuffer > Long.MAX_VALUE / g.members.length ? Long.MAX_VALUE : perBuffer * g.members.length;
            if (deadline.expired()) {
                return new Outcome(true, false, lower);
            }
            CanonicalSearch.Outcome atLower = restarts(g, lower, budget, deadline);
            if (atLower == CanonicalSearch.Outcome.FOUND) {
                options.progress().incumbent(name(), g.bestHeight * unit, deadline.elapsedSeconds());
                return new Outcome(false, false, lower == floor ? bound : g.bestHeight);
            }
            if (atLower == CanonicalSearch.Outcome.INFEASIBLE) {
                lower++;
                options.progress().bound(name(), lower * unit, deadline.elapsedSeconds());
            } else if (atLower == CanonicalSearch.Outcome.STOPPED) {
                return new Outcome(true, false, lower);
            }
            if (perBuffer == firstLimit) {
                lower = probe(g, floor, lower, deadline, unit);
            }
            while (g.bestHeight > lower) {
                if (deadline.expired()) {
                    return new Outcome(true, false, lower);
                }
                CanonicalSearch.Outcome o = restarts(g, g.bestHeight - 1, budget, deadline);
                if (o == CanonicalSearch.Outcome.FOUND) {
                    options.progress().incumbent(name(), g.bestHeight * unit, deadline.elapsedSeconds());
                } else if (o == CanonicalSearch.Outcome.INFEASIBLE) {
                    lower = g.bestHeight;
                } else if (o == CanonicalSearch.Outcome.STOPPED) {
                    return new Outcome(true, false, lower);
                } else {
                    // out of this round's budget one unit below the best: try further below, then back to the
                    // lower bound with a larger budget
                    Spread spread = spread(g, lower, budget, deadline, unit);
                    lower = spread.lower();
                    if (!spread.progress()) {
                        break;
                    }
                }
            }
            if (g.bestHeight <= lower) {
                return new Outcome(false, false, g.bestHeight);
            }
        }
    }

    /**
     * Decides best - 2, best - 4, best - 8, ... (above {@code lower}, decided already in this round) with the round's budget after best - 1 ran
     * out of it: at a capacity well below the incumbent the search sometimes finds a layout quickly where one unit
     * below it does not (on MiniMalloc's D, 1,000 units in 115,000 nodes where 1,008 is not found in 1,000,000).
     * Returns the lower bound (raised by a capacity proven infeasible) and whether either bound moved.
     */
    private Spread spread(Group g, long lower, long budget, Deadline deadline, long unit) {
        for (long gap = 2; g.bestHeight - gap > lower && !deadline.expired(); gap *= 2) {
            long cap = g.bestHeight - gap;
            CanonicalSearch.Outcome o = restarts(g, cap, budget, deadline);
            if (o == CanonicalSearch.Outcome.FOUND) {
                options.progress().incumbent(name(), g.bestHeight * unit, deadline.elapsedSeconds());
                return new Spread(lower, true);
            }
            if (o == CanonicalSearch.Outcome.INFEASIBLE) {
                options.progress().bound(name(), (cap + 1) * unit, deadline.elapsedSeconds());
                return new Spread(cap + 1, true);
            }
            if (o == CanonicalSearch.Outcome.STOPPED) {
                break;
            }
        }
        return new Spread(lower, false);
    }

    /**
     * Probes lower + 1, 2, 4, ... (from {@code floor}) with a small budget until one fits: a tight capacity prunes
     * well, so a layout just above the floor is often found fast where one far below the incumbent is not.
     * Returns the lower bound, raised by the probes proven infeasible. (The budget is {@link #PROBE_LIMIT} per
     * buffer and order, or the first round's if smaller.)
     */
    private long probe(Group g, long floor, long lower, Deadline deadline, long unit) {
        for (long gap = 1; lower + gap < g.bestHeight && !deadline.expired(); gap *= 2) {
            long cap = Math.max(floor + gap, lower);
            CanonicalSearch.Outcome o = restarts(g, cap, Math.min(PROBE_LIMIT, firstLimit) * g.members.length,
                    deadline);
            if (o == CanonicalSearch.Outcome.FOUND) {
                options.progress().incumbent(name(), g.bestHeight * unit, deadline.elapsedSeconds());
                break;
            }
            if (o == CanonicalSearch.Outcome.INFEASIBLE) {
                lower = cap + 1;
                options.progress().bound(name(), lower * unit, deadline.elapsedSeconds());
            }
        }
        return lower;
    }

    private static long grow(long perBuffer) {
        return perBuffer > Long.MAX_VALUE / GROWTH ? Long.MAX_VALUE : perBuffer * GROWTH;
    }

    /**
     * Decision runs in rounds: each static order in turn gets the round's node limit (twice the number of buffers
     * at first, doubling each round), until one run ends ({@link CanonicalSearch.Outcome#LIMIT} once the round's
     * limit would pass {@code maxLimit}); a layout found becomes the group's best.
     */
    private static CanonicalSearch.Outcome restarts(Group g, long cap, long maxLimit, Deadline deadline) {
        long limit = 2L * g.members.length;
        while (true) {
            if (limit > maxLimit) {
                return CanonicalSearch.Outcome.LIMIT;
            }
            for (int order = 0; order < CanonicalSearch.ORDERS; order++) {
                CanonicalSearch.Outcome o = g.search.run(order, cap, limit, deadline);
                if (o == CanonicalSearch.Outcome.FOUND) {
                    g.accept(g.search.solution());
                }
                if (o != CanonicalSearch.Outcome.LIMIT) {
                    return o;
                }
            }
            limit = limit > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * limit;
        }
    }

    /** The groups of positive-size buffers whose lifetimes chain together (by first step; each in index order). */
    static List<int[]> groups(ArenaProblem problem) {
        List<ArenaProblem.Buffer> live = new ArrayList<>();
        for (ArenaProblem.Buffer b : problem.buffers()) {
            if (b.bytes() > 0) {
                live.add(b);
            }
        }
        live.sort((x, y) -> Integer.compare(x.firstStep(), y.firstStep()));
        List<int[]> out = new ArrayList<>();
        List<Integer> cur = new ArrayList<>();
        long reach = Long.MIN_VALUE;
        for (ArenaProblem.Buffer b : live) {
            if (!cur.isEmpty() && b.firstStep() > reach) {
                out.add(cur.stream().mapToInt(Integer::intValue).sorted().toArray());
                cur.clear();
            }
            cur.add(b.index());
            reach = Math.max(reach, b.lastStep());
        }
        if (!cur.isEmpty()) {
            out.add(cur.stream().mapToInt(Integer::intValue).sorted().toArray());
        }
        return out;
    }

    /** One group: its engine over compressed sections, and the map back to buffer indices. */
    private static final class Group {
        final int[] members;
        CanonicalSearch search;
        final long[] size;
        long[] best;
        long bestHeight = Long.MAX_VALUE;

        Group(ArenaProblem problem, int[] members, long unit, long[] heuristic) {
            this.members = members;
            int m = members.length;
            long[] ends = new long[2 * m];
            for (int i = 0; i < m; i++) {
                ArenaProblem.Buffer b = problem.buffers().get(members[i]);
                ends[2 * i] = b.firstStep();
                ends[2 * i + 1] = b.lastStep() + 1L;
            }
            long[] times = Arrays.stream(ends).distinct().sorted().toArray();
            size = new long[m];
            long[] length = new long[m];
            int[] sa = new int[m];
            int[] sb = new int[m];
            for (int i = 0; i < m; i++) {
                ArenaProblem.Buffer b = problem.buffers().get(members[i]);
                size[i] = b.bytes() / unit;
                length[i] = b.lastStep() + 1L - b.firstStep();
                sa[i] = Arrays.binarySearch(times, b.firstStep());
                sb[i] = Arrays.binarySearch(times, b.lastStep() + 1L);
            }
            search = new CanonicalSearch(size, sa, sb, times.length - 1, length);
            long[] start = new long[m];
            for (int i = 0; i < m; i++) {
                long o = heuristic[members[i]];
                if (o % unit != 0) {
                    return; // not on the unit grid: no incumbent
                }
                start[i] = o / unit;
            }
            accept(start);
        }

        /** Keeps {@code offsets} (units) if lower than the best so far. */
        void accept(long[] offsets) {
            long h = 0;
            for (int i = 0; i < members.length; i++) {
                h = Math.max(h, offsets[i] + size[i]);
            }
            if (h < bestHeight) {
                bestHeight = h;
                best = offsets.clone();
            }
        }

        /** Copies the group's best layout into {@code offsets} (bytes). */
        void writeBack(long[] offsets, long unit) {
            if (best == null) {
                return;
            }
            for (int i = 0; i < members.length; i++) {
                offsets[members[i]] = best[i] * unit;
            }
        }
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
