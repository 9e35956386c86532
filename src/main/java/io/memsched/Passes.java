package io.memsched;

import io.memsched.fusion.Fusion;
import io.memsched.graph.Graph;
import io.memsched.pass.Pass;
import io.memsched.pass.PassContext;
import io.memsched.pass.PassResult;
import io.memsched.pass.Pipeline;
import io.memsched.rewrite.SerenityRewrites;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * The built-in passes and ways to make one, for {@link Plan.Builder#passes}:
 * <pre>{@code
 * Memsched.plan(g).passes(Passes.serenity(), Passes.fusion(), Passes.rewriting("my-pass", myFunction)).run();
 * }</pre>
 */
public final class Passes {
    private Passes() {
    }

    /**
     * The optimality-preserving fusion rules to a fixpoint (a grouping: a plan's order runs on the unfused graph).
     */
    public static Pass fusion() {
        return Fusion.pipeline();
    }

    /**
     * SERENITY's channel-wise and kernel-wise partitioning, applied where it cannot raise the optimal peak under the
     * plan's memory model (a rewrite: the plan's graph is the rewritten one).
     */
    public static Pass serenity() {
        return SerenityRewrites.pass();
    }

    /** SERENITY's rewrites wherever the pattern matches (also where they could raise the peak). */
    public static Pass serenityEverywhere() {
        return SerenityRewrites.pass(SerenityRewrites.Options.defaults().withOnlyIfNoWorse(false));
    }

    /** A pass from a graph-to-graph function; provenance by operator name ({@link Pass#rewriting}). */
    public static Pass rewriting(String name, UnaryOperator<Graph> body) {
        return Pass.rewriting(name, body);
    }

    /** A pass from a function returning its full result ({@link Pass#of}). */
    public static Pass of(String name, BiFunction<Graph, PassContext, PassResult> body) {
        return Pass.of(name, body);
    }

    /** The passes run once, in order, as one pass. */
    public static Pass sequence(String name, Pass... passes) {
        return Pipeline.sequence(name, passes);
    }

    /** The passes run to a fixpoint, as one pass. */
    public static Pass fixpoint(String name, Pass... passes) {
        return Pipeline.fixpoint(name, passes);
    }
}
