package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.memory.StepCosts;

/**
 * "Least peak memory first": at every step run the ready operator whose step has the smallest footprint (live
 * bytes plus its outputs, less an in-place reuse, plus workspace), ties broken by the smaller live size after the
 * step, then by the lower operator index. A greedy that looks at the peak rather than the net allocation; it
 * prefers cheap operators and defers big ones. Keys are kept up to date incrementally in a priority
 * queue with lazy deletion ({@link GreedyScheduler}'s machinery): time O((n + e) log n).
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
        // footprint = live + alloc + workspace, live after = live + outputs - freed: live is common to all choices
        StepCosts costs = StepCosts.of(graph, options.memoryModel());
        return GreedyScheduler.lazyOrder(costs, new GreedyScheduler.Keys() {
            @Override
            public long primary(int op, long alloc, long freed) {
                return alloc + costs.workspace(op);
            }

            @Override
            public long secondary(int op, long alloc, long freed) {
                return costs.allocated(op) - freed;
            }
        });
    }
}
