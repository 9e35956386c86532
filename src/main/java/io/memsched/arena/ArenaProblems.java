package io.memsched.arena;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generators of large arena problems, for benchmarks and scale tests: the tensor lifetimes of a synthetic
 * schedule of a deep network, with the shapes and reuse distances of real ones.
 * <pre>{@code
 * ArenaProblem p = ArenaProblems.generated(20_000, 1);      // "generated-20000-s1", exactly 20,000 buffers
 * new ContentionArenaPlanner().plan(p).arenaBytes();
 * }</pre>
 */
public final class ArenaProblems {
    /** Networks run side by side, interleaved operator by operator (several models served at once). */
    private static final int STREAMS = 3;

    private ArenaProblems() {
    }

    /**
     * A problem of exactly {@code buffers} buffers from {@code seed} (the same arguments always give the same
     * problem), named {@code generated-N-sSEED}. The schedule runs one operator per step through a sequence of
     * networks, each picked at random among three families, each going through four to six stages in which the
     * resolution halves and the channels double (activation sizes of 4-byte floats, channel counts jittered):
     * <ul>
     *   <li>U-Net: residual blocks (two convolutions and an add: the block input lives until the add) down the
     *       stages, then back up, every stage's last output alive until the decoder of that stage reads it (long
     *       lifetimes);</li>
     *   <li>Inception: blocks of three or four parallel branches of one to three convolutions of different widths,
     *       joined by a concat (branch outputs alive together);</li>
     *   <li>Transformer: blocks of query, key and value projections, an attention-score tensor (sequence length
     *       squared times heads), softmax, the weighted sum, an output projection and a residual add, then a
     *       two-layer MLP of four times the width.</li>
     * </ul>
     * About one convolution in three has a workspace buffer alive at its step only.
     *
     * @throws IllegalArgumentException when {@code buffers} is negative
     */
    public static ArenaProblem generated(int buffers, long seed) {
        if (buffers < 0) {
            throw new IllegalArgumentException("buffers must not be negative, was " + buffers);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Schedule[] streams = new Schedule[STREAMS];
        for (int k = 0; k < STREAMS; k++) {
            Schedule s = new Schedule(buffers / STREAMS + (k < buffers % STREAMS ? 1 : 0), random.split());
            int current = s.tensor(jitter(s.random, 3L * 224 * 224 * 4));
            while (!s.full()) {
                switch (s.random.nextInt(3)) {
                    case 0 -> current = unet(s, current);
                    case 1 -> current = inception(s, current);
                    default -> current = transformer(s, current);
                }
            }
            streams[k] = s;
        }
        return interleave("generated-" + buffers + "-s" + seed, streams, random);
    }

    /**
     * One schedule of the streams' operators: at each step a stream is picked with a probability proportional to
     * the operators it has left and runs its next one; a tensor lives from its operator's step to its last reader's.
     */
    private static ArenaProblem interleave(String name, Schedule[] streams, SplittableRandom random) {
        int[] next = new int[streams.length];
        int[][] globalStep = new int[streams.length][];
        int left = 0;
        for (int k = 0; k < streams.length; k++) {
            globalStep[k] = new int[streams[k].steps + 1];
            left += streams[k].steps + 1;
        }
        for (int step = 0; left > 0; step++, left--) {
            int pick = random.nextInt(left);
            int k = 0;
            while (pick >= globalStep[k].length - next[k]) {
                pick -= globalStep[k].length - next[k];
                k++;
            }
            globalStep[k][next[k]++] = step;
        }
        List<ArenaProblem.Buffer> bs = new ArrayList<>();
        for (int k = 0; k < streams.length; k++) {
            for (long[] t : streams[k].tensors) {
                int i = bs.size();
                bs.add(ArenaProblem.Buffer.named(i, "t" + i, t[0], globalStep[k][(int) t[1]],
                        globalStep[k][(int) t[2]]));
            }
        }
        return ArenaProblem.of(name, bs);
    }

    /** A U-Net-like network; returns its output tensor. */
    private static int unet(Schedule s, int input) {
        int stages = 4 + s.random.nextInt(3);
        long base = 32L * 112 * 112 * 4 * (1 + s.random.nextInt(2));
        int x = s.conv(input, base);
        int[] skips = new int[stages];
        for (int k = 0; k < stages && !s.full(); k++) {
            long bytes = base >> k; // channels double, resolution halves: a quarter of the pixels, twice the channels
            int blocks = 1 + s.random.nextInt(3);
            for (int r = 0; r < blocks && !s.full(); r++) {
                x = residual(s, x, bytes);
            }
            skips[k] = x;
            x = s.conv(x, bytes >> 1); // strided convolution to the next stage
        }
        for (int k = stages - 1; k >= 0 && !s.full(); k--) {
            long bytes = base >> k;
            int up = s.conv(x, bytes); // upsampling
            x = s.op(bytes, up, skips[k]); // concat/add with the skip of this stage
            x = residual(s, x, bytes);
        }
        return x;
    }

    /** Two convolutions and an add of the block input. */
    private static int residual(Schedule s, int x, long bytes) {
        int a = s.conv(x, jitter(s.random, bytes));
        int b = s.conv(a, bytes);
        return s.op(bytes, b, x);
    }

    /** An Inception-like network; returns its output tensor. */
    private static int inception(Schedule s, int input) {
        int stages = 4 + s.random.nextInt(3);
        long base = 64L * 56 * 56 * 4 * (1 + s.random.nextInt(3));
        int x = s.conv(input, base);
        for (int k = 0; k < stages && !s.full(); k++) {
            long bytes = base >> k;
            int blocks = 1 + s.random.nextInt(4);
            for (int r = 0; r < blocks && !s.full(); r++) {
                int branches = 3 + s.random.nextInt(2);
                int[] outs = new int[branches];
                long total = 0;
                for (int br = 0; br < branches; br++) {
                    long w = jitter(s.random, bytes / branches);
                    int y = s.conv(x, w);
                    for (int d = s.random.nextInt(3); d > 0; d--) {
                        y = s.conv(y, jitter(s.random, w));
                    }
                    outs[br] = y;
                    total += s.size(y);
                }
                x = s.op(total, outs);
            }
            x = s.conv(x, bytes >> 1);
        }
        return x;
    }

    /** A transformer-like stack; returns its output tensor. */
    private static int transformer(Schedule s, int input) {
        int seq = 128 << s.random.nextInt(3);
        int width = 256 << s.random.nextInt(3);
        int heads = 4 << s.random.nextInt(2);
        long act = 4L * seq * width;
        int x = s.op(act, input); // embedding
        int layers = 4 + s.random.nextInt(9);
        for (int l = 0; l < layers && !s.full(); l++) {
            int norm = s.op(act, x);
            int q = s.op(act, norm);
            int k = s.op(act, norm);
            int v = s.op(act, norm);
            int scores = s.op(4L * seq * seq * heads, q, k);
            int probs = s.op(4L * seq * seq * heads, scores);
            int att = s.op(act, probs, v);
            int proj = s.conv(att, act);
            x = s.op(act, proj, x);
            int n2 = s.op(act, x);
            int h = s.conv(n2, 4 * act);
            int gelu = s.op(4 * act, h);
            int down = s.conv(gelu, act);
            x = s.op(act, down, x);
        }
        return x;
    }

    /** {@code bytes} times a random factor in 0.5 .. 1.5, rounded up to 64 bytes. */
    private static long jitter(SplittableRandom random, long bytes) {
        long b = (long) (bytes * (0.5 + random.nextDouble()));
        return Math.max(64, (b + 63) / 64 * 64);
    }

    /** The schedule being generated: one operator per step, tensors alive from their step to their last reader. */
    private static final class Schedule {
        final SplittableRandom random;
        private final int limit;
        final List<long[]> tensors = new ArrayList<>(); // {bytes, first, last}
        int steps;

        Schedule(int limit, SplittableRandom random) {
            this.limit = limit;
            this.random = random;
        }

        boolean full() {
            return tensors.size() >= limit;
        }

        long size(int t) {
            return t < 0 ? 0 : tensors.get(t)[0];
        }

        /** A tensor made at the current step (-1 when the problem is full). */
        int tensor(long bytes) {
            if (full()) {
                return -1;
            }
            tensors.add(new long[] {bytes, steps, steps});
            return tensors.size() - 1;
        }

        /** An operator reading {@code inputs} and writing {@code bytes}; returns its output. */
        int op(long bytes, int... inputs) {
            steps++;
            for (int in : inputs) {
                if (in >= 0) {
                    tensors.get(in)[2] = steps;
                }
            }
            return tensor(bytes);
        }

        /** A convolution; a third of them have a workspace alive at their step. */
        int conv(int input, long bytes) {
            int out = op(bytes, input);
            if (random.nextInt(3) == 0) {
                tensor(jitter(random, bytes / 4));
            }
            return out;
        }
    }
}
