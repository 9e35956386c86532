package io.memsched.rewrite;

import io.memsched.graph.Graph;
import io.memsched.graph.pass.GraphPass;
import io.memsched.graph.pass.PassResult;
import io.memsched.graph.pass.PassStats;
import io.memsched.memory.MemoryModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The SERENITY rewrites as a {@link GraphPass} named {@code serenity}, for pass pipelines: each application counts
 * as one merge of its rule; each operator of the output stands for the operator it derives from (a partial
 * convolution for its convolution, a per-input copy for the per-channel operator it copies).
 * <pre>{@code
 * PassResult r = new SerenityPass().apply(graph, MemoryModel.INPLACE);
 * }</pre>
 *
 * @see SerenityRewrites
 */
public final class SerenityPass implements GraphPass {
    private final SerenityRewrites.Options options;

    /** The pass with default options (the memory model comes with each call). */
    public SerenityPass() {
        this(SerenityRewrites.Options.defaults());
    }

    /** The pass with these options; {@link #apply} replaces their memory model with its own. */
    public SerenityPass(SerenityRewrites.Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public String name() {
        return "serenity";
    }

    @Override
    public PassResult apply(Graph graph, MemoryModel model) {
        RewriteResult r = SerenityRewrites.apply(graph, options.withMemoryModel(model));
        Map<String, Integer> merges = new LinkedHashMap<>();
        for (RewriteRule rule : SerenityRewrites.rules(options)) {
            merges.put(rule.name(), 0);
        }
        r.applied().forEach(a -> merges.merge(a.rule(), 1, Integer::sum));
        return new PassResult(r.graph(), r.members(),
                new PassStats(name(), graph.opCount(), r.graph().opCount(), merges, 1));
    }
}
