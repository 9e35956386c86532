package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.graph.GraphBuilder;
import java.util.Random;

/**
 * Seeded random graphs shaped like NAS cells (recent tensors read most, {@code Concat} joins, in-place operators),
 * which {@link io.memsched.zoo.RandomDags} does not make: they exercise HMCOS's groups.
 */
public final class TestGraphs {
    private TestGraphs() {
    }

    /** A seeded random DAG with Concat and in-place operators, multi-consumer tensors and several inputs. */
    public static Graph randomGraph(long seed, int n) {
        Random rnd = new Random(seed);
        GraphBuilder b = Graph.builder("rnd" + seed);
        int inputs = 1 + rnd.nextInt(2);
        for (int k = 0; k < inputs; k++) {
            b.input("in" + k, 1 + rnd.nextInt(64));
        }
        for (int i = 0; i < n; i++) {
            boolean concat = rnd.nextInt(4) == 0;
            var op = b.op("op" + i, concat ? "Concat" : "Conv");
            int reads = 1 + rnd.nextInt(concat ? 3 : 2);
            java.util.Set<String> picked = new java.util.LinkedHashSet<>();
            for (int r = 0; r < reads; r++) {
                // mostly recent tensors, so that chains and cells appear
                int pool = i + inputs;
                int pick = Math.max(0, pool - 1 - (int) Math.abs(rnd.nextGaussian() * 3));
                picked.add(pick < inputs ? "in" + pick : "t" + (pick - inputs));
            }
            op.reads(picked.toArray(new String[0])).writes("t" + i, 1 + rnd.nextInt(64));
            if (!concat && rnd.nextInt(3) == 0) {
                op.inplace();
            }
        }
        return b.output("t" + (n - 1)).build();
    }
}
