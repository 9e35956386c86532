package io.memsched.io.onnx;

import java.util.List;

/**
 * Evaluates the few operators of shape computations on small constant values (element-wise arithmetic and
 * comparisons with broadcasting, Concat, Gather, Slice of a vector), so that a Reshape or Expand fed by them gets
 * a static shape. Integer types compute in {@code long} (division truncates, as ONNX does), float types in
 * {@code double}.
 */
final class Values {
    private Values() {
    }

    /** {@code op} on {@code ins} (all with values), broadcast to {@code dims}. */
    static OnnxShapeInference.Info elementwise(String op, List<OnnxShapeInference.Info> ins, long[] dims, int dtype) {
        int count = (int) io.memsched.graph.ShapeRules.elements(dims);
        boolean real = ins.stream().anyMatch(i -> i.reals() != null) && !op.equals("Where")
                || op.equals("Where") && ins.size() > 1 && ins.get(1).reals() != null;
        long[] li = new long[count];
        double[] ld = new double[count];
        int[] at = new int[ins.size()];
        for (int e = 0; e < count; e++) {
            for (int k = 0; k < ins.size(); k++) {
                at[k] = offset(e, dims, ins.get(k).dims());
            }
            if (real) {
                double v = get(ins.get(op.equals("Where") ? 1 : 0), at[op.equals("Where") ? 1 : 0]);
                for (int k = 1; k < ins.size(); k++) {
                    double w = get(ins.get(k), at[k]);
                    v = switch (op) {
                        case "Add", "Sum", "Mean" -> v + w;
                        case "Sub" -> v - w;
                        case "Mul" -> v * w;
                        case "Div" -> v / w;
                        case "Max" -> Math.max(v, w);
                        case "Min" -> Math.min(v, w);
                        case "Pow" -> Math.pow(v, w);
                        case "Equal" -> v == w ? 1 : 0;
                        case "Less" -> v < w ? 1 : 0;
                        case "Greater" -> v > w ? 1 : 0;
                        case "Where" -> k == 1 ? v : get(ins.get(0), at[0]) != 0 ? get(ins.get(1), at[1])
                                : get(ins.get(2), at[2]);
                        default -> throw new IllegalArgumentException("no values computed for " + op);
                    };
                }
                if (op.equals("Mean")) {
                    v /= ins.size();
                }
                ld[e] = v;
            } else {
                long v = getLong(ins.get(op.equals("Where") ? 1 : 0), at[op.equals("Where") ? 1 : 0]);
                for (int k = 1; k < ins.size(); k++) {
                    long w = getLong(ins.get(k), at[k]);
                    v = switch (op) {
                        case "Add", "Sum" -> v + w;
                        case "Sub" -> v - w;
                        case "Mul" -> v * w;
                        case "Div" -> {
                            if (w == 0) {
                                throw new IllegalArgumentException("integer division by zero");
                            }
                            yield v / w;
                        }
                        case "Max" -> Math.max(v, w);
                        case "Min" -> Math.min(v, w);
                        case "Equal" -> v == w ? 1 : 0;
                        case "Less" -> v < w ? 1 : 0;
                        case "Greater" -> v > w ? 1 : 0;
                        case "And" -> (v != 0 && w != 0) ? 1 : 0;
                        case "Or" -> (v != 0 || w != 0) ? 1 : 0;
                        case "Where" -> k == 1 ? v : getLong(ins.get(0), at[0]) != 0 ? getLong(ins.get(1), at[1])
                                : getLong(ins.get(2), at[2]);
                        default -> throw new IllegalArgumentException("no values computed for " + op);
                    };
                }
                li[e] = v;
            }
        }
        boolean comparison = op.equals("Equal") || op.equals("Less") || op.equals("Greater");
        if (real && comparison) {
            long[] b = new long[count];
            for (int e = 0; e < count; e++) {
                b[e] = (long) ld[e];
            }
            return new OnnxShapeInference.Info(dtype, dims, b, null, false);
        }
        return real ? new OnnxShapeInference.Info(dtype, dims, null, ld, false)
                : new OnnxShapeInference.Info(dtype, dims, li, null, false);
    }

    /** Concatenation of vectors. */
    static OnnxShapeInference.Info concat(List<OnnxShapeInference.Info> ins, long[] dims) {
        boolean real = ins.stream().anyMatch(i -> i.reals() != null);
        long[] li = new long[(int) dims[0]];
        double[] ld = new double[(int) dims[0]];
        int at = 0;
        for (OnnxShapeInference.Info i : ins) {
            for (int k = 0; k < i.dims()[0]; k++, at++) {
                li[at] = getLong(i, k);
                ld[at] = get(i, k);
            }
        }
        return real ? new OnnxShapeInference.Info(ins.get(0).dtype(), dims, null, ld, false)
                : new OnnxShapeInference.Info(ins.get(0).dtype(), dims, li, null, false);
    }

    /** ONNX Gather of the values of {@code x} (shape {@code dims}) at {@code idx} along {@code axis}. */
    static OnnxShapeInference.Info gather(OnnxShapeInference.Info x, long[] dims, long[] idx, int axis,
                                          long[] out) {
        long inner = 1;
        for (int k = axis + 1; k < dims.length; k++) {
            inner *= dims[k];
        }
        long outer = 1;
        for (int k = 0; k < axis; k++) {
            outer *= dims[k];
        }
        int count = (int) io.memsched.graph.ShapeRules.elements(out);
        long[] li = new long[count];
        double[] ld = new double[count];
        int e = 0;
        for (long o = 0; o < outer; o++) {
            for (long i : idx) {
                long j = i < 0 ? i + dims[axis] : i;
                if (j < 0 || j >= dims[axis]) {
                    throw new IllegalArgumentException("index " + i + " is out of range for a dimension of "
                            + dims[axis]);
                }
                for (long r = 0; r < inner; r++, e++) {
                    int src = (int) ((o * dims[axis] + j) * inner + r);
                    li[e] = getLong(x, src);
                    ld[e] = get(x, src);
                }
            }
        }
        return x.reals() != null ? new OnnxShapeInference.Info(x.dtype(), out, null, ld, false)
                : new OnnxShapeInference.Info(x.dtype(), out, li, null, false);
    }

    /** Slice of a vector of length {@code n}; {@code out} holds the sliced length. */
    static OnnxShapeInference.Info slice1(OnnxShapeInference.Info x, long n, long start, long end, long step,
                                          long[] out) {
        long s = start < 0 ? start + n : start;
        s = step > 0 ? Math.max(0, Math.min(n, s)) : Math.max(0, Math.min(n - 1, s));
        int count = (int) out[0];
        long[] li = new long[count];
        double[] ld = new double[count];
        for (int k = 0; k < count; k++) {
            int src = (int) (s + k * step);
            li[k] = getLong(x, src);
            ld[k] = get(x, src);
        }
        return x.reals() != null ? new OnnxShapeInference.Info(x.dtype(), out, null, ld, false)
                : new OnnxShapeInference.Info(x.dtype(), out, li, null, false);
    }

    /** The flat offset in a tensor of shape {@code in} of element {@code e} of the broadcast shape {@code out}. */
    private static int offset(int e, long[] out, long[] in) {
        long off = 0;
        long stride = 1;
        long rest = e;
        for (int k = out.length - 1; k >= 0; k--) {
            long coord = rest % out[k];
            rest /= out[k];
            int j = k - (out.length - in.length);
            if (j >= 0) {
                off += (in[j] == 1 ? 0 : coord) * stride;
                stride *= in[j];
            }
        }
        return (int) off;
    }

    private static double get(OnnxShapeInference.Info i, int k) {
        return i.reals() != null ? i.reals()[k] : i.ints()[k];
    }

    private static long getLong(OnnxShapeInference.Info i, int k) {
        return i.ints() != null ? i.ints()[k] : (long) i.reals()[k];
    }
}
