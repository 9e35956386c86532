package io.memsched.rewrite;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.graph.Tensor;
import io.memsched.memory.MemorySimulator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * SERENITY's channel-wise partitioning: {@code y = Concat(a1..am); z = Conv(y)} becomes a chain of partial
 * convolutions, each over one concat input's channel slice, accumulated into the output:
 * {@code acc1 = PartialConv(a1); acc2 = PartialConv(acc1, a2); ...; z = PartialConv(acc(m-1), am)}. The
 * concatenated tensor never exists and each input can die right after its partial convolution. Element-wise
 * operators between the concat and the convolution (a {@code Relu}) are fused into each partial operator, applied
 * to its slice. When several convolutions read the concatenated tensor (as in NAS cells, where a cell output feeds
 * the next two cells), each gets its own chain and the concat disappears.
 *
 * <p>Memory modelling: partial operators {@code 2..m} list the accumulator as their first input, have the
 * output's size and are marked in-place, so under {@code --memory-model inplace} each writes into the dying
 * accumulator and the chain holds one accumulator. Under the default model nothing is reused: at each partial
 * step the old and the new accumulator coexist (the honest cost of accumulating without in-place writes), so the
 * rewrite saves less and can cost more.
 *
 * <p>With {@link SerenityRewrites.Options#onlyIfNoWorse()} (the default) the rule applies only where it provably
 * cannot raise the optimal peak. Proof sketch: take any order of the original graph and run the partial chain of
 * each convolution where the convolution ran. Between the concat and the convolutions the inputs a1..am (at most
 * |y| bytes) are live instead of the concatenated tensor (|y| bytes), so no step grows; at partial step k the
 * footprint is at most the convolution's plus {@code acc + z - zOrig - (single reader ? |a1..a(k-1)| : 0)}, where
 * {@code acc} is the old accumulator when it is not reused in place and {@code zOrig} what the convolution's output
 * cost. The rule applies when that excess is never positive: always under the in-place model, and under the
 * default model for a single convolution whose output is no larger than the first partition (the largest input
 * goes first then).
 *
 * <p>Time O(m * c) per application for m inputs and c convolutions.
 *
 * @see KernelWisePartitionRewrite
 * @see SerenityRewrites
 */
public final class ChannelWisePartitionRewrite implements RewriteRule {
    /** Type of the partial convolutions it creates. */
    public static final String PARTIAL_CONV = "PartialConv";
    private final SerenityRewrites.Options options;

    /** The rule with these options. */
    public ChannelWisePartitionRewrite(SerenityRewrites.Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public String name() {
        return "channel-partition";
    }

    @Override
    public String description() {
        return "concat followed by convolutions -> partial convolutions over each input, accumulated in place";
    }

    @Override
    public Match match(Graph g, int op) {
        Optional<ConcatPattern> found = ConcatPattern.find(g, op, options, options.convTypes());
        if (found.isEmpty()) {
            return Match.none();
        }
        ConcatPattern p = found.get();
        if (p.problem().isPresent()) {
            return Match.skip(p.problem().get());
        }
        int[] order = partOrder(g, p);
        if (options.onlyIfNoWorse()) {
            Optional<String> risk = risk(g, p, order);
            if (risk.isPresent()) {
                return Match.skip(risk.get());
            }
        }
        Set<String> taken = new HashSet<>();
        List<NewOp> ops = new ArrayList<>();
        for (int c : p.consumers()) {
            Tensor z = g.tensor(g.opOutputs(c).get(0));
            List<String> extras = extraInputs(g, c);
            String prev = null;
            for (int k = 0; k < order.length; k++) {
                String part = g.tensor(p.parts()[order[k]]).name();
                String name = ConcatPattern.fresh(g, taken, g.op(c).name() + "__part" + k);
                Tensor out = k == order.length - 1 ? z
                        : new Tensor(ConcatPattern.fresh(g, taken, z.name() + "__acc" + k), z.bytes(), z.shape(),
                        z.dtype());
                List<String> reads = new ArrayList<>();
                if (prev != null) {
                    reads.add(prev);
                }
                reads.add(part);
                reads.addAll(extras);
                ops.add(new NewOp(name, PARTIAL_CONV, reads, out, g.op(c).workspaceBytes(), prev != null));
                prev = out.name();
            }
        }
        String convs = p.consumers().stream().map(c -> "'" + g.op(c).name() + "'").collect(Collectors.joining(", "));
        String summary = "concat '" + g.op(p.concat()).name() + "'" + p.chainText(g) + " -> conv " + convs
                + ": " + order.length + " partial convs each, concatenated tensor '"
                + g.tensor(g.opOutputs(p.concat()).get(0)).name() + "' (" + p.totalBytes(g) + " B) removed";
        return Match.replace(Replacement.of(p.removedOps(g), b -> NewOp.emit(b, ops), summary));
    }

    /** Concat input order under the in-place model; largest first (stable) otherwise. */
    private int[] partOrder(Graph g, ConcatPattern p) {
        IntStream idx = IntStream.range(0, p.parts().length);
        if (options.memoryModel().inplace()) {
            return idx.toArray();
        }
        return idx.boxed().sorted((x, y) -> Long.compare(g.bytes(p.parts()[y]), g.bytes(p.parts()[x])))
                .mapToInt(Integer::intValue).toArray();
    }

    private static List<String> extraInputs(Graph g, int c) {
        List<String> extras = new ArrayList<>();
        Ints in = g.opInputs(c);
        for (int k = 1; k < in.size(); k++) {
            extras.add(g.tensor(in.get(k)).name());
        }
        return extras;
    }

    /** Why the rewrite might raise the optimal peak (see the class comment), or empty when it cannot. */
    private Optional<String> risk(Graph g, ConcatPattern p, int[] order) {
        boolean single = p.consumers().size() == 1;
        boolean inplace = options.memoryModel().inplace();
        for (int c : p.consumers()) {
            long z = g.bytes(g.opOutputs(c).get(0));
            boolean convReuses = inplace && MemorySimulator.inplaceCandidate(g, c) == p.end();
            long zOrig = convReuses ? 0 : z;
            long prefix = 0;
            for (int k = 0; k < order.length; k++) {
                long acc = k > 0 && !inplace ? z : 0;
                long excess = acc + z - zOrig - (single ? prefix : 0);
                if (excess > 0) {
                    return Optional.of("partitioning '" + g.op(c).name() + "' could raise the peak by up to " + excess
                            + " B under the " + options.memoryModel() + " memory model ("
                            + (inplace ? "the convolution already reuses its input in place"
                            : "partial sums are not accumulated in place") + ")");
                }
                prefix += g.bytes(p.parts()[order[k]]);
            }
        }
        return Optional.empty();
    }
}
