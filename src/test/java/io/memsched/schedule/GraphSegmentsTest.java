package io.memsched.schedule;

import io.memsched.registry.Registry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.io.GraphJson;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.testing.BruteForce;
import io.memsched.zoo.RandomDags;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphSegmentsTest {
    private static final MemoryModel[] MODELS = {MemoryModel.DEFAULT, MemoryModel.INPLACE};

    @Test
    void windowPeaksComposeExactlyToThePeakOfTheWholeOrder() {
        for (long seed = 0; seed < 400; seed++) {
            Graph g = RandomDags.generate(seed, 4 + (int) (seed % 20), 0.2 + 0.1 * (seed % 5));
            int[] order = Registry.scheduler("greedy", SchedulerOptions.defaults()).schedule(g).schedule().indicesIn(g);
            for (MemoryModel m : MODELS) {
                GraphSegments w = GraphSegments.windows(g, order, 1 + (int) (seed % 5));
                assertComposes(g, m, w, order, seed);
            }
        }
    }

    @Test
    void singleNodeCutsSplitChainsAndKeepTheOptimum() {
        int withCuts = 0;
        for (long seed = 0; seed < 300; seed++) {
            Graph g = RandomDags.generate(seed, 4 + (int) (seed % 10), 0.1);
            for (MemoryModel m : MODELS) {
                GraphSegments s = GraphSegments.of(g);
                long best = 0;
                for (Graph seg : s.segments()) {
                    best = Math.max(best, BruteForce.solve(seg, m).peakBytes());
                }
                assertEquals(BruteForce.solve(g, m).peakBytes(), best, "seed " + seed + " " + m + "\n" + GraphJson.write(g));
                int[] order = Registry.scheduler("greedy", SchedulerOptions.defaults()).schedule(g).schedule().indicesIn(g);
                if (s.segments().size() > 1) {
                    withCuts++;
                }
                MemorySimulator.validate(g, s.concat(localOrders(s, order)));
            }
        }
        assertTrue(withCuts > 50, "only " + withCuts + " graphs had cuts");
    }

    private static void assertComposes(Graph g, MemoryModel m, GraphSegments w, int[] order, long seed) {
        List<int[]> local = localOrders(w, order);
        long max = 0;
        for (int s = 0; s < w.segments().size(); s++) {
            max = Math.max(max, MemorySimulator.peak(w.segments().get(s), m, local.get(s)));
        }
        int[] whole = w.concat(local);
        assertEquals(java.util.Arrays.toString(order), java.util.Arrays.toString(whole));
        assertEquals(MemorySimulator.peak(g, m, order), max, "seed " + seed + " " + m + "\n" + GraphJson.write(g));
    }

    /** The order restricted to each segment, in segment-local indices. */
    private static List<int[]> localOrders(GraphSegments w, int[] order) {
        List<int[]> out = new ArrayList<>();
        for (Ints members : w.members()) {
            int[] loc = new int[members.size()];
            int k = 0;
            for (int i : order) {
                for (int j = 0; j < members.size(); j++) {
                    if (members.get(j) == i) {
                        loc[k++] = j;
                    }
                }
            }
            out.add(loc);
        }
        return out;
    }
}
