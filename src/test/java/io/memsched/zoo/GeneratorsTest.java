package io.memsched.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Activation;
import io.memsched.graph.Graph;
import io.memsched.graph.NetworkBuilder;
import io.memsched.graph.Op;
import io.memsched.graph.Tensor;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class GeneratorsTest {

    static LongStream seeds() {
        return LongStream.range(0, 50);
    }

    private static int edges(boolean[][] a) {
        int e = 0;
        for (int u = 0; u < a.length; u++) {
            for (int v = u + 1; v < a.length; v++) {
                e += a[u][v] ? 1 : 0;
                assertEquals(a[u][v], a[v][u]);
            }
            assertFalse(a[u][u]);
        }
        return e;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomGraphModelsKeepTheirInvariants(long seed) {
        boolean[][] ws = RandomGraphs.wattsStrogatz(32, 4, 0.75, new Random(seed));
        assertEquals(64, edges(ws), "rewiring keeps n*k/2 edges");
        boolean[][] ba = RandomGraphs.barabasiAlbert(32, 5, new Random(seed));
        assertEquals(5 + 26 * 5, edges(ba), "star of m edges, then m per new node");
        boolean[][] er = RandomGraphs.erdosRenyi(32, 0.2, new Random(seed));
        assertTrue(edges(er) > 40 && edges(er) < 170, "ER(32, 0.2) has about 99 edges");
        boolean[][] c = RandomGraphs.connected(RandomGraphs.Model.WS, 32, new Random(seed));
        assertTrue(RandomGraphs.isConnected(c));
        assertArrayEquals(c, RandomGraphs.connected(RandomGraphs.Model.WS, 32, new Random(seed)));
    }

    @Test
    void randWireStageHasTheExpectedOperators() {
        // 0 -> 2, 1 -> 2, 1 -> 3: inputs 0 and 1 (shared ReLU of the stage input), sinks 2 and 3
        boolean[][] a = new boolean[4][4];
        for (int[] e : new int[][] {{0, 2}, {1, 2}, {1, 3}}) {
            a[e[0]][e[1]] = true;
            a[e[1]][e[0]] = true;
        }
        var nb = new NetworkBuilder("stage").dedupe(true);
        Activation in = nb.input("x", 8, 16, 16);
        Activation out = RandWire.stage(nb, in, a, 12);
        Graph g = nb.build();
        // 1 shared ReLU + 2x(dw, pw) for inputs, node 2: Add + 3, node 3: 3, sinks: Add + Mul
        assertEquals(1 + 4 + 4 + 3 + 2, g.opCount());
        assertEquals(List.of(1L, 12L, 8L, 8L), out.shape().dims());
        assertEquals("Mul", g.op(g.opCount() - 1).type());
        assertTrue(g.op(g.opCount() - 1).inplace());
    }

    @Test
    void hrnetKeepsFourResolutionsAndConcatenatesThemInTheHead() {
        Graph g = Zoo.get("hrnet-w18-small");
        for (long[] shape : new long[][] {{18, 56, 56}, {36, 28, 28}, {72, 14, 14}, {144, 7, 7}}) {
            assertTrue(g.tensors().stream().anyMatch(t -> t.shape().equals(List.of(1L, shape[0], shape[1], shape[2]))),
                    "a branch of " + List.of(shape[0], shape[1], shape[2]));
        }
        Tensor out = g.tensor(g.outputIndices().get(0));
        assertEquals(List.of(1L, 270L, 56L, 56L), out.shape(), "HRNetV2 head: 15W channels at 1/4");
        assertTrue(Zoo.get("hrnet-w18").opCount() > 4 * g.opCount());
    }

    @Test
    void nasFpnOutputsTheFivePyramidLevels() {
        Graph g = Zoo.get("nasfpn");
        assertEquals(5, g.outputs().size());
        long h = 32;
        for (int level = 0; level < 5; level++) {
            assertEquals(List.of(1L, 256L, h, h), g.tensor(g.outputIndices().get(level)).shape());
            h /= 2;
        }
        assertTrue(g.ops().stream().map(Op::type).toList().containsAll(List.of("GlobalMaxPool", "Sigmoid",
                "Resize", "MaxPool")));
    }

    @Test
    void imagenetSkeletonReducesTo7x7AndChecksFilterCounts() {
        Graph g = Zoo.get("amoebanet-imagenet");
        assertTrue(g.tensors().stream().anyMatch(t -> t.shape().equals(List.of(1L, 25L, 56L, 56L))),
                "12.5 filters doubled to 25 at the first reduction");
        assertTrue(g.tensors().stream().anyMatch(t -> t.shape().size() == 4 && t.shape().get(2) == 7));
        var e = assertThrows(IllegalArgumentException.class,
                () -> NasNetworks.imagenet("x", Genotype.DARTS_V2, 12.3));
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Genotype.Block("conv9", 0, "id", 1));
    }
}
