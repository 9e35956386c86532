package io.memsched.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape rules of the ONNX operators, in one place: the layer-level {@link NetworkBuilder} and the ONNX
 * importer's shape inference ({@code io.onnx}) both compute output shapes here, so a layer built in code and the
 * same layer read from a file get the same size. Shapes are {@code long[]} dimensions; each rule follows the
 * operator's definition in the ONNX specification and agrees with {@code onnx.shape_inference.infer_shapes}.
 *
 * <p>A shape that does not fit the rule is refused with an {@link IllegalArgumentException} whose message says what
 * does not fit (the caller adds the layer or node). Axes may be negative (counted from the end), as in ONNX.
 */
public final class ShapeRules {
    private ShapeRules() {
    }

    /** {@code axis} of a rank-{@code rank} tensor as a non-negative index. */
    public static int axis(long axis, int rank) {
        if (axis < -rank || axis >= rank) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + rank);
        }
        return (int) (axis < 0 ? axis + rank : axis);
    }

    /** Number of elements of a shape; an {@link ArithmeticException} on overflow. */
    public static long elements(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    // ---------------------------------------------------------------- sliding windows (Conv, pools)

    /**
     * Output length of a sliding window (ONNX Conv and pools): {@code 1 + (in + padBegin + padEnd - span) / stride}
     * with {@code span = dilation * (kernel - 1) + 1}, the division rounded up when {@code ceil} (ONNX
     * {@code ceil_mode}, which does not drop a last window that starts in the end padding).
     */
    public static long window(long in, long kernel, long stride, long padBegin, long padEnd, long dilation,
                              boolean ceil) {
        if (kernel <= 0 || stride <= 0 || dilation <= 0 || padBegin < 0 || padEnd < 0) {
            throw new IllegalArgumentException("needs a positive kernel, stride and dilation and non-negative "
                    + "padding, got kernel " + kernel + ", stride " + stride + ", dilation " + dilation + ", pads "
                    + padBegin + "+" + padEnd);
        }
        long span = dilation * (kernel - 1) + 1;
        long room = in + padBegin + padEnd - span;
        if (room < 0) {
            throw new IllegalArgumentException("kernel " + kernel + (dilation > 1 ? " (dilation " + dilation + ")" : "")
                    + " does not fit an input of " + in + " with padding " + padBegin + "+" + padEnd);
        }
        return 1 + (ceil ? Math.floorDiv(room + stride - 1, stride) : room / stride);
    }

    /**
     * Output length of PyTorch's {@code ceil_mode} pooling: {@link #window} rounded up, then one less when the last
     * window would start in the end padding (PyTorch drops it; the ONNX rule keeps it).
     */
    public static long windowDroppingPaddedLast(long in, long kernel, long stride, long pad) {
        long out = window(in, kernel, stride, pad, pad, 1, true);
        if (out > window(in, kernel, stride, pad, pad, 1, false) && (out - 1) * stride >= in + pad) {
            out--;
        }
        return out;
    }

    /**
     * The begin and end padding of ONNX {@code auto_pad} {@code SAME_UPPER} (the extra pixel at the end) or
     * {@code SAME_LOWER} (at the beginning), which make the output {@code ceil(in / stride)} long.
     */
    public static long[] samePads(long in, long kernel, long stride, long dilation, boolean lower) {
        long span = dilation * (kernel - 1) + 1;
        long out = Math.floorDiv(in + stride - 1, stride);
        long total = Math.max(0, (out - 1) * stride + span - in);
        long small = total / 2;
        return lower ? new long[] {total - small, small} : new long[] {small, total - small};
    }

    /**
     * Output length of a transposed convolution: {@code stride * (in - 1) + outputPadding + span - padBegin -
     * padEnd}.
     */
    public static long transposedWindow(long in, long kernel, long stride, long padBegin, long padEnd, long dilation,
                                        long outputPadding) {
        long out = stride * (in - 1) + outputPadding + dilation * (kernel - 1) + 1 - padBegin - padEnd;
        if (out <= 0 || kernel <= 0 || stride <= 0) {
            throw new IllegalArgumentException("transposed window of kernel " + kernel + ", stride " + stride
                    + " on an input of " + in + " gives " + out);
        }
        return out;
    }

    // ---------------------------------------------------------------- element-wise, matrix products

    /** Multidirectional (numpy) broadcasting of the shapes. */
    public static long[] broadcast(long[]... shapes) {
        int rank = 0;
        for (long[] s : shapes) {
            rank = Math.max(rank, s.length);
        }
        long[] out = new long[rank];
        Arrays.fill(out, 1);
        for (long[] s : shapes) {
            for (int k = 0; k < s.length; k++) {
                int o = rank - s.length + k;
                long d = s[k];
                if (out[o] == 1) {
                    out[o] = d;
                } else if (d != 1 && d != out[o]) {
                    throw new IllegalArgumentException("shapes " + describe(shapes) + " do not broadcast");
                }
            }
        }
        return out;
    }

    /** numpy {@code matmul}: 1-D operands promoted and the added axis removed, batch axes broadcast. */
    public static long[] matmul(long[] a, long[] b) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("MatMul of a scalar");
        }
        long[] a2 = a.length == 1 ? new long[] {1, a[0]} : a;
        long[] b2 = b.length == 1 ? new long[] {b[0], 1} : b;
        if (a2[a2.length - 1] != b2[b2.length - 2]) {
            throw new IllegalArgumentException("inner dimensions of " + describe(a, b) + " differ");
        }
        long[] batch = broadcast(Arrays.copyOf(a2, a2.length - 2), Arrays.copyOf(b2, b2.length - 2));
        List<Long> out = new ArrayList<>();
        for (long d : batch) {
            out.add(d);
        }
        if (a.length > 1) {
            out.add(a2[a2.length - 2]);
        }
        if (b.length > 1) {
            out.add(b2[b2.length - 1]);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** ONNX {@code Gemm}: {@code A' (M x K) * B' (K x N)} gives {@code M x N}. */
    public static long[] gemm(long[] a, long[] b, boolean transA, boolean transB) {
        if (a.length != 2 || b.length != 2) {
            throw new IllegalArgumentException("Gemm needs two matrices, got " + describe(a, b));
        }
        long m = transA ? a[1] : a[0];
        long ka = transA ? a[0] : a[1];
        long kb = transB ? b[1] : b[0];
        long n = transB ? b[0] : b[1];
        if (ka != kb) {
            throw new IllegalArgumentException("inner dimensions of " + describe(a, b) + " differ (transA="
                    + transA + ", transB=" + transB + ")");
        }
        return new long[] {m, n};
    }

    // ---------------------------------------------------------------- joins, splits, reshapes

    /** Concatenation along {@code axis}: other dimensions must agree. */
    public static long[] concat(List<long[]> shapes, long axis) {
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException("Concat needs at least one input");
        }
        long[] first = shapes.get(0);
        int a = axis(axis, first.length);
        long[] out = first.clone();
        out[a] = 0;
        for (long[] s : shapes) {
            boolean fits = s.length == first.length;
            for (int d = 0; fits && d < s.length; d++) {
                fits = d == a || s[d] == first[d];
            }
            if (!fits) {
                throw new IllegalArgumentException("shapes " + describe(shapes.toArray(long[][]::new))
                        + " differ outside axis " + a);
            }
            out[a] += s[a];
        }
        return out;
    }

    /**
     * ONNX {@code Split} along {@code axis} into {@code sizes} (when given) or {@code outputs} equal parts (the
     * length must divide).
     */
    public static List<long[]> split(long[] in, long axis, long[] sizes, int outputs) {
        int a = axis(axis, in.length);
        long[] parts = sizes;
        if (parts == null) {
            if (outputs <= 0 || in[a] % outputs != 0) {
                throw new IllegalArgumentException("dimension " + in[a] + " does not split evenly into " + outputs);
            }
            parts = new long[outputs];
            Arrays.fill(parts, in[a] / outputs);
        }
        long total = 0;
        List<long[]> out = new ArrayList<>();
        for (long p : parts) {
            if (p < 0) {
                throw new IllegalArgumentException("negative split size " + p);
            }
            long[] s = in.clone();
            s[a] = p;
            out.add(s);
            total += p;
        }
        if (total != in[a]) {
            throw new IllegalArgumentException("split sizes " + Arrays.toString(parts) + " do not add up to "
                    + in[a]);
        }
        return out;
    }

    /** ONNX {@code Reshape}: 0 copies the input dimension (unless {@code allowZero}), -1 takes what is left. */
    public static long[] reshape(long[] in, long[] target, boolean allowZero) {
        long[] out = target.clone();
        int unknown = -1;
        long known = 1;
        for (int k = 0; k < out.length; k++) {
            if (out[k] == 0 && !allowZero) {
                if (k >= in.length) {
                    throw new IllegalArgumentException("0 at position " + k + " of " + Arrays.toString(target)
                            + " copies no dimension of " + Arrays.toString(in));
                }
                out[k] = in[k];
            }
            if (out[k] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("two -1 in " + Arrays.toString(target));
                }
                unknown = k;
            } else if (out[k] < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(target));
            } else {
                known = Math.multiplyExact(known, out[k]);
            }
        }
        long total = elements(in);
        if (unknown >= 0) {
            if (known == 0 || total % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + Arrays.toString(in) + " to "
                        + Arrays.toString(target));
            }
            out[unknown] = total / known;
        } else if (known != total) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(in) + " (" + total
                    + " elements) to " + Arrays.toString(target));
        }
        return out;
    }

    /** ONNX {@code Flatten}: the dimensions before {@code axis} and from it multiplied into two. */
    public static long[] flatten(long[] in, long axis) {
        int a = axis < 0 ? axis(axis, in.length) : (int) axis;
        if (a > in.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + in.length);
        }
        return new long[] {elements(Arrays.copyOf(in, a)), elements(Arrays.copyOfRange(in, a, in.length))};
    }

    /** ONNX {@code Transpose}: dimensions permuted ({@code perm} null: reversed). */
    public static long[] transpose(long[] in, long[] perm) {
        long[] out = new long[in.length];
        boolean[] used = new boolean[in.length];
        for (int k = 0; k < in.length; k++) {
            int p = perm == null ? in.length - 1 - k : (int) Math.min(Integer.MAX_VALUE, perm[k]);
            if (perm != null && perm.length != in.length || p < 0 || p >= in.length || used[p]) {
                throw new IllegalArgumentException("perm " + Arrays.toString(perm) + " is not a permutation of "
                        + in.length + " axes");
            }
            used[p] = true;
            out[k] = in[p];
        }
        return out;
    }

    /** ONNX {@code Squeeze}: the listed axes (each of length 1) removed; {@code axes} null: every 1. */
    public static long[] squeeze(long[] in, long[] axes) {
        boolean[] drop = new boolean[in.length];
        if (axes == null) {
            for (int k = 0; k < in.length; k++) {
                drop[k] = in[k] == 1;
            }
        } else {
            for (long a : axes) {
                int k = axis(a, in.length);
                if (in[k] != 1) {
                    throw new IllegalArgumentException("axis " + a + " of " + Arrays.toString(in) + " is not 1");
                }
                drop[k] = true;
            }
        }
        List<Long> out = new ArrayList<>();
        for (int k = 0; k < in.length; k++) {
            if (!drop[k]) {
                out.add(in[k]);
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** ONNX {@code Unsqueeze}: a 1 inserted at each axis of the output ({@code axes} relative to its rank). */
    public static long[] unsqueeze(long[] in, long[] axes) {
        int rank = in.length + axes.length;
        boolean[] added = new boolean[rank];
        for (long a : axes) {
            int k = axis(a, rank);
            if (added[k]) {
                throw new IllegalArgumentException("axis " + a + " listed twice");
            }
            added[k] = true;
        }
        long[] out = new long[rank];
        for (int k = 0, j = 0; k < rank; k++) {
            out[k] = added[k] ? 1 : in[j++];
        }
        return out;
    }

    /**
     * ONNX {@code Slice} on the given axes (null: the first ones), steps (null: 1), with the specification's
     * clamping of starts and ends.
     */
    public static long[] slice(long[] in, long[] starts, long[] ends, long[] axes, long[] steps) {
        if (starts.length != ends.length || axes != null && axes.length != starts.length
                || steps != null && steps.length != starts.length) {
            throw new IllegalArgumentException("starts, ends, axes and steps differ in length");
        }
        long[] out = in.clone();
        boolean[] seen = new boolean[in.length];
        for (int k = 0; k < starts.length; k++) {
            int a = axes == null ? axis(k, in.length) : axis(axes[k], in.length);
            if (seen[a]) {
                throw new IllegalArgumentException("axis " + a + " sliced twice");
            }
            seen[a] = true;
            long step = steps == null ? 1 : steps[k];
            if (step == 0) {
                throw new IllegalArgumentException("step 0");
            }
            long dim = in[a];
            if (dim == 0) {
                continue;
            }
            long s = starts[k] < 0 ? starts[k] + dim : starts[k];
            long e = ends[k] < 0 ? ends[k] + dim : ends[k];
            if (step > 0) {
                s = clamp(s, 0, dim);
                e = clamp(e, 0, dim);
                out[a] = Math.max(0, Math.floorDiv(e - s + step - 1, step));
            } else {
                s = clamp(s, 0, dim - 1);
                e = clamp(e, -1, dim - 1);
                out[a] = Math.max(0, Math.floorDiv(s - e + (-step) - 1, -step));
            }
        }
        return out;
    }

    /** ONNX {@code Pad}: {@code pads} = begins of every axis, then ends (negative values crop). */
    public static long[] pad(long[] in, long[] pads) {
        if (pads.length != 2 * in.length) {
            throw new IllegalArgumentException(pads.length + " pads for rank " + in.length);
        }
        long[] out = in.clone();
        for (int k = 0; k < in.length; k++) {
            out[k] = in[k] + pads[k] + pads[k + in.length];
            if (out[k] < 0) {
                throw new IllegalArgumentException("pads " + Arrays.toString(pads) + " crop " + Arrays.toString(in)
                        + " below zero");
            }
        }
        return out;
    }

    /** ONNX {@code Resize}/{@code Upsample} by scales: {@code floor(in * scale)} in float32, as ONNX computes it. */
    public static long[] resize(long[] in, double[] scales) {
        if (scales.length != in.length) {
            throw new IllegalArgumentException(scales.length + " scales for rank " + in.length);
        }
        long[] out = new long[in.length];
        for (int k = 0; k < in.length; k++) {
            if (!(scales[k] > 0)) {
                throw new IllegalArgumentException("scale " + scales[k] + " is not positive");
            }
            out[k] = (long) Math.floor((float) in[k] * (float) scales[k]);
        }
        return out;
    }

    /** ONNX {@code Gather}: {@code data[:axis] + indices + data[axis+1:]}. */
    public static long[] gather(long[] data, long[] indices, long axis) {
        int a = axis(axis, data.length);
        long[] out = new long[data.length - 1 + indices.length];
        System.arraycopy(data, 0, out, 0, a);
        System.arraycopy(indices, 0, out, a, indices.length);
        System.arraycopy(data, a + 1, out, a + indices.length, data.length - a - 1);
        return out;
    }

    /** A reduction over {@code axes} (null or empty: all), keeping them as 1 when {@code keepDims}. */
    public static long[] reduce(long[] in, long[] axes, boolean keepDims) {
        boolean[] reduced = new boolean[in.length];
        if (axes == null || axes.length == 0) {
            Arrays.fill(reduced, true);
        } else {
            for (long a : axes) {
                reduced[axis(a, in.length)] = true;
            }
        }
        List<Long> out = new ArrayList<>();
        for (int k = 0; k < in.length; k++) {
            if (!reduced[k]) {
                out.add(in[k]);
            } else if (keepDims) {
                out.add(1L);
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static String describe(long[]... shapes) {
        List<String> parts = new ArrayList<>();
        for (long[] s : shapes) {
            parts.add(Arrays.toString(s));
        }
        return String.join(" and ", parts);
    }
}
