package io.memsched.testing;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Exact test oracle: the minimum peak over all topological orders, by exhaustive search over the orders with the
 * best suffix peak memoised per set of run operators (the footprints come from {@link ReferenceModel}, not from
 * production code). Exponential: meant for graphs of up to about 16 operators.
 */
public final class BruteForce {
    /** Largest graph the oracle accepts. */
    public static final int MAX_OPS = 20;

    /**
     * The optimum.
     *
     * @param peakBytes the minimum peak over all valid orders
     * @param order one order that reaches it
     */
    public record Optimum(long peakBytes, int[] order) {
    }

    private final Graph g;
    private final ReferenceModel ref;
    private final int n;
    private final long[] memo;
    private final int[] choice;

    private BruteForce(Graph graph, MemoryModel model) {
        this.g = graph;
        this.ref = new ReferenceModel(graph, model);
        this.n = graph.opCount();
        if (n > MAX_OPS) {
            throw new IllegalArgumentException("brute force needs at most " + MAX_OPS + " operators, got " + n);
        }
        this.memo = new long[1 << n];
        this.choice = new int[1 << n];
        Arrays.fill(memo, -1);
    }

    /** The exact optimum of {@code graph} under {@code model}. */
    public static Optimum solve(Graph graph, MemoryModel model) {
        BruteForce b = new BruteForce(graph, model);
        if (b.n == 0) {
            return new Optimum(b.ref.liveBytes(new BitSet()), new int[0]);
        }
        long peak = b.best(0);
        int[] order = new int[b.n];
        int mask = 0;
        for (int k = 0; k < b.n; k++) {
            order[k] = b.choice[mask];
            mask |= 1 << order[k];
        }
        return new Optimum(peak, order);
    }

    /** The minimum peak of the remaining operators once those in {@code mask} have run. */
    private long best(int mask) {
        if (mask == (1 << n) - 1) {
            return Long.MIN_VALUE;
        }
        if (memo[mask] >= 0) {
            return memo[mask];
        }
        BitSet done = BitSet.valueOf(new long[] {mask});
        long best = Long.MAX_VALUE;
        for (int op = 0; op < n; op++) {
            if ((mask & (1 << op)) != 0 || !ref.ready(done, op)) {
                continue;
            }
            long here = ref.footprint(done, op);
            if (here >= best) {
                continue;
            }
            long v = Math.max(here, best(mask | 1 << op));
            if (v < best) {
                best = v;
                choice[mask] = op;
            }
        }
        memo[mask] = best;
        return best;
    }

    /** The minimum peak by plain enumeration of every permutation (no memo): an oracle for the oracle, n <= 8. */
    public static long enumerate(Graph graph, MemoryModel model) {
        int n = graph.opCount();
        if (n > 8) {
            throw new IllegalArgumentException("enumeration needs at most 8 operators, got " + n);
        }
        ReferenceModel ref = new ReferenceModel(graph, model);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        long best = Long.MAX_VALUE;
        do {
            try {
                best = Math.min(best, ref.peak(perm));
            } catch (AssertionError notTopological) {
                // skip
            }
        } while (nextPermutation(perm));
        return best;
    }

    private static boolean nextPermutation(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
            t = a[l];
            a[l] = a[r];
            a[r] = t;
        }
        return true;
    }
}
