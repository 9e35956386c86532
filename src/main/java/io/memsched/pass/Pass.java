package io.memsched.pass;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.graph.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * One graph transformation with a stable kebab-case name (as MLIR and TVM name their passes): fusion rules, the
 * SERENITY rewrites and a user's own transformation are all passes, and a {@link Pipeline} of passes is one too.
 * A pass never fails on a valid graph: when it finds nothing to do it returns the graph unchanged; when the
 * context's deadline expires it returns the graph transformed so far.
 *
 * <p>A pass fits in a notebook cell as a lambda over graphs; operators keep their provenance by name:
 * <pre>{@code
 * Pass dropIdentity = Pass.rewriting("drop-identity", g -> ...a new Graph without the Identity ops...);
 * Plan p = Memsched.plan(g).passes(dropIdentity, Passes.fusion()).run();
 * }</pre>
 */
public interface Pass {
    /** The stable kebab-case name, as pipelines and statistics list it. */
    String name();

    /** Runs the pass once on {@code graph}. */
    PassResult run(Graph graph, PassContext context);

    /**
     * Whether the pass provably keeps the optimal peak (under the context's memory model): then a lower bound proved
     * on its output bounds its input too. False unless a pass argues it (the fusion rules do).
     */
    default boolean preservesOptimum() {
        return false;
    }

    /** A pass from a name and a function returning its full result. */
    static Pass of(String name, BiFunction<Graph, PassContext, PassResult> body) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        return new Pass() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public PassResult run(Graph graph, PassContext context) {
                return Objects.requireNonNull(body.apply(graph, context), () -> "pass " + name + " returned null");
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /**
     * A rewriting pass from a graph-to-graph function. Provenance goes by operator name: an operator whose name the
     * input has stands for that operator; a new operator stands for every input operator that disappeared (or, when
     * none did, for nothing: it only adds work).
     */
    static Pass rewriting(String name, UnaryOperator<Graph> body) {
        Objects.requireNonNull(body, "body");
        return of(name, (g, ctx) -> {
            Graph out = Objects.requireNonNull(body.apply(g), () -> "pass " + name + " returned null");
            return PassResult.of(g, out, byName(g, out), PassStats.of(name, g.opCount(), out.opCount(),
                    Map.of(name, out == g ? 0 : 1)));
        });
    }

    /** Provenance of {@code after} against {@code before} by operator name (see {@link #rewriting}). */
    static Provenance byName(Graph before, Graph after) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < before.opCount(); i++) {
            index.put(before.op(i).name(), i);
        }
        boolean[] kept = new boolean[before.opCount()];
        for (Op op : after.ops()) {
            Integer i = index.get(op.name());
            if (i != null) {
                kept[i] = true;
            }
        }
        List<Integer> gone = new ArrayList<>();
        for (int i = 0; i < kept.length; i++) {
            if (!kept[i]) {
                gone.add(i);
            }
        }
        Ints removed = Ints.of(gone.stream().mapToInt(Integer::intValue).toArray());
        List<Ints> members = new ArrayList<>(after.opCount());
        for (Op op : after.ops()) {
            Integer i = index.get(op.name());
            members.add(i != null ? Ints.of(i) : removed);
        }
        boolean same = after.opCount() == before.opCount();
        for (int i = 0; same && i < after.opCount(); i++) {
            same = after.op(i).name().equals(before.op(i).name());
        }
        return same ? Provenance.identity(before.opCount()) : Provenance.rewrite(members, before.opCount());
    }
}
