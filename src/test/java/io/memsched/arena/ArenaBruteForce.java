package io.memsched.arena;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An independent oracle for tiny arena problems: the least height over every order of the buffers, each placed by
 * first fit (the lowest offset where it fits among the buffers placed before it). The layout of least offset sum
 * among the optimal ones is first fit in its own offset order, so the minimum over all orders is the optimum.
 */
final class ArenaBruteForce {
    private ArenaBruteForce() {
    }

    /** The minimum arena of {@code p} (up to 8 buffers): every order, cut when the partial height is no better. */
    static long minimum(ArenaProblem p) {
        int n = p.buffers().size();
        if (n > 8) {
            throw new IllegalArgumentException("brute force takes at most 8 buffers, got " + n);
        }
        long[] best = {Long.MAX_VALUE};
        search(p, new long[n], new boolean[n], 0, 0, best);
        return n == 0 ? 0 : best[0];
    }

    private static void search(ArenaProblem p, long[] off, boolean[] done, int k, long height, long[] best) {
        int n = off.length;
        if (height >= best[0]) {
            return;
        }
        if (k == n) {
            best[0] = height;
            return;
        }
        for (int i = 0; i < n; i++) {
            if (!done[i]) {
                off[i] = firstFit(p, off, done, i);
                done[i] = true;
                search(p, off, done, k + 1, Math.max(height, off[i] + p.buffers().get(i).bytes()), best);
                done[i] = false;
            }
        }
    }

    /** The lowest offset where buffer {@code i} fits among the placed ({@code done}) buffers. */
    static long firstFit(ArenaProblem p, long[] off, boolean[] done, int i) {
        ArenaProblem.Buffer b = p.buffers().get(i);
        long o = 0;
        boolean moved = true;
        while (moved) {
            moved = false;
            for (int j = 0; j < off.length; j++) {
                ArenaProblem.Buffer c = p.buffers().get(j);
                if (done[j] && c.bytes() > 0 && b.bytes() > 0 && c.overlapsInTime(b) && off[j] < o + b.bytes()
                        && o < off[j] + c.bytes()) {
                    o = off[j] + c.bytes();
                    moved = true;
                }
            }
        }
        return o;
    }

    /**
     * A random problem of {@code n} buffers over {@code steps} steps with sizes up to {@code maxSize}; about one in
     * five buffers copies an earlier one (identical buffers), a few are empty.
     */
    static ArenaProblem random(long seed, int n, int steps, int maxSize) {
        Random rnd = new Random(seed);
        List<ArenaProblem.Buffer> bs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i > 0 && rnd.nextInt(5) == 0) {
                ArenaProblem.Buffer c = bs.get(rnd.nextInt(i));
                bs.add(ArenaProblem.Buffer.named(i, "b" + i, c.bytes(), c.firstStep(), c.lastStep()));
                continue;
            }
            int a = rnd.nextInt(steps);
            int b = a + rnd.nextInt(steps - a);
            long size = rnd.nextInt(20) == 0 ? 0 : 1 + rnd.nextInt(maxSize);
            bs.add(ArenaProblem.Buffer.named(i, "b" + i, size * 16, a, b));
        }
        return ArenaProblem.of("random" + seed, bs);
    }
}
