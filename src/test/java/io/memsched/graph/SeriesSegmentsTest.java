package io.memsched.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.io.GraphJson;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.testing.BruteForce;
import io.memsched.testing.RandomOrders;
import io.memsched.zoo.RandomDags;
import io.memsched.zoo.Zoo;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeriesSegmentsTest {
    private static final MemoryModel[] MODELS = {MemoryModel.DEFAULT, MemoryModel.INPLACE};

    @Test
    void windowPeaksComposeExactlyToThePeakOfTheWholeOrder() {
        for (long seed = 0; seed < 400; seed++) {
            Graph g = RandomDags.generate(seed, 4 + (int) (seed % 20), 0.2 + 0.1 * (seed % 5));
            int[] order = RandomOrders.of(g, new SplittableRandom(seed));
            for (MemoryModel m : MODELS) {
                SeriesSegments w = SeriesSegments.windows(g, order, 1 + (int) (seed % 5));
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
                SeriesSegments s = SeriesSegments.atCuts(g);
                long best = 0;
                for (Graph seg : s.graphs()) {
                    best = Math.max(best, BruteForce.solve(seg, m).peakBytes());
                }
                assertEquals(BruteForce.solve(g, m).peakBytes(), best, "seed " + seed + " " + m + "\n" + GraphJson.write(g));
                int[] order = RandomOrders.of(g, new SplittableRandom(seed));
                if (s.size() > 1) {
                    withCuts++;
                }
                MemorySimulator.validate(g, s.concat(localOrders(s, order)));
            }
        }
        assertTrue(withCuts > 50, "only " + withCuts + " graphs had cuts");
    }

    /** The linear cut search finds exactly the operators whose ancestors and descendants are all the others. */
    @Test
    void cutsAreTheOperatorsComparableWithEveryOther() {
        List<Graph> graphs = new ArrayList<>();
        for (long seed = 0; seed < 300; seed++) {
            graphs.add(RandomDags.generate(seed, 1 + (int) (seed % 30), 0.05 + 0.05 * (seed % 8)));
        }
        graphs.add(Zoo.get("darts-cifar"));
        graphs.add(Zoo.get("randwire-ws-small"));
        int cuts = 0;
        for (Graph g : graphs) {
            int n = g.opCount();
            BitSet[] anc = closure(g, false);
            BitSet[] desc = closure(g, true);
            SeriesSegments s = SeriesSegments.atCuts(g);
            List<Integer> expected = new ArrayList<>();
            for (int v = 0; v < n; v++) {
                if (anc[v].cardinality() + desc[v].cardinality() == n - 1) {
                    expected.add(v);
                }
            }
            List<Integer> found = new ArrayList<>();
            int covered = 0;
            for (int k = 0; k < s.size(); k++) {
                SeriesSegments.Segment seg = s.segments().get(k);
                covered += seg.size();
                for (int j = 0; j < seg.size(); j++) {
                    assertEquals(k, s.segmentOf(seg.ops().get(j)));
                }
                if (seg.cut()) {
                    assertEquals(1, seg.size());
                    found.add(seg.ops().get(0));
                }
                // every operator of a later segment is a descendant of every operator of this one
                for (int later = k + 1; later < s.size(); later++) {
                    for (int j = 0; j < seg.size(); j++) {
                        Ints next = s.segments().get(later).ops();
                        for (int q = 0; q < next.size(); q++) {
                            if (seg.cut() || s.segments().get(later).cut()) {
                                assertTrue(desc[seg.ops().get(j)].get(next.get(q)), g.name());
                            }
                        }
                    }
                }
            }
            found.sort(Integer::compare);
            assertEquals(expected, found, g.name());
            assertEquals(n, covered, g.name());
            assertEquals(expected.size(), s.cuts(), g.name());
            cuts += expected.size();
        }
        assertTrue(cuts > 100, "only " + cuts + " cuts");
    }

    private static BitSet[] closure(Graph g, boolean descendants) {
        int n = g.opCount();
        BitSet[] sets = new BitSet[n];
        for (int v = 0; v < n; v++) {
            BitSet seen = new BitSet(n);
            List<Integer> stack = new ArrayList<>(List.of(v));
            while (!stack.isEmpty()) {
                int u = stack.remove(stack.size() - 1);
                Ints near = descendants ? g.successors(u) : g.predecessors(u);
                for (int j = 0; j < near.size(); j++) {
                    if (!seen.get(near.get(j))) {
                        seen.set(near.get(j));
                        stack.add(near.get(j));
                    }
                }
            }
            sets[v] = seen;
        }
        return sets;
    }

    private static void assertComposes(Graph g, MemoryModel m, SeriesSegments w, int[] order, long seed) {
        List<int[]> local = localOrders(w, order);
        long max = 0;
        for (int s = 0; s < w.size(); s++) {
            max = Math.max(max, MemorySimulator.peak(w.graphs().get(s), m, local.get(s)));
        }
        int[] whole = w.concat(local);
        assertEquals(java.util.Arrays.toString(order), java.util.Arrays.toString(whole));
        assertEquals(MemorySimulator.peak(g, m, order), max, "seed " + seed + " " + m + "\n" + GraphJson.write(g));
    }

    /** The order restricted to each segment, in segment-local indices. */
    private static List<int[]> localOrders(SeriesSegments w, int[] order) {
        List<int[]> out = new ArrayList<>();
        for (SeriesSegments.Segment segment : w.segments()) {
            Ints members = segment.ops();
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
