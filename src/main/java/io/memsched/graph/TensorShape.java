package io.memsched.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The static shape and element type of a tensor, for example {@code 1x16x32x32 float32} (NCHW). Sizes in bytes
 * follow from the element count times the element size of the type ({@link #elementBits(String)}).
 *
 * @param dims the dimensions, each at least 0 (a scalar has none)
 * @param dtype the element type in ONNX-style lower case: {@code float32}, {@code float16}, {@code int8}, ...
 */
public record TensorShape(List<Long> dims, String dtype) {
    /** The default element type of the layer-level DSL. */
    public static final String FLOAT32 = "float32";

    private static final Map<String, Integer> BITS = Map.ofEntries(
            Map.entry("float32", 32), Map.entry("float16", 16), Map.entry("bfloat16", 16), Map.entry("float64", 64),
            Map.entry("int8", 8), Map.entry("uint8", 8), Map.entry("int16", 16), Map.entry("uint16", 16),
            Map.entry("int32", 32), Map.entry("uint32", 32), Map.entry("int64", 64), Map.entry("uint64", 64),
            Map.entry("bool", 8), Map.entry("complex64", 64), Map.entry("complex128", 128),
            Map.entry("float8e4m3fn", 8), Map.entry("float8e4m3fnuz", 8), Map.entry("float8e5m2", 8),
            Map.entry("float8e5m2fnuz", 8), Map.entry("int4", 4), Map.entry("uint4", 4), Map.entry("float4e2m1", 4));

    /** Checks the fields. */
    public TensorShape {
        dims = List.copyOf(Objects.requireNonNull(dims, "dims"));
        Objects.requireNonNull(dtype, "dtype");
        for (int i = 0; i < dims.size(); i++) {
            if (dims.get(i) < 0) {
                throw new IllegalArgumentException("dimension " + i + " of " + dims + " is negative");
            }
        }
        elementBits(dtype);
    }

    /** A float32 shape with these dimensions. */
    public static TensorShape of(long... dims) {
        return of(FLOAT32, dims);
    }

    /** A shape of element type {@code dtype} with these dimensions. */
    public static TensorShape of(String dtype, long... dims) {
        List<Long> d = new ArrayList<>(dims.length);
        for (long x : dims) {
            d.add(x);
        }
        return new TensorShape(d, dtype);
    }

    /** Bits per element of {@code dtype}; an {@link IllegalArgumentException} listing the known types otherwise. */
    public static int elementBits(String dtype) {
        Integer b = BITS.get(dtype.toLowerCase(Locale.ROOT));
        if (b == null) {
            throw new IllegalArgumentException("unknown element type '" + dtype + "' (known: "
                    + BITS.keySet().stream().sorted().toList() + ")");
        }
        return b;
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.size();
    }

    /** Dimension {@code i}. */
    public long dim(int i) {
        return dims.get(i);
    }

    /** Batch size of an NCHW shape. */
    public long n() {
        return dims.get(0);
    }

    /** Channels of an NCHW (or NC) shape. */
    public long c() {
        return dims.get(1);
    }

    /** Height of an NCHW shape. */
    public long h() {
        return dims.get(2);
    }

    /** Width of an NCHW shape. */
    public long w() {
        return dims.get(3);
    }

    /** Number of elements; an {@link ArithmeticException} on overflow. */
    public long elements() {
        long e = 1;
        for (long d : dims) {
            e = Math.multiplyExact(e, d);
        }
        return e;
    }

    /** Size in bytes (rounded up for sub-byte types); an {@link ArithmeticException} on overflow. */
    public long bytes() {
        long bits = Math.multiplyExact(elements(), (long) elementBits(dtype));
        return (bits + 7) / 8;
    }

    /** The same element type with other dimensions. */
    public TensorShape withDims(long... newDims) {
        return of(dtype, newDims);
    }

    /** {@code 1x16x32x32 float32}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.size(); i++) {
            sb.append(i == 0 ? "" : "x").append(dims.get(i));
        }
        return (dims.isEmpty() ? "scalar" : sb.toString()) + " " + dtype;
    }
}
