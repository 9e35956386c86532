package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.memory.MemorySimulator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The best of the one-pass heuristics: runs the memory-aware list scheduler ({@code list}), least peak first
 * ({@code lpmf}), heavier-operand-first DFS ({@code dfs}), reverse post-order ({@code rpo}) and program order
 * ({@code program}) and keeps the lowest peak (the first listed on ties). Cost: the sum of theirs plus one simulation
 * each, O(n * r * d) overall. The statistics name the heuristic that won.
 *
 * @see ListScheduler
 * @see LeastPeakScheduler
 * @see DfsScheduler
 */
public final class GreedyScheduler implements Scheduler {
    private static final List<Function<SchedulerOptions, OrderingScheduler>> HEURISTICS = List.of(
            ListScheduler::new, LeastPeakScheduler::new, DfsScheduler::new, ReversePostOrderScheduler::new,
            ProgramOrderScheduler::new);
    private final SchedulerOptions options;

    /** A best-of-heuristics scheduler with these options. */
    public GreedyScheduler(SchedulerOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public String name() {
        return "greedy";
    }

    @Override
    public ScheduleResult schedule(Graph graph) {
        Objects.requireNonNull(graph, "graph");
        long start = System.nanoTime();
        int[] best = null;
        long bestPeak = Long.MAX_VALUE;
        String chosen = "";
        Map<String, Object> peaks = new LinkedHashMap<>();
        for (Function<SchedulerOptions, OrderingScheduler> f : HEURISTICS) {
            OrderingScheduler h = f.apply(options);
            int[] order = h.order(graph);
            long peak = MemorySimulator.peak(graph, options.memoryModel(), order);
            peaks.put(h.name(), peak);
            if (peak < bestPeak) {
                best = order;
                bestPeak = peak;
                chosen = h.name();
            }
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("chosen", chosen);
        stats.putAll(peaks);
        return ScheduleResult.verified(name(), graph, options.memoryModel(), best, 0, Status.FEASIBLE,
                Duration.ofNanos(System.nanoTime() - start), AlgorithmStats.of(stats));
    }

    @Override
    public String toString() {
        return name();
    }
}
