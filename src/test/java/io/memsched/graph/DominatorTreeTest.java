package io.memsched.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DominatorTreeTest {
    @Test
    void diamondAndChain() {
        // 0 -> 1, 0 -> 2, 1 -> 3, 2 -> 3, 3 -> 4
        int[][] s = {{1, 2}, {3}, {3}, {4}, {}};
        DominatorTree d = DominatorTree.of(5, 0, v -> s[v]);
        assertEquals(-1, d.immediateDominator(0));
        assertEquals(0, d.immediateDominator(1));
        assertEquals(0, d.immediateDominator(3));
        assertEquals(3, d.immediateDominator(4));
        assertTrue(d.dominates(3, 4));
        assertTrue(d.dominates(3, 3));
        assertFalse(d.dominates(1, 3));
        assertTrue(d.dominates(0, 4));
    }

    @Test
    void unreachableVerticesDominateNothing() {
        int[][] s = {{1}, {}, {1}};
        DominatorTree d = DominatorTree.of(3, 0, v -> s[v]);
        assertFalse(d.isReachable(2));
        assertFalse(d.dominates(2, 1));
        assertFalse(d.dominates(0, 2));
        assertEquals(-1, d.immediateDominator(2));
    }

    @Test
    void refusesBadInput() {
        int[][] s = {{5}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DominatorTree.of(1, 0, v -> s[v]));
        assertTrue(e.getMessage().contains("successor 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DominatorTree.of(1, 3, v -> new int[0]));
    }

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    /** Random graphs, DAGs for even seeds and graphs with cycles for odd ones, against the definition. */
    @ParameterizedTest
    @MethodSource("seeds")
    void matchesBruteForceDefinition(long seed) {
        Random rnd = new Random(seed);
        int n = 2 + rnd.nextInt(12);
        double p = 0.1 + rnd.nextDouble() * 0.4;
        boolean dag = seed % 2 == 0;
        List<List<Integer>> adj = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            adj.add(new ArrayList<>());
            for (int w = 0; w < n; w++) {
                if (w != v && (!dag || w > v) && rnd.nextDouble() < p) {
                    adj.get(v).add(w);
                }
            }
        }
        int[][] s = new int[n][];
        for (int v = 0; v < n; v++) {
            s[v] = adj.get(v).stream().mapToInt(Integer::intValue).toArray();
        }
        DominatorTree d = DominatorTree.of(n, 0, v -> s[v]);
        boolean[] reach = reachable(s, 0, -1);
        for (int b = 0; b < n; b++) {
            assertEquals(reach[b], d.isReachable(b), "seed " + seed + " reachability of " + b);
            for (int a = 0; a < n; a++) {
                boolean expected = reach[a] && reach[b] && (a == b || !reachable(s, 0, a)[b]);
                assertEquals(expected, d.dominates(a, b), "seed " + seed + ": dominates(" + a + ", " + b + ")");
            }
            if (b != 0 && reach[b]) {
                int i = d.immediateDominator(b);
                assertTrue(d.dominates(i, b) && i != b, "seed " + seed + " idom of " + b);
                for (int a = 0; a < n; a++) {
                    if (a != b && d.dominates(a, b)) {
                        assertTrue(d.dominates(a, i), "seed " + seed + ": idom(" + b + ")=" + i + " is not the closest");
                    }
                }
            }
        }
    }

    /** Vertices reachable from {@code from} without passing through {@code removed}. */
    private static boolean[] reachable(int[][] s, int from, int removed) {
        boolean[] seen = new boolean[s.length];
        if (from == removed) {
            return seen;
        }
        ArrayList<Integer> stack = new ArrayList<>(List.of(from));
        seen[from] = true;
        while (!stack.isEmpty()) {
            int v = stack.remove(stack.size() - 1);
            for (int w : s[v]) {
                if (!seen[w] && w != removed) {
                    seen[w] = true;
                    stack.add(w);
                }
            }
        }
        return seen;
    }
}
