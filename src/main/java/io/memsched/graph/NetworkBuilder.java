package io.memsched.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Layer-level fluent builder with shape inference (NCHW, batch 1, float32 unless {@link #dtype(String)} says
 * otherwise). Every layer method takes {@link Activation} handles and returns the handle of its output, so a
 * network reads like code:
 *
 * <pre>{@code
 * var nb = new NetworkBuilder("net");
 * var x = nb.input("x", 3, 32, 32);
 * var y = nb.relu(nb.batchNorm(nb.conv(x, 16, 3, 1, 1)));
 * var z = nb.dense(nb.flatten(nb.globalAvgPool(y)), 10);
 * Graph g = nb.output(z).build();
 * }</pre>
 *
 * Operators get ONNX type names ({@code Conv}, {@code Relu}, {@code Add}, {@code Concat}, {@code MaxPool},
 * {@code AveragePool}, {@code GlobalAveragePool}, {@code BatchNormalization}, {@code Gemm}, {@code Pad},
 * {@code Slice}, {@code Flatten}, {@code Resize}, ...); element-wise and reshape-like layers are marked in-place
 * capable ({@link OpTypes}). Each layer writes one tensor named like the layer; names are generated
 * ({@code conv1}, {@code relu2}, prefixed by the current {@link #scope(String)}) unless {@link #named(String)} gives
 * the next one. Weights are not tensors (docs/ARCHITECTURE.md, "The memory model"). A shape that does not fit is refused at once with an
 * {@link IllegalArgumentException} naming the layer, its input and the shapes.
 */
public final class NetworkBuilder {
    private final String name;
    private String dtype = TensorShape.FLOAT32;
    private String scope = "";
    private String pendingName;
    private final Map<String, Integer> counters = new HashMap<>();
    private final Map<String, Activation> tensors = new HashMap<>();
    private final List<Tensor> tensorList = new ArrayList<>();
    private final List<String> inputs = new ArrayList<>();
    private final Set<String> outputs = new LinkedHashSet<>();
    private final List<Op> ops = new ArrayList<>();
    private final Set<String> opNames = new HashSet<>();
    private final Set<String> consumed = new HashSet<>();
    private final Map<String, Activation> done = new HashMap<>();
    private boolean dedupe;

    /** A builder for a network called {@code name}. */
    public NetworkBuilder(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The network's name. */
    public String name() {
        return name;
    }

    /** Element type of the tensors made from now on (default {@code float32}). */
    public NetworkBuilder dtype(String newDtype) {
        TensorShape.elementBits(newDtype);
        this.dtype = newDtype;
        return this;
    }

    /** Prefix for generated layer names from now on, e.g. {@code cell3} gives {@code cell3/conv1}; empty for none. */
    public NetworkBuilder scope(String newScope) {
        this.scope = Objects.requireNonNull(newScope, "scope").isEmpty() || newScope.endsWith("/") ? newScope
                : newScope + "/";
        return this;
    }

    /** The current name prefix. */
    public String scope() {
        return scope;
    }

    /**
     * When on, a weight-free layer (activation, pooling, pad, crop, add, concat, reshape, ...) applied to the same
     * inputs with the same parameters as an earlier one returns the earlier output instead of adding an operator, as
     * the ONNX exporter's common-subexpression elimination does (two ReLUs of one tensor become one). Layers with
     * weights (convolution, batch norm, dense) are never merged. Off by default.
     */
    public NetworkBuilder dedupe(boolean on) {
        this.dedupe = on;
        return this;
    }

    /** Gives the next layer this name (within the current scope) instead of a generated one. */
    public NetworkBuilder named(String layerName) {
        this.pendingName = Objects.requireNonNull(layerName, "layerName");
        return this;
    }

    /** Number of operators so far. */
    public int layerCount() {
        return ops.size();
    }

    // ---------------------------------------------------------------- inputs and outputs

    /** A graph input of shape {@code 1 x c x h x w}. */
    public Activation input(String tensorName, long c, long h, long w) {
        return input(tensorName, TensorShape.of(dtype, 1, c, h, w));
    }

    /** A graph input of any shape. */
    public Activation input(String tensorName, TensorShape shape) {
        Activation a = new Activation(Objects.requireNonNull(tensorName, "tensorName"), shape);
        if (tensors.containsKey(tensorName)) {
            throw new IllegalArgumentException(where(tensorName, "Input") + "tensor name already used");
        }
        register(a);
        inputs.add(tensorName);
        return a;
    }

    /** Marks tensors as graph outputs. When none is marked, {@link #build()} uses every tensor nobody reads. */
    public NetworkBuilder output(Activation... xs) {
        for (Activation x : xs) {
            own(x, "output");
            outputs.add(x.name());
        }
        return this;
    }

    /** The validated graph. */
    public Graph build() {
        List<String> outs = new ArrayList<>(outputs);
        if (outs.isEmpty()) {
            for (Tensor t : tensorList) {
                if (!consumed.contains(t.name()) && !inputs.contains(t.name())) {
                    outs.add(t.name());
                }
            }
        }
        return Graph.of(name, tensorList, inputs, outs, ops);
    }

    // ---------------------------------------------------------------- convolutions

    /** {@code k x k} convolution, stride 1, "same" padding {@code k/2}. */
    public Activation conv(Activation x, long outChannels, int k) {
        return conv(x, outChannels, k, k, 1, 1, k / 2, k / 2, 1, 1);
    }

    /** {@code k x k} convolution with stride and symmetric padding. */
    public Activation conv(Activation x, long outChannels, int k, int stride, int padding) {
        return conv(x, outChannels, k, k, stride, stride, padding, padding, 1, 1);
    }

    /** {@code k x k} grouped convolution with stride and symmetric padding. */
    public Activation conv(Activation x, long outChannels, int k, int stride, int padding, int groups) {
        return conv(x, outChannels, k, k, stride, stride, padding, padding, 1, groups);
    }

    /** {@code kh x kw} convolution (e.g. 1x7), one stride, padding per axis. */
    public Activation conv(Activation x, long outChannels, int kh, int kw, int stride, int padH, int padW) {
        return conv(x, outChannels, kh, kw, stride, stride, padH, padW, 1, 1);
    }

    /** The general convolution: kernel, strides, paddings per axis, dilation, groups. */
    public Activation conv(Activation x, long outChannels, int kh, int kw, int strideH, int strideW, int padH,
                           int padW, int dilation, int groups) {
        String layer = claim("conv");
        TensorShape s = nchw(x, layer, "Conv");
        if (outChannels <= 0 || kh <= 0 || kw <= 0 || strideH <= 0 || strideW <= 0 || padH < 0 || padW < 0
                || dilation <= 0 || groups <= 0) {
            throw error(layer, "Conv", "needs positive channels, kernel, stride, dilation and groups and"
                    + " non-negative padding, got out=" + outChannels + " kernel=" + kh + "x" + kw + " stride="
                    + strideH + "x" + strideW + " pad=" + padH + "x" + padW + " dilation=" + dilation + " groups="
                    + groups);
        }
        if (s.c() % groups != 0 || outChannels % groups != 0) {
            throw error(layer, "Conv", "input '" + x.name() + "' has " + s.c() + " channels and " + outChannels
                    + " output channels, not both divisible by groups=" + groups);
        }
        long oh = window(layer, "Conv", x, s.h(), kh, strideH, padH, dilation);
        long ow = window(layer, "Conv", x, s.w(), kw, strideW, padW, dilation);
        return emit(layer, "Conv", false, s.withDims(s.n(), outChannels, oh, ow), x);
    }

    /** Depthwise {@code k x k} convolution (one filter per channel). */
    public Activation depthwise(Activation x, int k, int stride, int padding) {
        long c = nchw(x, peekName("conv"), "Conv").c();
        return conv(x, c, k, k, stride, stride, padding, padding, 1, (int) Math.min(Integer.MAX_VALUE, c));
    }

    /** Separable convolution: depthwise {@code k x k} then pointwise 1x1 to {@code outChannels} (two Conv ops). */
    public Activation separable(Activation x, long outChannels, int k, int stride, int padding) {
        String base = pendingName;
        pendingName = base == null ? null : base + "_dw";
        Activation d = depthwise(x, k, stride, padding);
        pendingName = base == null ? null : base + "_pw";
        return conv(d, outChannels, 1, 1, 0);
    }

    // ---------------------------------------------------------------- pooling

    /** {@code k x k} max pooling. */
    public Activation maxPool(Activation x, int k, int stride, int padding) {
        return pool("MaxPool", "maxpool", x, k, stride, padding, false);
    }

    /** {@code k x k} max pooling, rounding the output size up when {@code ceil} (PyTorch {@code ceil_mode}). */
    public Activation maxPool(Activation x, int k, int stride, int padding, boolean ceil) {
        return pool("MaxPool", "maxpool", x, k, stride, padding, ceil);
    }

    /** {@code k x k} average pooling. */
    public Activation avgPool(Activation x, int k, int stride, int padding) {
        return pool("AveragePool", "avgpool", x, k, stride, padding, false);
    }

    private Activation pool(String type, String tag, Activation x, int k, int stride, int padding, boolean ceil) {
        String key = type + "(" + k + "," + stride + "," + padding + "," + ceil + ")";
        Activation hit = reuse(key, x);
        if (hit != null) {
            return hit;
        }
        String layer = claim(tag);
        TensorShape s = nchw(x, layer, type);
        if (k <= 0 || stride <= 0 || padding < 0 || padding * 2 > k) {
            throw error(layer, type, "needs a positive kernel and stride and padding at most half the kernel,"
                    + " got kernel="
                    + k + " stride=" + stride + " pad=" + padding);
        }
        long oh = ceil ? ceilWindow(layer, type, x, s.h(), k, stride, padding)
                : window(layer, type, x, s.h(), k, stride, padding, 1);
        long ow = ceil ? ceilWindow(layer, type, x, s.w(), k, stride, padding)
                : window(layer, type, x, s.w(), k, stride, padding, 1);
        return remember(key, emit(layer, type, false, s.withDims(s.n(), s.c(), oh, ow), x), x);
    }

    /** Global average pooling to {@code N x C x 1 x 1}. */
    public Activation globalAvgPool(Activation x) {
        Activation hit = reuse("GlobalAveragePool", x);
        if (hit != null) {
            return hit;
        }
        String layer = claim("gap");
        TensorShape s = nchw(x, layer, "GlobalAveragePool");
        Activation y = emit(layer, "GlobalAveragePool", false, s.withDims(s.n(), s.c(), 1, 1), x);
        return remember("GlobalAveragePool", y, x);
    }

    /** Global max pooling to {@code N x C x 1 x 1}. */
    public Activation globalMaxPool(Activation x) {
        Activation hit = reuse("GlobalMaxPool", x);
        if (hit != null) {
            return hit;
        }
        String layer = claim("gmp");
        TensorShape s = nchw(x, layer, "GlobalMaxPool");
        return remember("GlobalMaxPool", emit(layer, "GlobalMaxPool", false, s.withDims(s.n(), s.c(), 1, 1), x), x);
    }

    // ---------------------------------------------------------------- element-wise

    /** {@code a + b} (same shapes). */
    public Activation add(Activation a, Activation b) {
        return binary("Add", "add", a, b);
    }

    /** {@code a * b} (same shapes). */
    public Activation mul(Activation a, Activation b) {
        return binary("Mul", "mul", a, b);
    }

    /** Element-wise sum of two or more same-shaped tensors (ONNX {@code Sum}). */
    public Activation sum(Activation... xs) {
        Activation hit = reuse("Sum", xs);
        if (hit != null) {
            return hit;
        }
        String layer = claim("sum");
        if (xs.length < 1) {
            throw error(layer, "Sum", "needs at least one input");
        }
        for (Activation x : xs) {
            sameShape(layer, "Sum", xs[0], x);
        }
        return remember("Sum", emit(layer, "Sum", true, xs[0].shape(), xs), xs);
    }

    /** The same-shaped binary element-wise ONNX operator {@code type} ({@code Sub}, {@code Div}, ...). */
    public Activation binary(String type, Activation a, Activation b) {
        return binary(type, type.toLowerCase(java.util.Locale.ROOT), a, b);
    }

    private Activation binary(String type, String tag, Activation a, Activation b) {
        Activation hit = reuse(type, a, b);
        if (hit != null) {
            return hit;
        }
        String layer = claim(tag);
        sameShape(layer, type, a, b);
        return remember(type, emit(layer, type, OpTypes.isInplaceCapable(type), a.shape(), a, b), a, b);
    }

    /**
     * {@code x * s} where {@code s} is {@code N x C x 1 x 1} with the channels of {@code x} (a broadcast ONNX
     * {@code Mul}, e.g. attention from global pooling); in-place capable into {@code x}.
     */
    public Activation scale(Activation x, Activation s) {
        Activation hit = reuse("Mul", x, s);
        if (hit != null) {
            return hit;
        }
        String layer = claim("mul");
        TensorShape xs = nchw(x, layer, "Mul");
        TensorShape ss = nchw(s, layer, "Mul");
        if (ss.n() != xs.n() || ss.c() != xs.c() || ss.h() != 1 || ss.w() != 1) {
            throw error(layer, "Mul", "scale '" + s.name() + "' has shape " + ss + "; needs " + xs.n() + "x" + xs.c()
                    + "x1x1 to scale '" + x.name() + "'");
        }
        return remember("Mul", emit(layer, "Mul", true, xs, x, s), x, s);
    }

    /** ReLU. */
    public Activation relu(Activation x) {
        return unary("Relu", x);
    }

    /** ReLU6 (ONNX {@code Clip} to [0, 6]). */
    public Activation relu6(Activation x) {
        return unary("Clip", x);
    }

    /** Sigmoid. */
    public Activation sigmoid(Activation x) {
        return unary("Sigmoid", x);
    }

    /** Tanh. */
    public Activation tanh(Activation x) {
        return unary("Tanh", x);
    }

    /** Hard swish. */
    public Activation hardSwish(Activation x) {
        return unary("HardSwish", x);
    }

    /** Identity (a copy; in-place capable). */
    public Activation identity(Activation x) {
        return unary("Identity", x);
    }

    /** Any shape-preserving one-input ONNX operator; in-place capable when {@link OpTypes} says so. */
    public Activation unary(String type, Activation x) {
        Activation hit = reuse(type, x);
        if (hit != null) {
            return hit;
        }
        String layer = claim(type.toLowerCase(java.util.Locale.ROOT));
        own(x, layer);
        return remember(type, emit(layer, type, OpTypes.isInplaceCapable(type), x.shape(), x), x);
    }

    /** Batch normalization (inference form; shape-preserving, needs at least N x C). */
    public Activation batchNorm(Activation x) {
        String layer = claim("bn");
        own(x, layer);
        if (x.shape().rank() < 2) {
            throw error(layer, "BatchNormalization", "input '" + x.name() + "' has shape " + x.shape()
                    + "; needs at least N x C");
        }
        return emit(layer, "BatchNormalization", false, x.shape(), x);
    }

    // ---------------------------------------------------------------- joins and reshapes

    /** Channel concatenation (axis 1) of tensors whose other dimensions agree. */
    public Activation concat(Activation... xs) {
        return concat(1, xs);
    }

    /** Concatenation along {@code axis}. */
    public Activation concat(int axis, Activation... xs) {
        Activation hit = reuse("Concat(" + axis + ")", xs);
        if (hit != null) {
            return hit;
        }
        String layer = claim("concat");
        if (xs.length == 0) {
            throw error(layer, "Concat", "needs at least one input");
        }
        TensorShape first = xs[0].shape();
        if (axis < 0 || axis >= first.rank()) {
            throw error(layer, "Concat", "axis " + axis + " is out of range for input '" + xs[0].name() + "' of shape "
                    + first);
        }
        List<long[]> shapes = new ArrayList<>();
        for (Activation x : xs) {
            own(x, layer);
            TensorShape s = x.shape();
            if (!s.dtype().equals(first.dtype())) {
                throw error(layer, "Concat", "input '" + x.name() + "' has shape " + s + ", which does not match '"
                        + xs[0].name() + "' (" + first + ") in element type");
            }
            shapes.add(dims(s));
        }
        long[] dims;
        try {
            dims = ShapeRules.concat(shapes, axis);
        } catch (IllegalArgumentException e) {
            throw error(layer, "Concat", "inputs " + java.util.Arrays.stream(xs).map(a -> "'" + a.name() + "' ("
                    + a.shape() + ")").toList() + " do not match outside axis " + axis);
        }
        return remember("Concat(" + axis + ")", emit(layer, "Concat", false, first.withDims(dims), xs), xs);
    }

    /** Fully connected layer ({@code Gemm}) on an {@code N x F} input, giving {@code N x outFeatures}. */
    public Activation dense(Activation x, long outFeatures) {
        String layer = claim("gemm");
        own(x, layer);
        TensorShape s = x.shape();
        if (s.rank() != 2) {
            throw error(layer, "Gemm", "input '" + x.name() + "' has shape " + s
                    + "; Gemm needs N x F (flatten it first)");
        }
        if (outFeatures <= 0) {
            throw error(layer, "Gemm", "needs positive output features, got " + outFeatures);
        }
        return emit(layer, "Gemm", false, s.withDims(s.dim(0), outFeatures), x);
    }

    /** Flattens to {@code N x (C*H*W)}. */
    public Activation flatten(Activation x) {
        Activation hit = reuse("Flatten", x);
        if (hit != null) {
            return hit;
        }
        String layer = claim("flatten");
        own(x, layer);
        TensorShape s = x.shape();
        if (s.rank() < 1) {
            throw error(layer, "Flatten", "input '" + x.name() + "' is a scalar");
        }
        return remember("Flatten", emit(layer, "Flatten", true, s.withDims(ShapeRules.flatten(dims(s), 1)), x), x);
    }

    /** Reshape to {@code dims} (same element count). */
    public Activation reshape(Activation x, long... newDims) {
        String layer = claim("reshape");
        own(x, layer);
        TensorShape to = x.shape().withDims(newDims);
        if (to.elements() != x.shape().elements()) {
            throw error(layer, "Reshape", "cannot reshape '" + x.name() + "' of shape " + x.shape() + " to " + to);
        }
        return emit(layer, "Reshape", true, to, x);
    }

    /** Zero padding of the spatial dimensions (ONNX {@code Pad}). */
    public Activation pad(Activation x, int top, int left, int bottom, int right) {
        String key = "Pad(" + top + "," + left + "," + bottom + "," + right + ")";
        Activation hit = reuse(key, x);
        if (hit != null) {
            return hit;
        }
        String layer = claim("pad");
        TensorShape s = nchw(x, layer, "Pad");
        if (top < 0 || left < 0 || bottom < 0 || right < 0) {
            throw error(layer, "Pad", "needs non-negative padding, got " + top + "," + left + "," + bottom + ","
                    + right);
        }
        return remember(key, emit(layer, "Pad", false, s.withDims(s.n(), s.c(), s.h() + top + bottom,
                s.w() + left + right), x), x);
    }

    /** Crops the spatial dimensions (ONNX {@code Slice}). */
    public Activation crop(Activation x, int top, int left, int bottom, int right) {
        String key = "Slice(" + top + "," + left + "," + bottom + "," + right + ")";
        Activation hit = reuse(key, x);
        if (hit != null) {
            return hit;
        }
        String layer = claim("crop");
        TensorShape s = nchw(x, layer, "Slice");
        long h = s.h() - top - bottom;
        long w = s.w() - left - right;
        if (top < 0 || left < 0 || bottom < 0 || right < 0 || h <= 0 || w <= 0) {
            throw error(layer, "Slice", "cannot crop " + top + "," + left + "," + bottom + "," + right + " from '"
                    + x.name() + "' of shape " + s);
        }
        return remember(key, emit(layer, "Slice", false, s.withDims(s.n(), s.c(), h, w), x), x);
    }

    /** Nearest-neighbour upsampling of the spatial dimensions by an integer factor (ONNX {@code Resize}). */
    public Activation upsample(Activation x, int factor) {
        Activation hit = reuse("Resize(" + factor + ")", x);
        if (hit != null) {
            return hit;
        }
        String layer = claim("resize");
        TensorShape s = nchw(x, layer, "Resize");
        if (factor <= 0) {
            throw error(layer, "Resize", "needs a positive factor, got " + factor);
        }
        return remember("Resize(" + factor + ")", emit(layer, "Resize", false, s.withDims(s.n(), s.c(), s.h() * factor,
                s.w() * factor), x), x);
    }

    /** {@code NetworkBuilder net: 9 layers, 10 tensors}. */
    @Override
    public String toString() {
        return "NetworkBuilder " + name + ": " + ops.size() + " layers, " + tensorList.size() + " tensors";
    }

    // ---------------------------------------------------------------- internals

    private static String key(String op, Activation... in) {
        StringBuilder sb = new StringBuilder(op);
        for (Activation a : in) {
            sb.append('|').append(a == null ? "null" : a.name());
        }
        return sb.toString();
    }

    private Activation reuse(String op, Activation... in) {
        if (!dedupe) {
            return null;
        }
        Activation hit = done.get(key(op, in));
        if (hit != null) {
            pendingName = null;
        }
        return hit;
    }

    private Activation remember(String op, Activation out, Activation... in) {
        if (dedupe) {
            done.put(key(op, in), out);
        }
        return out;
    }

    private static long[] dims(TensorShape s) {
        long[] d = new long[s.rank()];
        for (int i = 0; i < d.length; i++) {
            d[i] = s.dim(i);
        }
        return d;
    }

    private long ceilWindow(String layer, String type, Activation x, long size, int k, int stride, int pad) {
        window(layer, type, x, size, k, stride, pad, 1);
        return ShapeRules.windowDroppingPaddedLast(size, k, stride, pad);
    }

    private long window(String layer, String type, Activation x, long size, int k, int stride, int pad, int dil) {
        try {
            return ShapeRules.window(size, k, stride, pad, pad, dil, false);
        } catch (IllegalArgumentException e) {
            throw error(layer, type, "kernel " + k + (dil > 1 ? " (dilation " + dil + ")" : "")
                    + " does not fit input '"
                    + x.name() + "' of shape " + x.shape() + " with padding " + pad);
        }
    }

    private TensorShape nchw(Activation x, String layer, String type) {
        own(x, layer);
        if (x.shape().rank() != 4) {
            throw error(layer, type, "input '" + x.name() + "' has shape " + x.shape() + "; needs N x C x H x W");
        }
        return x.shape();
    }

    private void sameShape(String layer, String type, Activation a, Activation b) {
        own(a, layer);
        own(b, layer);
        if (!a.shape().equals(b.shape())) {
            throw error(layer, type, "inputs '" + a.name() + "' (" + a.shape() + ") and '" + b.name() + "' ("
                    + b.shape() + ") differ in shape");
        }
    }

    private void own(Activation x, String layer) {
        Objects.requireNonNull(x, "input of " + layer);
        Activation known = tensors.get(x.name());
        if (known == null || !known.equals(x)) {
            throw new IllegalArgumentException("network '" + name + "': layer '" + layer + "' reads '" + x.name()
                    + "', which is not a tensor of this network");
        }
    }

    private String peekName(String tag) {
        return pendingName != null ? scope + pendingName : scope + tag + (counters.getOrDefault(scope + tag, 0) + 1);
    }

    private String claim(String tag) {
        String layer;
        if (pendingName != null) {
            layer = scope + pendingName;
            pendingName = null;
            if (opNames.contains(layer) || tensors.containsKey(layer)) {
                throw new IllegalArgumentException(where(layer, tag) + "name already used");
            }
        } else {
            String prefix = scope + tag;
            do {
                int k = counters.merge(prefix, 1, Integer::sum);
                layer = prefix + k;
            } while (opNames.contains(layer) || tensors.containsKey(layer));
        }
        opNames.add(layer);
        return layer;
    }

    private Activation emit(String layer, String type, boolean inplace, TensorShape out, Activation... in) {
        List<String> ins = new ArrayList<>(in.length);
        for (Activation a : in) {
            ins.add(a.name());
            consumed.add(a.name());
        }
        Activation y = new Activation(layer, out);
        try {
            out.bytes();
        } catch (ArithmeticException e) {
            throw error(layer, type, "output shape " + out + " is too large");
        }
        register(y);
        ops.add(new Op(layer, type, ins, List.of(layer), 0, inplace));
        return y;
    }

    private void register(Activation a) {
        tensors.put(a.name(), a);
        tensorList.add(new Tensor(a.name(), a.bytes(), a.shape().dims(), java.util.Optional.of(a.shape().dtype())));
    }

    private String where(String layer, String type) {
        return "network '" + name + "': layer '" + layer + "' (" + type + "): ";
    }

    private IllegalArgumentException error(String layer, String type, String message) {
        return new IllegalArgumentException(where(layer, type) + message);
    }
}
