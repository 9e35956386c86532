package io.memsched.schedule;

import io.memsched.graph.Graph;
import java.util.stream.IntStream;

/**
 * The order as written (the order of {@link Graph#ops()}), when it is a valid schedule; otherwise the same order
 * repaired by Kahn's algorithm that always takes the earliest written ready operator.
 * Time O(n + e) (O(n log n + e) when repaired).
 */
public final class ProgramOrderScheduler extends OrderingScheduler {
    /** A program-order scheduler with these options. */
    public ProgramOrderScheduler(SchedulerOptions options) {
        super(options);
    }

    @Override
    public String name() {
        return "program";
    }

    @Override
    int[] order(Graph graph) {
        int n = graph.opCount();
        boolean[] done = new boolean[n];
        boolean valid = true;
        for (int i = 0; i < n && valid; i++) {
            for (int k = 0; k < graph.predecessors(i).size(); k++) {
                if (!done[graph.predecessors(i).get(k)]) {
                    valid = false;
                    break;
                }
            }
            done[i] = true;
        }
        if (valid) {
            return IntStream.range(0, n).toArray();
        }
        return TopologicalOrders.kahn(graph, Integer::compare);
    }
}
