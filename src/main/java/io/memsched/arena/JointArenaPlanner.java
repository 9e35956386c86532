package io.memsched.arena;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Order and offsets together, for small graphs: enumerates topological orders (up to a limit), places the buffers
 * of each with a fast planner, and re-plans the best few with a stronger one. The arena depends on the order twice
 * (which tensors live together, and how their lifetimes interleave), so the order with the lowest peak is not
 * always the one with the smallest arena. When every order was enumerated and the best arena equals the lowest
 * peak over all orders, the result is jointly optimal ({@link Result#provenOptimal()}).
 *
 * <p>Time O(min(T, maxOrders) * b^2 log b) for T topological orders and b buffers, plus the final planner's time on
 * the finalists.
 *
 * @see CpSatArenaPlanner
 */
public final class JointArenaPlanner {
    private final Options options;

    /**
     * Options.
     *
     * @param maxOrders most orders enumerated
     * @param each planner for every order
     * @param finalPlanner planner for the finalists
     * @param finalists how many of the best orders the final planner re-plans
     */
    public record Options(long maxOrders, ArenaPlanner each, ArenaPlanner finalPlanner, int finalists) {
        /** Checks the fields. */
        public Options {
            Objects.requireNonNull(each, "each");
            Objects.requireNonNull(finalPlanner, "finalPlanner");
            if (maxOrders < 1 || finalists < 1) {
                throw new IllegalArgumentException("maxOrders and finalists must be positive, were " + maxOrders
                        + " and " + finalists);
            }
        }

        /** 20,000 orders placed greedily, the best 3 re-planned exactly with a 2 s limit each. */
        public static Options defaults() {
            return new Options(20_000, new GreedyBySizeArenaPlanner(), new CpSatArenaPlanner(
                    CpSatArenaPlanner.Options.defaults().withTimeLimit(java.time.Duration.ofSeconds(2))), 3);
        }
    }

    /**
     * The outcome.
     *
     * @param order the chosen order (operator indices)
     * @param plan its layout
     * @param ordersTried orders enumerated
     * @param exhaustive whether every topological order was enumerated
     * @param lowestPeakBytes the lowest peak over the enumerated orders (a lower bound on any arena when exhaustive)
     */
    public record Result(int[] order, ArenaPlan plan, long ordersTried, boolean exhaustive, long lowestPeakBytes) {
        /** Whether the layout is proven jointly optimal over orders and offsets. */
        public boolean provenOptimal() {
            return exhaustive && plan.arenaBytes() == lowestPeakBytes;
        }
    }

    /** A joint planner with default options. */
    public JointArenaPlanner() {
        this(Options.defaults());
    }

    /** A joint planner with these options. */
    public JointArenaPlanner(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The order and layout with the smallest arena found for {@code graph} under {@code model}. */
    public Result plan(Graph graph, MemoryModel model) {
        int n = graph.opCount();
        int[] indeg = new int[n];
        for (int i = 0; i < n; i++) {
            indeg[i] = graph.predecessors(i).size();
        }
        List<Candidate> best = new ArrayList<>();
        long[] stats = {0, Long.MAX_VALUE};
        boolean complete = enumerate(graph, model, indeg, new int[n], 0, new boolean[n], best, stats);
        ArenaPlan chosen = null;
        int[] order = null;
        for (Candidate c : best) {
            ArenaPlan p = options.finalPlanner().plan(graph, model, c.order);
            if (chosen == null || p.arenaBytes() < chosen.arenaBytes()) {
                chosen = p;
                order = c.order;
            }
        }
        return new Result(order, chosen, stats[0], complete, stats[1]);
    }

    private record Candidate(int[] order, long arena) {
    }

    /** Depth-first enumeration; false when the order limit stopped it (or the thread was interrupted). */
    private boolean enumerate(Graph g, MemoryModel m, int[] indeg, int[] prefix, int k, boolean[] done,
                              List<Candidate> best, long[] stats) {
        int n = g.opCount();
        if (k == n) {
            int[] order = prefix.clone();
            ArenaPlan p = options.each().plan(g, m, order);
            stats[0]++;
            stats[1] = Math.min(stats[1], p.peakBytes());
            best.add(new Candidate(order, p.arenaBytes()));
            best.sort(Comparator.comparingLong(Candidate::arena));
            if (best.size() > options.finalists()) {
                best.remove(best.size() - 1);
            }
            return true;
        }
        for (int i = 0; i < n; i++) {
            if (done[i] || indeg[i] != 0) {
                continue;
            }
            if (stats[0] >= options.maxOrders() || Thread.currentThread().isInterrupted()) {
                return false;
            }
            done[i] = true;
            prefix[k] = i;
            for (int j = 0; j < g.successors(i).size(); j++) {
                indeg[g.successors(i).get(j)]--;
            }
            boolean all = enumerate(g, m, indeg, prefix, k + 1, done, best, stats);
            for (int j = 0; j < g.successors(i).size(); j++) {
                indeg[g.successors(i).get(j)]++;
            }
            done[i] = false;
            if (!all) {
                return false;
            }
        }
        return true;
    }
}
