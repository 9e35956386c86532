package io.memsched.testing;

import io.memsched.graph.Graph;
import io.memsched.graph.GraphBuilder;
import java.util.SplittableRandom;

/** Seeded graphs that are hard for exact search: sparse, wide random DAGs (many independent branches). */
public final class HardGraphs {
    private HardGraphs() {
    }

    /**
     * {@code n} operators; each reads every earlier output with probability {@code p} (the graph input when none)
     * and writes one tensor of 1..100 bytes; some have workspaces or are in-place capable; unread tensors are
     * graph outputs.
     */
    public static Graph sparseWide(long seed, int n, double p) {
        SplittableRandom r = new SplittableRandom(seed);
        GraphBuilder b = Graph.builder("sparse-wide-" + n + "-" + seed).input("x", 1 + r.nextInt(100));
        boolean[] used = new boolean[n];
        for (int i = 0; i < n; i++) {
            b.op("o" + i);
            boolean any = false;
            for (int j = 0; j < i; j++) {
                if (r.nextDouble() < p) {
                    b.reads("t" + j);
                    used[j] = true;
                    any = true;
                }
            }
            if (!any) {
                b.reads("x");
            }
            b.writes("t" + i, 1 + r.nextInt(100));
            if (r.nextDouble() < 0.3) {
                b.workspace(r.nextInt(50));
            }
            if (r.nextDouble() < 0.3) {
                b.inplace();
            }
        }
        for (int i = 0; i < n; i++) {
            if (!used[i]) {
                b.output("t" + i);
            }
        }
        return b.build();
    }
}
