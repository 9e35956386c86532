package io.memsched.pass;

import io.memsched.graph.Graph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Passes run one after the other, once ({@link #sequence}) or round after round until a whole round changes nothing
 * ({@link #fixpoint}); a pipeline is itself a {@link Pass} (as TVM's {@code Sequential}), so pipelines nest. The
 * result's provenance is the composition of its passes' provenances, its statistics add up their applications per
 * rule, and its steps list every pass result in the order they ran. The deadline of the context is polled before
 * every pass; a pipeline stopped early returns the graph transformed so far ({@link PassStats#stoppedEarly()}).
 *
 * <pre>{@code
 * Pass fusion = Pipeline.fixpoint("fusion", new ReleaseEarlyFusion(), new DelayGrowthFusion());
 * PassResult r = fusion.run(graph, PassContext.of(MemoryModel.INPLACE));
 * r.stats();      // fusion: 786 -> 412 ops in 5 rounds, applied {fuse-release-early=..., fuse-delay-growth=...}
 * }</pre>
 * Time: the sum of the passes' costs, times the rounds for a fixpoint.
 */
public final class Pipeline implements Pass {
    private final String name;
    private final List<Pass> passes;
    private final boolean fixpoint;

    private Pipeline(String name, List<? extends Pass> passes, boolean fixpoint) {
        this.name = Objects.requireNonNull(name, "name");
        this.passes = List.copyOf(Objects.requireNonNull(passes, "passes"));
        this.fixpoint = fixpoint;
    }

    /** The passes run once, in order. */
    public static Pipeline sequence(String name, List<? extends Pass> passes) {
        return new Pipeline(name, passes, false);
    }

    /** The passes run once, in order. */
    public static Pipeline sequence(String name, Pass... passes) {
        return sequence(name, List.of(passes));
    }

    /** The passes run round after round until a round changes nothing. */
    public static Pipeline fixpoint(String name, List<? extends Pass> passes) {
        return new Pipeline(name, passes, true);
    }

    /** The passes run round after round until a round changes nothing. */
    public static Pipeline fixpoint(String name, Pass... passes) {
        return fixpoint(name, List.of(passes));
    }

    @Override
    public String name() {
        return name;
    }

    /** The passes, in order. */
    public List<Pass> passes() {
        return passes;
    }

    /** True when every pass keeps the optimal peak. */
    @Override
    public boolean preservesOptimum() {
        return passes.stream().allMatch(Pass::preservesOptimum);
    }

    /** Whether the passes repeat to a fixpoint. */
    public boolean isFixpoint() {
        return fixpoint;
    }

    @Override
    public PassResult run(Graph graph, PassContext context) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(context, "context");
        Graph g = graph;
        Provenance provenance = Provenance.identity(graph.opCount());
        Map<String, Integer> applied = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        List<PassResult> steps = new ArrayList<>();
        int rounds = 0;
        boolean stopped = false;
        boolean again = !passes.isEmpty();
        while (again && !stopped) {
            again = false;
            rounds++;
            skipped.clear();
            for (Pass p : passes) {
                if (context.expired()) {
                    stopped = true;
                    break;
                }
                PassResult r = p.run(g, context);
                if (r.input() != g) {
                    throw new IllegalStateException("pass '" + p.name() + "' returned a result for another graph");
                }
                r.stats().applied().forEach((k, v) -> applied.merge(k, v, Integer::sum));
                skipped.addAll(r.stats().skipped());
                stopped |= r.stats().stoppedEarly();
                if (!r.changed()) {
                    continue;
                }
                steps.add(r);
                again = fixpoint;
                provenance = provenance.then(r.provenance());
                g = r.graph();
            }
        }
        return new PassResult(graph, g, provenance,
                new PassStats(name, graph.opCount(), g.opCount(), applied, rounds, skipped, stopped), steps);
    }

    /** The pipeline as text: {@code name(p1,p2)} or {@code name*(p1,p2)} for a fixpoint. */
    @Override
    public String toString() {
        return name + (fixpoint ? "*" : "") + "(" + passes.stream().map(Pass::toString).collect(Collectors.joining(","))
                + ")";
    }
}
