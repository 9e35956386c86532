package io.memsched.rewrite;

import io.memsched.pass.Pass;
import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The graph rewrites of SERENITY, ready to use: {@link ChannelWisePartitionRewrite} (a concat followed by dense
 * convolutions becomes partial convolutions accumulated in place, so the concatenated tensor never exists) and
 * {@link KernelWisePartitionRewrite} (a concat followed by a depthwise convolution becomes per-input depthwise
 * convolutions followed by a concat, which channel-wise partitioning can then remove).
 * <pre>{@code
 * RewriteResult r = SerenityRewrites.apply(graph, MemoryModel.INPLACE);
 * Graph smaller = r.graph();          // schedule this one; r.applied() and r.skipped() say what happened
 * }</pre>
 *
 * <p>Reference: B. H. Ahn, J. Lee, J. M. Lin, H.-P. Cheng, J. Hou, H. Esmaeilzadeh, "Ordering Chaos: Memory-Aware
 * Scheduling of Irregularly Wired Neural Networks for Edge Devices", MLSys 2020 (arXiv 2003.02369), section on graph
 * rewriting. The rewrites need tensor shapes (ONNX imports and shape-inferred networks have them) to find the
 * concatenation axis; without shapes they are skipped with a reason.
 *
 * @see Rewriter
 */
public final class SerenityRewrites {
    private SerenityRewrites() {
    }

    /**
     * Options of both rules.
     *
     * @param memoryModel the model under which {@code onlyIfNoWorse} judges a rewrite (in-place accumulation only
     *     saves memory when the model reuses buffers in place)
     * @param onlyIfNoWorse apply a rewrite only where it provably cannot raise the optimal peak under
     *     {@code memoryModel} (see the rule classes); when false, apply wherever the pattern matches
     * @param channelAxis the channel axis of activation shapes (1 for NCHW, as ONNX; 3 for NHWC)
     * @param convTypes operator types of dense (group 1) convolutions, case-insensitive
     * @param depthwiseTypes operator types of depthwise convolutions, case-insensitive
     * @param perChannelTypes operator types that work on each channel separately (element-wise activations,
     *     batch normalisation, padding, slicing, pooling) and may sit between the concat and the convolutions: they
     *     are run once per concat input on its channel slice (checked from the shapes: the channel count must stay)
     */
    public record Options(MemoryModel memoryModel, boolean onlyIfNoWorse, int channelAxis, Set<String> convTypes,
                          Set<String> depthwiseTypes, Set<String> perChannelTypes) {

        /** Checks the fields and lower-cases the type names. */
        public Options {
            Objects.requireNonNull(memoryModel, "memoryModel");
            if (channelAxis < 0) {
                throw new IllegalArgumentException("channelAxis must be non-negative, was " + channelAxis);
            }
            convTypes = lower(convTypes, "convTypes");
            depthwiseTypes = lower(depthwiseTypes, "depthwiseTypes");
            perChannelTypes = lower(perChannelTypes, "perChannelTypes");
        }

        private static Set<String> lower(Set<String> s, String what) {
            return Objects.requireNonNull(s, what).stream().map(x -> x.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        }

        /**
         * Default memory model, only when no worse, NCHW; convolutions {@code Conv, Conv2D, CONV_2D}; depthwise
         * {@code DepthwiseConv, DepthwiseConv2D, DepthwiseConv2dNative, DEPTHWISE_CONV_2D, DwConv}; per-channel
         * {@code Relu, Relu6, LeakyRelu, Clip, Sigmoid, Tanh, HardSigmoid, HardSwish, Elu, Selu, Softplus,
         * BatchNormalization, Identity, Dropout, Pad, Slice, AveragePool, MaxPool}.
         */
        public static Options defaults() {
            return new Options(MemoryModel.DEFAULT, true, 1, Set.of("Conv", "Conv2D", "CONV_2D"),
                    Set.of("DepthwiseConv", "DepthwiseConv2D", "DepthwiseConv2dNative", "DEPTHWISE_CONV_2D", "DwConv"),
                    Set.of("Relu", "Relu6", "LeakyRelu", "Clip", "Sigmoid", "Tanh", "HardSigmoid", "HardSwish", "Elu",
                            "Selu", "Softplus", "BatchNormalization", "Identity", "Dropout", "Pad", "Slice",
                            "AveragePool", "MaxPool"));
        }

        /** A copy judging rewrites under {@code model}. */
        public Options withMemoryModel(MemoryModel model) {
            return new Options(model, onlyIfNoWorse, channelAxis, convTypes, depthwiseTypes, perChannelTypes);
        }

        /** A copy that applies rewrites only where they cannot raise the optimal peak (or everywhere). */
        public Options withOnlyIfNoWorse(boolean on) {
            return new Options(memoryModel, on, channelAxis, convTypes, depthwiseTypes, perChannelTypes);
        }

        /** A copy with another channel axis. */
        public Options withChannelAxis(int axis) {
            return new Options(memoryModel, onlyIfNoWorse, axis, convTypes, depthwiseTypes, perChannelTypes);
        }

        /** A copy with other dense convolution types. */
        public Options withConvTypes(Set<String> types) {
            return new Options(memoryModel, onlyIfNoWorse, channelAxis, types, depthwiseTypes, perChannelTypes);
        }

        /** A copy with other depthwise convolution types. */
        public Options withDepthwiseTypes(Set<String> types) {
            return new Options(memoryModel, onlyIfNoWorse, channelAxis, convTypes, types, perChannelTypes);
        }

        /** A copy with other per-channel types. */
        public Options withElementwiseTypes(Set<String> types) {
            return new Options(memoryModel, onlyIfNoWorse, channelAxis, convTypes, depthwiseTypes, types);
        }
    }

    /** Both rules: kernel-wise first (it exposes concats that channel-wise partitioning then removes). */
    public static List<RewriteRule> rules(Options options) {
        return List.of(new KernelWisePartitionRewrite(options), new ChannelWisePartitionRewrite(options));
    }

    /** A rewriter named {@code serenity} with both rules. */
    public static Rewriter rewriter(Options options) {
        return new Rewriter("serenity", rules(options));
    }

    /** Both rules as a pass named {@code serenity} that judges rewrites under the context's memory model. */
    public static Pass pass(Options options) {
        Objects.requireNonNull(options, "options");
        return Pass.of("serenity", (g, ctx) -> rewriter(options.withMemoryModel(ctx.memoryModel())).run(g, ctx));
    }

    /** Both rules with default options as a pass named {@code serenity}. */
    public static Pass pass() {
        return pass(Options.defaults());
    }

    /** Applies both rules with default options (default memory model). */
    public static RewriteResult apply(Graph graph) {
        return apply(graph, Options.defaults());
    }

    /** Applies both rules, judged under {@code model}. */
    public static RewriteResult apply(Graph graph, MemoryModel model) {
        return apply(graph, Options.defaults().withMemoryModel(model));
    }

    /** Applies both rules with these options. */
    public static RewriteResult apply(Graph graph, Options options) {
        return rewriter(options).apply(graph);
    }
}
