package io.memsched.schedule.hmcos;

import io.memsched.graph.Graph;
import io.memsched.memory.LowerBounds;
import io.memsched.memory.MemorySimulator;
import io.memsched.memory.MemoryTimeline;
import io.memsched.run.Deadline;
import io.memsched.run.Status;
import io.memsched.schedule.AlgorithmStats;
import io.memsched.schedule.ReversePostOrderScheduler;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.Scheduler;
import io.memsched.schedule.SchedulerOptions;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * HMCOS, the hierarchical memory-constrained operator scheduler of Wang et al. for NAS-style networks.
 *
 * <p>Reference: Z. Wang, Y. Wan, C. Chen, H. Lin, J. Jiang, Y. Qiao, "Hierarchical Memory-Constrained Operator
 * Scheduling of Neural Architecture Search Networks", DAC 2022, pp. 493-498 (code: github.com/wzh99/HMCOS).
 *
 * <p>Method: (1) chains are joined into sequences when the join does not raise the sequence's peak; (2) the
 * interior of each cell (the sequences post-dominated by a {@code Concat} cell output, by {@link
 * io.memsched.graph.DominatorTree}) becomes a group; (3) a budgeted zero-indegree-set dynamic programme schedules
 * the top level, running each group as one memoised unit ({@link HierarchicalDp}); (4) the groups that produce a
 * tensor alive at a peak step, and the groups that consume from those producers, are dissolved and the top level is
 * scheduled again with the best peak so far as budget, until no group is left to dissolve. The reverse post-order is
 * the first incumbent and its peak the first budget, as in HMCOS (a tighter first budget, such as the greedy
 * order's, leaves the grouped first round without any schedule and so without a peak to guide the ungrouping); the
 * rounds stop early when the peak meets the simple lower bound.
 *
 * <p>Differences to the C++ code: the memory model is the shared simulator's ({@code --memory-model inplace} is
 * HMCOS's own); several graph inputs or outputs get a virtual source/sink instead of "the first one"; the optional
 * "intrusion" of a cell group into the next cell is not done, and in its place a round also dissolves the groups
 * next to the successors of the peak producers; layers of the programme wider than a cap keep
 * their lowest-peak states, where HMCOS runs out of memory: the cap starts at 2048 states and a round that had to cut
 * is repeated with an 8 times wider cap, up to {@code stateLimit / 16} (status {@link Status#BUDGET} if the last
 * round still cut).
 *
 * <p>Cost: exponential in the width of the widest ungrouped region (the number of zero-indegree sets), polynomial
 * per state; a heuristic, never proven optimal unless the simple lower bound meets the peak. The time limit and
 * thread interrupts end it with the best valid order found so far.
 *
 * @see io.memsched.schedule.ReversePostOrderScheduler
 */
public final class HmcosScheduler implements Scheduler {
    /** States per layer of the first search; a search that cuts a layer is repeated 8 times wider. */
    private static final int FIRST_CAP = 2048;
    private final SchedulerOptions options;

    /** An HMCOS scheduler with these options (memory model, time limit, state limit, progress). */
    public HmcosScheduler(SchedulerOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public String name() {
        return "hmcos";
    }

    /**
     * Statistics of one run.
     *
     * @param sequences sequences after joining chains
     * @param groups groups made from cells
     * @param iterations schedule-and-ungroup rounds
     * @param ungrouped groups dissolved
     * @param states states of the dynamic programme expanded
     * @param truncatedLayers layers cut to the state cap
     */
    public record Stats(int sequences, int groups, int iterations, int ungrouped, long states, int truncatedLayers)
            implements AlgorithmStats {
    }

    @Override
    public ScheduleResult schedule(Graph graph) {
        Objects.requireNonNull(graph, "graph");
        Deadline deadline = options.deadline();
        deadline.stage("hmcos");
        var model = options.memoryModel();
        int[] rpo = new ReversePostOrderScheduler(options).schedule(graph).schedule().indicesIn(graph);
        int[] best = rpo;
        long bestPeak = MemorySimulator.peak(graph, model, best);
        long bound = LowerBounds.simple(graph, model);
        Hierarchy h = Hierarchy.build(graph, model, rpo);
        int groups = h.groups.size();
        int maxCap = (int) Math.min(Integer.MAX_VALUE, Math.max(FIRST_CAP, options.stateLimit() / 16));
        int cap = Math.min(FIRST_CAP, maxCap);
        HierarchicalDp dp = new HierarchicalDp(h, deadline, cap);
        boolean truncated = false;
        Status status = Status.FEASIBLE;
        int iterations = 0;
        int ungrouped = 0;
        long budget = bestPeak;
        while (bestPeak > bound) {
            iterations++;
            int truncatedBefore = dp.truncatedLayers();
            Optional<int[]> found = dp.scheduleTop(budget);
            truncated = dp.truncatedLayers() > truncatedBefore;
            if (dp.stopReason().isPresent()) {
                status = dp.stopReason().get();
                break;
            }
            int[] latest = best;
            if (found.isPresent()) {
                latest = found.get();
                long peak = MemorySimulator.peak(graph, model, latest);
                if (peak < bestPeak) {
                    best = latest;
                    bestPeak = peak;
                    options.progress().incumbent(name(), bestPeak, deadline.elapsedSeconds());
                }
            }
            if (truncated && cap < maxCap) {
                // a beam cut this round: repeat it wider before dissolving anything
                cap = (int) Math.min(maxCap, 8L * cap);
                dp.setLayerCap(cap);
                budget = bestPeak;
                continue;
            }
            TreeSet<Integer> toDissolve = groupsAtPeak(h, graph, latest);
            if (toDissolve.isEmpty()) {
                break;
            }
            for (int gr : toDissolve) {
                h.ungroup(gr);
                ungrouped++;
            }
            budget = bestPeak;
        }
        if (status == Status.FEASIBLE && truncated) {
            status = Status.BUDGET;
        }
        return ScheduleResult.verified(name(), graph, model, best, 0, status, deadline.elapsed(),
                new Stats(h.seqOps.length, groups, iterations, ungrouped, dp.states(), dp.truncatedLayers()));
    }

    /**
     * The active groups to dissolve after a round: those holding a sequence that produces a tensor alive at a peak
     * step of {@code order} (HMCOS), those holding a successor of such a sequence (HMCOS), and those holding a
     * predecessor or successor of such a successor (ours: it stands in for HMCOS's "intrusion" groups, which we do
     * not build, and lets the search reach the cell next to the peak).
     */
    private TreeSet<Integer> groupsAtPeak(Hierarchy h, Graph graph, int[] order) {
        MemoryTimeline tl = MemorySimulator.simulate(graph, options.memoryModel(), order);
        TreeSet<Integer> out = new TreeSet<>();
        var lifetimes = tl.lifetimes();
        boolean[] producerSeen = new boolean[h.seqOps.length];
        for (MemoryTimeline.Step st : tl.steps()) {
            if (st.footprintBytes() != tl.peakBytes()) {
                continue;
            }
            int k = st.step();
            for (int t = 0; t < lifetimes.size(); t++) {
                var l = lifetimes.get(t);
                int p = graph.producer(t);
                if (p < 0 || l.firstStep() > k || l.lastStep() < k || producerSeen[h.seqOf[p]]) {
                    continue;
                }
                int s = h.seqOf[p];
                producerSeen[s] = true;
                addActive(h, s, out);
                for (int q : h.seqSuccs[s]) {
                    addActive(h, q, out);
                    for (int r : h.seqSuccs[q]) {
                        addActive(h, r, out);
                    }
                    for (int r : h.seqPreds[q]) {
                        addActive(h, r, out);
                    }
                }
            }
        }
        return out;
    }

    private static void addActive(Hierarchy h, int s, TreeSet<Integer> out) {
        int gr = h.groupOf[s];
        if (gr >= 0 && h.active.get(gr)) {
            out.add(gr);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
