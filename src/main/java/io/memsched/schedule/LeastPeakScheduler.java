package io.memsched.schedule;

import io.memsched.graph.Graph;

/**
 * "Least peak memory first": at every step run the ready operator whose step has the smallest footprint (live
 * bytes plus its outputs, less an in-place reuse, plus workspace), ties broken by the smaller live size after the
 * step, then by the lower operator index. A greedy that looks at the peak rather than the net allocation; it
 * prefers cheap operators and defers big ones. Time O(n * r * d) for r ready operators and operator degree d.
 *
 * @see GreedyScheduler
 */
public final class LeastPeakScheduler extends OrderingScheduler {
    /** A least-peak-first scheduler with these options. */
    public LeastPeakScheduler(SchedulerOptions options) {
        super(options);
    }

    @Override
    public String name() {
        return "lpmf";
    }

    @Override
    int[] order(Graph graph) {
        int n = graph.opCount();
        ReadyList rl = new ReadyList(graph, options.memoryModel());
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            int bestPos = -1;
            long bestFoot = Long.MAX_VALUE;
            long bestAfter = Long.MAX_VALUE;
            for (int r = 0; r < rl.size(); r++) {
                int i = rl.get(r);
                long foot = rl.footprint(i);
                long after = rl.live() + rl.outputBytes(i) - rl.freed(i);
                if (bestPos < 0 || foot < bestFoot || foot == bestFoot && (after < bestAfter
                        || after == bestAfter && i < rl.get(bestPos))) {
                    bestFoot = foot;
                    bestAfter = after;
                    bestPos = r;
                }
            }
            order[k] = rl.run(bestPos);
        }
        return order;
    }
}
