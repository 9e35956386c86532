package io.memsched.rewrite;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.graph.Tensor;
import io.memsched.memory.StepCosts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * SERENITY's channel-wise partitioning: {@code y = Concat(a1..am); z = Conv(y)} becomes a chain of partial
 * convolutions, each over one concat input's channel slice, accumulated into the output:
 * {@code acc1 = PartialConv(a1); acc2 = PartialConv(acc1, a2); ...; z = PartialConv(acc(m-1), am)}. The
 * concatenated tensor never exists and each input can die right after its partial convolution. A convolution is
 * linear in its input channels, so this is exact for any convolution, grouped or depthwise ones included (a
 * partial convolution adds the bias once, in the first partial).
 *
 * <p>Between the concat and the convolutions there may be a tree of per-channel operators
 * ({@link SerenityRewrites.Options#perChannelTypes()}: activations, padding, slicing, pooling; in NAS cells a
 * {@code Relu} feeding the next two cells' 1x1 convolutions and a factorised reduction); each runs once per concat
 * input, on its slice ({@code Relu(ai)}, {@code Pad(ai)}, ...), and every convolution at a leaf gets its own
 * partial chain. Anything else reading a tensor of the tree makes the rule skip, with the reason.
 *
 * <p>Memory modelling: partial convolutions {@code 2..m} list the accumulator as their first input, have the
 * output's size and are marked in-place, so under {@code --memory-model inplace} each writes into the dying
 * accumulator and the chain holds one accumulator. Under the default model nothing is reused: at each partial
 * step the old and the new accumulator coexist (the honest cost of accumulating without in-place writes), so the
 * rewrite saves less and can cost more.
 *
 * <p>With {@link SerenityRewrites.Options#onlyIfNoWorse()} (the default) the rule applies only where it provably
 * cannot raise the optimal peak. Proof sketch: take an optimal order of the original graph; run the per-slice copies
 * of each per-channel operator where it ran, and the partial chain of each convolution where the convolution ran.
 * Between steps, the slices of a tensor take exactly the bytes of the tensor (the inputs of the concat stand for the
 * concatenated tensor); at a per-channel step the slices of the output made so far are bounded by the output; and a
 * copy reuses its input in place whenever the original did, provided the concat inputs have no reader that may run
 * after the concat (checked). At partial step k of a convolution the footprint exceeds the convolution's by at most
 * {@code acc + z - zOrig - (sole reader ? slices already consumed : 0)}, where {@code acc} is the old accumulator
 * when it is not reused in place and {@code zOrig} what the convolution's output cost: the rule applies when that
 * is never positive. That always holds under the in-place model; under the default model it needs a single
 * convolution whose output is no larger than the first slice (the largest input goes first then).
 *
 * <p>Time O(n + m * (t + c)) per application for m inputs, t per-channel operators and c convolutions.
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
        Optional<ConcatTree> found = ConcatTree.find(g, op, options, options.convTypes());
        if (found.isEmpty()) {
            return Match.none();
        }
        ConcatTree p = found.get();
        if (p.problem().isPresent()) {
            return Match.skip(p.problem().get());
        }
        int[] order = partOrder(g, p);
        boolean privateParts = p.partsPrivate(g);
        if (options.onlyIfNoWorse()) {
            Optional<String> risk = risk(g, p, order, privateParts);
            if (risk.isPresent()) {
                return Match.skip(risk.get());
            }
        }
        Set<String> taken = new HashSet<>();
        List<NewOp> ops = new ArrayList<>();
        int y = p.output(g);
        // slice names of every tree tensor, by distinct part; the concat output's slices are the parts themselves
        Map<Integer, String[]> slices = new HashMap<>();
        String[] ys = new String[p.distinct().length];
        for (int d = 0; d < ys.length; d++) {
            ys[d] = g.tensor(p.distinct()[d]).name();
        }
        slices.put(y, ys);
        for (int u : p.treeOps()) {
            int in = g.opInputs(u).get(0);
            int out = g.opOutputs(u).get(0);
            Tensor o = g.tensor(out);
            String[] names = new String[ys.length];
            for (int d = 0; d < ys.length; d++) {
                Tensor slice = ConcatPattern.resized(o, ConcatPattern.fresh(g, taken, o.name() + "__part" + d),
                        p.sliceBytes(g, out, d), p.axis(), p.channels(g, d));
                names[d] = slice.name();
                ops.add(new NewOp(ConcatPattern.fresh(g, taken, g.op(u).name() + "__part" + d), g.op(u).type(),
                        List.of(slices.get(in)[d]), slice, g.op(u).workspaceBytes(), g.op(u).inplace(), g.op(u).name()));
            }
            slices.put(out, names);
        }
        for (int c : p.leaves()) {
            String[] in = slices.get(g.opInputs(c).get(0));
            Tensor z = g.tensor(g.opOutputs(c).get(0));
            List<String> extras = new ArrayList<>();
            Ints cin = g.opInputs(c);
            for (int k = 1; k < cin.size(); k++) {
                extras.add(g.tensor(cin.get(k)).name());
            }
            String prev = null;
            for (int k = 0; k < order.length; k++) {
                String name = ConcatPattern.fresh(g, taken, g.op(c).name() + "__part" + k);
                Tensor out = k == order.length - 1 ? z
                        : new Tensor(ConcatPattern.fresh(g, taken, z.name() + "__acc" + k), z.bytes(), z.shape(),
                        z.dtype());
                List<String> reads = new ArrayList<>();
                if (prev != null) {
                    reads.add(prev);
                }
                reads.add(in[p.slot()[order[k]]]);
                reads.addAll(extras);
                ops.add(new NewOp(name, PARTIAL_CONV, reads, out, g.op(c).workspaceBytes(), prev != null, g.op(c).name()));
                prev = out.name();
            }
        }
        String summary = "concat '" + g.op(p.concat()).name() + "' of " + order.length + " inputs"
                + (p.treeOps().isEmpty() ? "" : ", " + p.treeOps().size() + " per-channel ops run per input")
                + ", " + p.leaves().size() + " conv(s) split into " + order.length + " partial convs each; '"
                + g.tensor(y).name() + "' (" + g.bytes(y) + " B) removed";
        return Match.replace(NewOp.replacement(p.removedOps(g), ops, summary));
    }

    /** Concat input order under the in-place model; largest first (stable) otherwise. */
    private int[] partOrder(Graph g, ConcatTree p) {
        IntStream idx = IntStream.range(0, p.parts().length);
        if (options.memoryModel().inplace()) {
            return idx.toArray();
        }
        return idx.boxed().sorted((x, y) -> Long.compare(g.bytes(p.parts()[y]), g.bytes(p.parts()[x])))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Why the rewrite might raise the optimal peak (see the class comment), or empty when it cannot. */
    private Optional<String> risk(Graph g, ConcatTree p, int[] order, boolean privateParts) {
        boolean inplace = options.memoryModel().inplace();
        int y = p.output(g);
        if (inplace && !privateParts) {
            for (int u : p.treeOps()) {
                if (g.opInputs(u).get(0) == y && g.op(u).inplace()
                        && g.bytes(g.opOutputs(u).get(0)) == g.bytes(y)) {
                    return Optional.of("'" + g.op(u).name() + "' could lose its in-place reuse: an input of '"
                            + g.op(p.concat()).name() + "' has a reader that may run after it");
                }
            }
        }
        for (int c : p.leaves()) {
            int t = g.opInputs(c).get(0);
            boolean sole = g.consumers(t).size() == 1 && (t != y || privateParts);
            long z = g.bytes(g.opOutputs(c).get(0));
            boolean convReuses = inplace && StepCosts.inplaceCandidate(g, c) == t;
            long zOrig = convReuses ? 0 : z;
            long consumed = 0;
            for (int k = 0; k < order.length; k++) {
                long acc = k > 0 && !inplace ? z : 0;
                long excess = acc + z - zOrig - (sole ? consumed : 0);
                if (excess > 0) {
                    return Optional.of("partitioning '" + g.op(c).name() + "' could raise the peak by up to " + excess
                            + " B under the " + options.memoryModel() + " memory model ("
                            + (convReuses ? "the convolution already reuses its input in place"
                            : "partial sums are not accumulated in place") + ")");
                }
                int d = p.slot()[order[k]];
                boolean lastUse = true;
                for (int j = k + 1; j < order.length; j++) {
                    lastUse &= p.slot()[order[j]] != d;
                }
                if (lastUse) {
                    consumed += p.sliceBytes(g, t, d);
                }
            }
        }
        return Optional.empty();
    }
}
