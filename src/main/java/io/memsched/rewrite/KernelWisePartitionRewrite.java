package io.memsched.rewrite;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.graph.Tensor;
import io.memsched.memory.StepCosts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * SERENITY's kernel-wise partitioning: {@code y = Concat(a1..am); w = DepthwiseConv(y)} becomes
 * {@code di = DepthwiseConv(ai)} for each input (with the matching slice of kernels) and {@code w = Concat(d1..dm)}.
 * A depthwise convolution works per channel, so this is exact; it lets each input die after its own convolution and
 * moves the concat below the convolution, where {@link ChannelWisePartitionRewrite} can remove it when a dense
 * convolution follows (the separable-convolution pattern). Element-wise operators between the concat and the
 * depthwise convolution are fused into each per-input convolution. A depthwise multiplier (output channels a
 * multiple of input channels) is allowed.
 *
 * <p>With {@link SerenityRewrites.Options#onlyIfNoWorse()} the rule applies only where it provably cannot raise the
 * optimal peak: run the per-input convolutions and the new concat where the original convolution ran; it applies
 * when at every one of those steps the live inputs plus the outputs so far stay within the original step's
 * {@code |y| + |w|}, which holds for a single reader whose output is no larger than its input.
 *
 * <p>Time O(m * c) per application.
 *
 * @see ChannelWisePartitionRewrite
 * @see SerenityRewrites
 */
public final class KernelWisePartitionRewrite implements RewriteRule {
    private final SerenityRewrites.Options options;

    /** The rule with these options. */
    public KernelWisePartitionRewrite(SerenityRewrites.Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public String name() {
        return "kernel-partition";
    }

    @Override
    public String description() {
        return "concat followed by a depthwise convolution -> per-input depthwise convolutions and a concat";
    }

    @Override
    public Match match(Graph g, int op) {
        Optional<ConcatPattern> found = ConcatPattern.find(g, op, options, options.depthwiseTypes());
        if (found.isEmpty()) {
            return Match.none();
        }
        ConcatPattern p = found.get();
        if (p.problem().isPresent()) {
            return Match.skip(p.problem().get());
        }
        int axis = p.axis();
        int y = g.opOutputs(p.concat()).get(0);
        long cy = g.tensor(y).shape().get(axis);
        int m = p.parts().length;
        long[][] dBytes = new long[p.consumers().size()][m];
        for (int j = 0; j < p.consumers().size(); j++) {
            int c = p.consumers().get(j);
            Tensor w = g.tensor(g.opOutputs(c).get(0));
            if (!w.hasShape()) {
                return Match.skip("the shape of '" + w.name() + "' is unknown");
            }
            if (w.shape().size() != g.tensor(y).shape().size()) {
                return Match.skip("'" + w.name() + "' and '" + g.tensor(y).name() + "' differ in rank");
            }
            long cw = w.shape().get(axis);
            if (cy == 0 || cw % cy != 0 || cw == 0 || w.bytes() % cw != 0) {
                return Match.skip("the channels of '" + w.name() + "' (" + cw + ") are not a multiple of those of '"
                        + g.tensor(y).name() + "' (" + cy + ") with a whole number of bytes per channel");
            }
            long mult = cw / cy;
            for (int k = 0; k < m; k++) {
                dBytes[j][k] = w.bytes() / cw * mult * g.tensor(p.parts()[k]).shape().get(axis);
            }
        }
        if (options.onlyIfNoWorse()) {
            Optional<String> risk = risk(g, p, dBytes);
            if (risk.isPresent()) {
                return Match.skip(risk.get());
            }
        }
        Set<String> taken = new HashSet<>();
        List<NewOp> ops = new ArrayList<>();
        for (int j = 0; j < p.consumers().size(); j++) {
            int c = p.consumers().get(j);
            Tensor w = g.tensor(g.opOutputs(c).get(0));
            long mult = w.shape().get(axis) / cy;
            List<String> extras = new ArrayList<>();
            Ints in = g.opInputs(c);
            for (int k = 1; k < in.size(); k++) {
                extras.add(g.tensor(in.get(k)).name());
            }
            List<String> pieces = new ArrayList<>();
            for (int k = 0; k < m; k++) {
                Tensor a = g.tensor(p.parts()[k]);
                Tensor d = ConcatPattern.resized(w, ConcatPattern.fresh(g, taken, w.name() + "__part" + k),
                        dBytes[j][k], axis, mult * a.shape().get(axis));
                List<String> reads = new ArrayList<>();
                reads.add(a.name());
                reads.addAll(extras);
                ops.add(new NewOp(ConcatPattern.fresh(g, taken, g.op(c).name() + "__part" + k), g.op(c).type(), reads,
                        d, g.op(c).workspaceBytes(), g.op(c).inplace(), g.op(c).name()));
                pieces.add(d.name());
            }
            ops.add(new NewOp(ConcatPattern.fresh(g, taken, g.op(c).name() + "__concat"), g.op(p.concat()).type(),
                    pieces, w, 0, false, g.op(c).name()));
        }
        String summary = "concat '" + g.op(p.concat()).name() + "'" + p.chainText(g) + " -> depthwise conv '"
                + g.op(p.consumers().get(0)).name() + "'" + (p.consumers().size() > 1 ? " (+" + (p.consumers().size() - 1)
                + " more)" : "") + ": " + m + " per-input depthwise convs and a concat";
        return Match.replace(NewOp.replacement(p.removedOps(g), ops, summary));
    }

    private Optional<String> risk(Graph g, ConcatPattern p, long[][] dBytes) {
        boolean single = p.consumers().size() == 1;
        long s = p.totalBytes(g);
        for (int j = 0; j < p.consumers().size(); j++) {
            int c = p.consumers().get(j);
            long w = g.bytes(g.opOutputs(c).get(0));
            boolean reuses = options.memoryModel().inplace() && StepCosts.inplaceCandidate(g, c) == p.end();
            long budget = s + (reuses ? 0 : w);
            long suffix = s;
            long done = 0;
            for (int k = 0; k < p.parts().length; k++) {
                done += dBytes[j][k];
                long need = (single ? suffix : s) + done;
                if (need > budget) {
                    return Optional.of(excess(g, c, need - budget));
                }
                suffix -= g.bytes(p.parts()[k]);
            }
            long last = (single ? 0 : s) + 2 * w;
            if (last > budget) {
                return Optional.of(excess(g, c, last - budget));
            }
        }
        return Optional.empty();
    }

    private String excess(Graph g, int c, long bytes) {
        return "partitioning '" + g.op(c).name() + "' could raise the peak by up to " + bytes + " B under the "
                + options.memoryModel() + " memory model";
    }
}
