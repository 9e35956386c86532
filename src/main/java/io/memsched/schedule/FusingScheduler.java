package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.pass.Pass;
import io.memsched.pass.PassContext;
import io.memsched.pass.PassResult;
import io.memsched.run.Deadline;
import java.time.Duration;
import java.util.Objects;

/**
 * Decorator: runs a grouping pass (fusion) on the graph, schedules its output with an inner scheduler, and expands
 * the order back to the original operators through the pass's provenance. Every fusion rule preserves the optimal
 * peak, so the inner scheduler's lower bound on the fused graph bounds the original graph too; the expanded order is
 * re-simulated on the original graph by {@link ScheduleResult#verified}. Statistics are {@link FusedStats}.
 *
 * <pre>{@code
 * Scheduler ilp = new FusingScheduler("ilp", Fusion.pipeline(), options, o -> new IlpScheduler(o, backend));
 * }</pre>
 */
public final class FusingScheduler implements Scheduler {
    private final String name;
    private final Pass fusion;
    private final SchedulerOptions options;
    private final java.util.function.Function<SchedulerOptions, Scheduler> inner;

    /** A scheduler called {@code name} that fuses with {@code fusion} and then runs {@code inner}. */
    public FusingScheduler(String name, Pass fusion, SchedulerOptions options, Scheduler inner) {
        this(name, fusion, options, rest -> inner);
        Objects.requireNonNull(inner, "inner");
    }

    /**
     * A scheduler called {@code name} that fuses with {@code fusion} (a pass whose provenance is a grouping) and
     * then runs the scheduler {@code inner} makes from the options with the time left after fusion.
     */
    public FusingScheduler(String name, Pass fusion, SchedulerOptions options,
                           java.util.function.Function<SchedulerOptions, Scheduler> inner) {
        this.name = Objects.requireNonNull(name, "name");
        this.fusion = Objects.requireNonNull(fusion, "fusion");
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
        PassResult fused = fusion.run(graph, new PassContext(options.memoryModel(), deadline, options.progress()));
        if (!fused.provenance().grouping()) {
            throw new IllegalStateException("pass '" + fusion.name() + "' of " + name + " is not a grouping");
        }
        Duration left = deadline.remaining();
        ScheduleResult r = inner.apply(options.withTimeLimit(left.toNanos() < 1_000_000 ? Duration.ofMillis(1) : left))
                .schedule(fused.graph());
        int[] order = fused.expand(r.schedule().indicesIn(fused.graph()));
        return ScheduleResult.verified(name, graph, options.memoryModel(), order, r.lowerBoundBytes(), r.status(),
                deadline.elapsed(), FusedStats.of(fused.stats(), r.stats()));
    }

    @Override
    public String toString() {
        return name + "(" + fusion + ")";
    }
}
