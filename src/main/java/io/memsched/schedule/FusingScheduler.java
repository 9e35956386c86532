package io.memsched.schedule;

import io.memsched.fusion.FusedGraph;
import io.memsched.fusion.FusionPipeline;
import io.memsched.graph.Graph;
import io.memsched.run.Deadline;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Decorator: fuses the graph with a {@link FusionPipeline}, schedules the fused graph with an inner scheduler, and
 * expands the order back to the original operators. Every fusion rule preserves the optimal peak, so the inner
 * scheduler's lower bound on the fused graph bounds the original graph too; the expanded order is re-simulated on
 * the original graph by {@link ScheduleResult#verified}. Statistics add {@code opsBeforeFusion},
 * {@code opsAfterFusion}, {@code fusionMerges} and {@code fusionPasses} to the inner ones.
 *
 * <pre>{@code
 * Scheduler ilp = new FusingScheduler("ilp", FusionPipeline.defaults(), options, new IlpScheduler(options, backend));
 * }</pre>
 */
public final class FusingScheduler implements Scheduler {
    private final String name;
    private final FusionPipeline pipeline;
    private final SchedulerOptions options;
    private final java.util.function.Function<SchedulerOptions, Scheduler> inner;

    /** A scheduler called {@code name} that fuses with {@code pipeline} and then runs {@code inner}. */
    public FusingScheduler(String name, FusionPipeline pipeline, SchedulerOptions options, Scheduler inner) {
        this(name, pipeline, options, rest -> inner);
        Objects.requireNonNull(inner, "inner");
    }

    /**
     * A scheduler called {@code name} that fuses with {@code pipeline} and then runs the scheduler {@code inner}
     * makes from the options with the time left after fusion.
     */
    public FusingScheduler(String name, FusionPipeline pipeline, SchedulerOptions options,
                           java.util.function.Function<SchedulerOptions, Scheduler> inner) {
        this.name = Objects.requireNonNull(name, "name");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.options = Objects.requireNonNull(options, "options");
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ScheduleResult schedule(Graph graph) {
        Deadline deadline = options.deadline();
        deadline.stage("fusion");
        // fusion stops between passes when time is up: what it fused so far keeps the optimal peak
        FusedGraph fused = pipeline.fuse(graph, options.memoryModel(), deadline::expired);
        Duration left = deadline.remaining();
        ScheduleResult r = inner.apply(options.withTimeLimit(left.toNanos() < 1_000_000 ? Duration.ofMillis(1) : left))
                .schedule(fused.graph());
        int[] order = fused.expand(r.schedule().indicesIn(fused.graph()));
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("opsBeforeFusion", fused.stats().opsBefore());
        stats.put("opsAfterFusion", fused.stats().opsAfter());
        stats.put("fusionMerges", fused.stats().totalMerges());
        stats.put("fusionPasses", fused.stats().passes());
        stats.putAll(r.stats().asMap());
        return ScheduleResult.verified(name, graph, options.memoryModel(), order, r.lowerBoundBytes(), r.status(),
                deadline.elapsed(), AlgorithmStats.of(stats));
    }

    @Override
    public String toString() {
        return name + "(fuse " + pipeline + ")";
    }
}
