package io.memsched.io.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the typed value fields of one {@code TensorProto} while it is read and decodes them, when the tensor is
 * small and numeric, into {@code long} (integer and boolean types) or {@code double} (float types) values.
 */
final class TensorValues {
    ByteString raw;
    private final List<Long> longs = new ArrayList<>();
    private final List<Double> doubles = new ArrayList<>();

    int count() {
        return longs.size() + doubles.size();
    }

    /** Reads one occurrence of float_data (4), int32_data (5), int64_data (7), double_data (10), uint64_data (11). */
    void read(CodedInputStream in, int field, int tag) throws IOException {
        boolean packed = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
        int old = packed ? in.pushLimit(in.readRawVarint32()) : -1;
        do {
            switch (field) {
                case 4 -> doubles.add((double) in.readFloat());
                case 10 -> doubles.add(in.readDouble());
                case 5 -> longs.add((long) in.readInt32());
                default -> longs.add(in.readInt64());
            }
        } while (packed && in.getBytesUntilLimit() > 0 && count() <= OnnxWireReader.MAX_VALUES);
        if (packed) {
            in.skipRawBytes(in.getBytesUntilLimit());
            in.popLimit(old);
        }
    }

    /** The tensor with its values when they are known, few and numeric. */
    OnnxWireReader.Initializer decode(String name, int type, List<Long> dims) {
        long n = 1;
        for (long d : dims) {
            if (d < 0 || d > OnnxWireReader.MAX_VALUES || (n *= d) > OnnxWireReader.MAX_VALUES) {
                return new OnnxWireReader.Initializer(name, type, dims);
            }
        }
        int count = (int) n;
        boolean real = type == 1 || type == 10 || type == 11 || type == 16;
        boolean integer = type == 2 || type == 3 || type == 4 || type == 5 || type == 6 || type == 7 || type == 9
                || type == 12 || type == 13;
        if (!real && !integer) {
            return new OnnxWireReader.Initializer(name, type, dims);
        }
        long[] ints = null;
        double[] reals = null;
        if (raw != null) {
            int width = switch (type) {
                case 2, 3, 9 -> 1;
                case 4, 5, 10, 16 -> 2;
                case 1, 6, 12 -> 4;
                default -> 8;
            };
            if (raw.size() != (long) count * width) {
                return new OnnxWireReader.Initializer(name, type, dims);
            }
            ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            if (real) {
                reals = new double[count];
                for (int k = 0; k < count; k++) {
                    reals[k] = switch (type) {
                        case 1 -> b.getFloat();
                        case 11 -> b.getDouble();
                        case 10 -> half(b.getShort() & 0xffff);
                        default -> Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
                    };
                }
            } else {
                ints = new long[count];
                for (int k = 0; k < count; k++) {
                    ints[k] = switch (type) {
                        case 2, 9 -> b.get() & 0xff;
                        case 3 -> b.get();
                        case 4 -> b.getShort() & 0xffff;
                        case 5 -> b.getShort();
                        case 6 -> b.getInt();
                        case 12 -> b.getInt() & 0xffffffffL;
                        default -> b.getLong();
                    };
                }
            }
        } else if (real && type != 10 && type != 16 && doubles.size() == count) {
            reals = doubles.stream().mapToDouble(Double::doubleValue).toArray();
        } else if (real && longs.size() == count) {
            reals = new double[count];
            for (int k = 0; k < count; k++) {
                int bits = (int) (long) longs.get(k) & 0xffff;
                reals[k] = type == 10 ? half(bits) : Float.intBitsToFloat(bits << 16);
            }
        } else if (integer && longs.size() == count) {
            ints = longs.stream().mapToLong(Long::longValue).toArray();
        }
        return new OnnxWireReader.Initializer(name, type, dims, ints, reals);
    }

    /** An IEEE 754 half-precision value from its 16 bits. */
    static double half(int bits) {
        int sign = (bits >> 15) & 1;
        int exp = (bits >> 10) & 0x1f;
        int frac = bits & 0x3ff;
        double v;
        if (exp == 0) {
            v = frac * Math.pow(2, -24);
        } else if (exp == 31) {
            v = frac == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            v = (1 + frac / 1024.0) * Math.pow(2, exp - 15);
        }
        return sign == 1 ? -v : v;
    }
}
