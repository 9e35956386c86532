package io.memsched.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shape rules against brute force on thousands of seeded random cases: window counts by enumerating window
 * positions, broadcasting by checking every output coordinate maps into every input, Slice by walking the indices
 * with Python's slicing semantics (which ONNX's Slice follows); and the layer builder against the rules.
 */
class ShapeRulesTest {
    @Test
    void windowCountsEqualEnumeratedPositions() {
        Random r = new Random(1);
        for (int n = 0; n < 5000; n++) {
            long in = 1 + r.nextInt(40);
            long k = 1 + r.nextInt(7);
            long s = 1 + r.nextInt(4);
            long d = 1 + r.nextInt(3);
            long pb = r.nextInt(4);
            long pe = r.nextInt(4);
            long span = d * (k - 1) + 1;
            long padded = in + pb + pe;
            if (padded < span) {
                assertThrows(IllegalArgumentException.class, () -> ShapeRules.window(in, k, s, pb, pe, d, false));
                continue;
            }
            long floor = 0;
            long ceil = 0;
            for (long start = 0; start <= padded + s; start += s) {
                if (start + span <= padded) {
                    floor++;
                }
                // ONNX 1.12's ceil mode: also a window that starts less than a stride after the last full one,
                // even beyond the padded input (the rule onnx.shape_inference applies; PyTorch drops such windows)
                if (start <= padded - span + s - 1) {
                    ceil++;
                }
            }
            assertEquals(floor, ShapeRules.window(in, k, s, pb, pe, d, false), in + " " + k + " " + s + " " + d);
            assertEquals(ceil, ShapeRules.window(in, k, s, pb, pe, d, true), in + " " + k + " " + s + " " + d);
            long[] same = ShapeRules.samePads(in, k, s, d, r.nextBoolean());
            assertEquals((in + s - 1) / s, ShapeRules.window(in, k, s, same[0], same[1], d, false));
            assertTrue(Math.abs(same[0] - same[1]) <= 1);
        }
    }

    @Test
    void broadcastingMapsEveryOutputCoordinateIntoEveryInput() {
        Random r = new Random(2);
        for (int n = 0; n < 3000; n++) {
            int rank = r.nextInt(4);
            long[] full = new long[rank];
            for (int k = 0; k < rank; k++) {
                full[k] = 1 + r.nextInt(4);
            }
            List<long[]> ins = new ArrayList<>();
            for (int m = 0; m < 1 + r.nextInt(3); m++) {
                int rr = r.nextInt(rank + 1);
                long[] s = new long[rr];
                for (int k = 0; k < rr; k++) {
                    s[k] = r.nextInt(3) == 0 ? 1 : full[rank - rr + k];
                }
                ins.add(s);
            }
            long[] out = ShapeRules.broadcast(ins.toArray(long[][]::new));
            int outRank = ins.stream().mapToInt(s -> s.length).max().orElse(0);
            assertEquals(outRank, out.length);
            for (int k = 0; k < out.length; k++) {
                long expect = 1;
                for (long[] s : ins) {
                    int j = k - (out.length - s.length);
                    if (j >= 0 && s[j] != 1) {
                        expect = s[j];
                    }
                }
                assertEquals(expect, out[k]);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ShapeRules.broadcast(new long[] {2, 3},
                new long[] {4, 3}));
    }

    @Test
    void sliceLengthsEqualPythonSlicing() {
        Random r = new Random(3);
        for (int n = 0; n < 5000; n++) {
            long len = r.nextInt(12);
            long start = r.nextInt(30) - 15;
            long end = r.nextInt(5) == 0 ? (r.nextBoolean() ? Long.MAX_VALUE : -Long.MAX_VALUE) : r.nextInt(30) - 15;
            long step = r.nextBoolean() ? 1 + r.nextInt(3) : -1 - r.nextInt(3);
            long[] out = ShapeRules.slice(new long[] {len}, new long[] {start}, new long[] {end}, null,
                    new long[] {step});
            assertEquals(pythonSliceLength(len, start, end, step), out[0], len + "[" + start + ":" + end + ":"
                    + step + "]");
        }
    }

    /**
     * Python's slice.indices, then the indices walked one by one; one documented difference: ONNX clamps a start
     * before the beginning to 0 when stepping backwards (Python gives an empty slice).
     */
    private static long pythonSliceLength(long len, long start, long stop, long step) {
        long lower = step > 0 ? 0 : -1;
        long upper = step > 0 ? len : len - 1;
        long s = start < 0 ? Math.max(start + len, step < 0 && len > 0 ? 0 : lower) : Math.min(start, upper);
        long e = stop < 0 ? Math.max(stop + len, lower) : Math.min(stop, upper);
        long count = 0;
        for (long i = s; step > 0 ? i < e : i > e; i += step) {
            count++;
        }
        return count;
    }

    @Test
    void reshapeSqueezeUnsqueezeAndFriends() {
        assertArrayEquals(new long[] {2, 12, 5}, ShapeRules.reshape(new long[] {2, 3, 4, 5}, new long[] {0, -1, 5},
                false));
        assertArrayEquals(new long[] {0, 4}, ShapeRules.reshape(new long[] {0, 4}, new long[] {0, 4}, true));
        assertThrows(IllegalArgumentException.class, () -> ShapeRules.reshape(new long[] {2, 3}, new long[] {4, -1},
                false));
        assertArrayEquals(new long[] {1, 120}, ShapeRules.flatten(new long[] {2, 3, 4, 5}, 0));
        assertArrayEquals(new long[] {24, 5}, ShapeRules.flatten(new long[] {2, 3, 4, 5}, -1));
        assertArrayEquals(new long[] {3, 4}, ShapeRules.squeeze(new long[] {3, 1, 4, 1}, null));
        assertArrayEquals(new long[] {1, 3, 4, 1}, ShapeRules.unsqueeze(new long[] {3, 4}, new long[] {0, -1}));
        assertArrayEquals(new long[] {2, 5, 3, 6}, ShapeRules.matmul(new long[] {2, 1, 3, 4}, new long[] {5, 4, 6}));
        assertArrayEquals(new long[] {3, 6}, ShapeRules.matmul(new long[] {4}, new long[] {3, 4, 6}));
        assertArrayEquals(new long[] {4, 2, 3, 6}, ShapeRules.gather(new long[] {4, 5, 6}, new long[] {2, 3}, 1));
        assertEquals(3, ShapeRules.split(new long[] {2, 6}, -1, null, 3).size());
        assertArrayEquals(new long[] {1, 3, 7, 4}, ShapeRules.resize(new long[] {1, 3, 5, 7},
                new double[] {1, 1, 1.5, 0.6}));
    }

    @Test
    void theLayerBuilderUsesTheRules() {
        NetworkBuilder nb = new NetworkBuilder("n");
        Activation x = nb.input("x", 3, 11, 9);
        Activation c = nb.conv(x, 8, 3, 3, 2, 2, 1, 0, 2, 1);
        assertEquals(List.of(1L, 8L, ShapeRules.window(11, 3, 2, 1, 1, 2, false),
                ShapeRules.window(9, 3, 2, 0, 0, 2, false)), c.shape().dims());
        Activation p = nb.maxPool(c, 2, 2, 1, true);
        assertEquals(ShapeRules.windowDroppingPaddedLast(c.shape().h(), 2, 2, 1), p.shape().h());
        Activation f = nb.flatten(nb.concat(p, p));
        assertEquals(List.of(1L, 2 * p.shape().elements()), f.shape().dims());
    }
}
