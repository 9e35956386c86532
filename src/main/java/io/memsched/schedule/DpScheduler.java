package io.memsched.schedule;

import io.memsched.run.Deadline;
import io.memsched.run.Status;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.graph.SeriesSegments;
import io.memsched.memory.LowerBounds;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.StepCosts;
import io.memsched.run.Deadline;
import io.memsched.run.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Exact scheduler: dynamic programming over the sets of operators already run, keeping the lowest peak per set,
 * after dividing the graph at its single-node cuts.
 *
 * <p>Problem: find a topological order of minimum peak under the memory model of docs/ARCHITECTURE.md, "The memory model" (default or
 * in-place). Method, after SERENITY:
 * <ol>
 *   <li><b>Divide and conquer.</b> The graph is split at its single-node cuts, operators comparable with every
 *       other one ({@link SeriesSegments#atCuts}). Every order runs the segments in sequence and passes the same sets
 *       at their boundaries, so the peak is the largest peak of the segments and each is minimised on its own, with the
 *       exact live set of the whole graph (tensors crossing a cut, graph inputs and graph outputs included).</li>
 *   <li><b>Upper bound.</b> The program order, reverse post-order, greedy order and any given incumbent orders are
 *       cut into segments and the best sub-order of each segment is kept; a beam pass of the same dynamic program
 *       (64 states per layer) improves them.</li>
 *   <li><b>Dynamic program</b> ({@link SegmentDp}). States are the sets of a segment's operators already run, as
 *       bitsets; the live set, and so every footprint and in-place decision, is a function of the set. Layer by
 *       layer by the number of operators run, each state keeps the lowest peak of the orders reaching it;
 *       transitions whose peak reaches the upper bound are pruned (if none survives, the upper bound is proven
 *       optimal); a dominance rule runs at once a ready operator that frees at least what it keeps live and
 *       whose footprint does not exceed the state's peak; a transition is also pruned when the graph outputs
 *       produced so far plus the smallest possible footprint of a remaining operator reach the upper bound. Each
 *       state stores its set of ready operators, so an expansion touches only those. Segments are handled in
 *       decreasing order of their heuristic peak, and the proven value of each solved segment (a lower bound for
 *       the whole graph) becomes a floor below which later segments need not go.</li>
 *   <li><b>Lower bounds.</b> The floor starts at the simple bound of {@link LowerBounds} and the endpoint bound
 *       (every order starts with a source and ends with a sink: the smallest first-step and last-step footprints,
 *       for the whole graph and for every segment, whose boundary live sets are fixed),
 *       so a heuristic order that meets it is proven optimal without any search.</li>
 * </ol>
 * When the time limit, a thread interrupt, {@link SchedulerOptions#stateLimit()} or the memory budget of the state
 * tables ({@link SetStateTable#memoryBudget()}: the layer being expanded, the next one and the parent links) ends the search,
 * the best order found so far is returned with {@code optimal = false}, status {@link Status#TIME_LIMIT},
 * {@link Status#INTERRUPTED} or {@link Status#BUDGET}, and a lower bound from the last complete layer. Otherwise the
 * proven optimum is the result's lower bound and the result is optimal. A graph whose search tables would exceed
 * {@link #MAX_TABLE_BYTES} or half that budget (computed before anything is built: in practice segments of more than
 * about 18,000 operators) gets the best heuristic order with status {@link Status#BUDGET}.
 *
 * <p>Reference: B. H. Ahn, J. Lee, J. M. Lin, H.-P. Cheng, J. Hou, H. Esmaeilzadeh, "Ordering Chaos: Memory-Aware
 * Scheduling of Irregularly Wired Neural Networks for Edge Devices", MLSys 2020.
 *
 * <p>Cost: time O(S * (r * d * w + p)) and memory O(S * (2w + 6)) words, where S is the number of distinct sets
 * visited in a segment (at most the number of its downward-closed sets, at most 2^p for a segment of p operators,
 * far fewer after pruning), r the ready operators of a state, d the operator degree and w = p / 64 words per set;
 * the cut search takes O(n + e). On the NAS cell networks of the zoo (700-950 operators) it proves the
 * optimum in seconds after visiting 10^5-10^6 states.
 * Optimal unless a limit ends the search.
 *
 * @see GreedyScheduler
 * @see BestScheduler
 */
public final class DpScheduler implements Scheduler {
    /** States per layer of the heuristic beam pass. */
    static final int BEAM_WIDTH = 64;
    /** Most bytes the search tables of one call may take, whatever the heap (beyond it the search cannot finish). */
    static final long MAX_TABLE_BYTES = 128L << 20;

    private final SchedulerOptions options;

    /** An exact scheduler with these options (memory model, time limit, state limit). */
    public DpScheduler(SchedulerOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public String name() {
        return "dp";
    }

    @Override
    public ScheduleResult schedule(Graph graph) {
        return schedule(graph, List.of());
    }

    /**
     * Like {@link #schedule(Graph)}, with orders known to be good (from other schedulers) as extra starting upper
     * bounds: the result is never worse than the best of them.
     */
    public ScheduleResult schedule(Graph graph, Collection<Schedule> incumbents) {
        Objects.requireNonNull(graph, "graph");
        Deadline deadline = options.deadline();
        deadline.stage("dp");
        MemoryModel model = options.memoryModel();
        int n = graph.opCount();
        SeriesSegments cuts = SeriesSegments.atCuts(graph);
        if (SegmentDp.tableBytes(graph, cuts) > Math.min(SetStateTable.memoryBudget() / 2, MAX_TABLE_BYTES)) {
            return tooLarge(graph, incumbents, deadline, cuts);
        }
        List<SeriesSegments.Segment> segments = cuts.segments();
        int np = segments.size();
        long[] segmentBounds = new long[np];
        StepCosts costs = StepCosts.of(graph, model);
        SegmentDp[] dps = segmentDps(costs, cuts, segmentBounds);

        List<int[]> starts = startOrders(graph, incumbents);
        int[][] best = new int[np][];
        long[] bestValue = new long[np];
        Arrays.fill(bestValue, Long.MAX_VALUE);
        int[] local = new int[n];
        for (SeriesSegments.Segment segment : segments) {
            for (int j = 0; j < segment.size(); j++) {
                local[segment.ops().get(j)] = j;
            }
        }
        for (int[] order : starts) {
            int[][] split = new int[np][];
            int[] fill = new int[np];
            for (int p = 0; p < np; p++) {
                split[p] = new int[segments.get(p).size()];
            }
            for (int op : order) {
                int p = cuts.segmentOf(op);
                split[p][fill[p]++] = local[op];
            }
            for (int p = 0; p < np; p++) {
                long v = dps[p].evaluate(split[p], 0);
                if (v < bestValue[p]) {
                    bestValue[p] = v;
                    best[p] = split[p];
                }
            }
        }

        SegmentDp.Budget budget = new SegmentDp.Budget(deadline, options.stateLimit(), SetStateTable.memoryBudget());
        long floor = Math.max(LowerBounds.simple(graph, model), endpointBound(costs));
        int largest = 0;
        for (int p = 0; p < np; p++) {
            largest = Math.max(largest, dps[p].size());
            if (dps[p].size() == 1) {
                floor = Math.max(floor, bestValue[p]); // a single operator has one order: its footprint is exact
            }
            floor = Math.max(floor, segmentBounds[p]);
        }
        Integer[] byValue = new Integer[np];
        for (int p = 0; p < np; p++) {
            byValue[p] = p;
        }
        Arrays.sort(byValue, (a, b) -> bestValue[a] != bestValue[b] ? Long.compare(bestValue[b], bestValue[a])
                : Integer.compare(a, b));
        Optional<Status> stop = Optional.empty();
        long stoppedBound = 0;
        int searched = 0;
        for (int p : byValue) {
            if (dps[p].size() <= 1 || bestValue[p] <= floor) {
                continue;
            }
            stop = deadline.stopReason();
            if (stop.isPresent()) {
                break;
            }
            SegmentDp.Outcome beam = dps[p].run(floor, bestValue[p], BEAM_WIDTH, budget);
            improve(beam, p, best, bestValue);
            if (beam.stop().isPresent()) {
                stop = beam.stop();
                break;
            }
            if (bestValue[p] <= floor) {
                continue;
            }
            searched++;
            SegmentDp.Outcome exact = dps[p].run(floor, bestValue[p], 0, budget);
            improve(exact, p, best, bestValue);
            if (exact.stop().isPresent()) {
                stop = exact.stop();
                stoppedBound = exact.lowerBoundBytes();
                break;
            }
            floor = Math.max(floor, bestValue[p]);
        }
        int[] order = new int[n];
        int k = 0;
        for (int p = 0; p < np; p++) {
            for (int j : best[p]) {
                order[k++] = dps[p].globalOp(j);
            }
        }
        long bound = Math.max(floor, stoppedBound);
        DpStats stats = new DpStats(budget.expanded, budget.kept, budget.pruned, budget.forced, cuts.cuts(), np,
                searched, largest);
        ScheduleResult r = ScheduleResult.verified(name(), graph, model, order, bound,
                stop.orElse(Status.OPTIMAL), deadline.elapsed(), stats);
        options.progress().incumbent(name(), r.peakBytes(), r.seconds());
        return r;
    }

    /** The orders the search starts from: program order, reverse post-order, greedy, then the incumbents. */
    private List<int[]> startOrders(Graph graph, Collection<Schedule> incumbents) {
        List<int[]> starts = new ArrayList<>();
        starts.add(new ProgramOrderScheduler(options).order(graph));
        starts.add(new ReversePostOrderScheduler(options).order(graph));
        starts.add(new GreedyScheduler(options).order(graph));
        for (Schedule s : incumbents) {
            starts.add(s.indicesIn(graph));
        }
        return starts;
    }

    /**
     * The graph is too large for the tables of the search (checked before they are built): the best of the
     * heuristic orders and the incumbents, with status {@link Status#BUDGET}.
     */
    private ScheduleResult tooLarge(Graph graph, Collection<Schedule> incumbents, Deadline deadline,
                                    SeriesSegments cuts) {
        MemoryModel model = options.memoryModel();
        List<int[]> starts = startOrders(graph, incumbents);
        int[] best = starts.get(0);
        long bestPeak = Long.MAX_VALUE;
        for (int[] order : starts) {
            long peak = io.memsched.memory.MemorySimulator.peak(graph, model, order);
            if (peak < bestPeak) {
                bestPeak = peak;
                best = order;
            }
        }
        DpStats stats = new DpStats(0, 0, 0, 0, cuts.cuts(), cuts.size(), 0, cuts.largest());
        ScheduleResult r = ScheduleResult.verified(name(), graph, model, best, 0, Status.BUDGET, deadline.elapsed(),
                stats);
        options.progress().incumbent(name(), r.peakBytes(), r.seconds());
        return r;
    }

    private static void improve(SegmentDp.Outcome out, int p, int[][] best, long[] bestValue) {
        if (out.order().isPresent() && out.peakBytes() < bestValue[p]) {
            best[p] = out.order().get();
            bestValue[p] = out.peakBytes();
        }
    }

    /**
     * One {@link SegmentDp} per segment, with the live bytes at its start; {@code bounds[p]} receives the endpoint
     * bound of segment {@code p} (see {@link SegmentDp#endpointBound}).
     */
    private static SegmentDp[] segmentDps(StepCosts costs, SeriesSegments cuts, long[] bounds) {
        Graph g = costs.graph();
        List<SeriesSegments.Segment> segments = cuts.segments();
        int np = segments.size();
        long[] dies = new long[np + 1];
        for (int t = 0; t < g.tensorCount(); t++) {
            Ints c = g.consumers(t);
            if (c.isEmpty() || g.isGraphOutput(t)) {
                continue;
            }
            int last = -1;
            for (int k = 0; k < c.size(); k++) {
                last = Math.max(last, cuts.segmentOf(c.get(k)));
            }
            dies[last] += g.bytes(t);
        }
        long live = costs.inputBytes();
        long drop = costs.unreadInputs();
        long outputs = 0;
        Ints ins = g.inputIndices();
        for (int k = 0; k < ins.size(); k++) {
            int t = ins.get(k);
            if (g.isGraphOutput(t)) {
                outputs += g.bytes(t);
            }
        }
        SegmentDp[] dps = new SegmentDp[np];
        for (int p = 0; p < np; p++) {
            int[] ops = segments.get(p).ops().toArray();
            dps[p] = new SegmentDp(costs, ops, cuts, live, outputs, p == 0 ? drop : 0);
            for (int o : ops) {
                outputs += costs.graphOutputBytes(o);
                live += costs.kept(o);
            }
            live -= dies[p] + (p == 0 ? drop : 0);
            bounds[p] = dps[p].endpointBound(live);
        }
        return dps;
    }

    /**
     * Every order starts with a source operator, run on the graph inputs, and ends with a sink operator, run when
     * only the graph outputs and its own inputs are live: the smallest first-step and the smallest last-step
     * footprints are lower bounds. Time O(n + e).
     */
    static long endpointBound(StepCosts costs) {
        Graph g = costs.graph();
        int n = g.opCount();
        if (n < 2) {
            return 0;
        }
        long first = Long.MAX_VALUE;
        long last = Long.MAX_VALUE;
        for (int o = 0; o < n; o++) {
            int victim = costs.victim(o);
            if (g.predecessors(o).isEmpty()) {
                // the victim dies at a first operator only when nothing else reads it
                first = Math.min(first, costs.footprint(costs.inputBytes(), o,
                        victim >= 0 && g.consumers(victim).size() == 1));
            }
            if (g.successors(o).isEmpty()) {
                long live = costs.outputBytes() - costs.graphOutputBytes(o);
                Ints in = g.opInputs(o);
                for (int k = 0; k < in.size(); k++) {
                    int t = in.get(k);
                    if (!g.isGraphOutput(t) && in.stream().limit(k).noneMatch(x -> x == t)) {
                        live += g.bytes(t);
                    }
                }
                // everything else has run: the victim dies here
                last = Math.min(last, costs.footprint(live, o, true));
            }
        }
        return Math.max(first, last);
    }

    @Override
    public String toString() {
        return name();
    }
}
