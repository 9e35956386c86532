package io.memsched.schedule;

import io.memsched.registry.Registry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import io.memsched.testing.BruteForce;
import io.memsched.testing.Oracles;
import io.memsched.zoo.RandomDags;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HeuristicSchedulersTest {
    static final List<String> HEURISTICS = List.of("greedy", "lpmf", "dfs", "rpo", "program");

    static LongStream seeds() {
        return LongStream.range(0, 600);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void validAndNeverBelowOptimum(long seed) {
        int n = 1 + (int) (seed % 12);
        Graph g = seed % 2 == 0 ? TestGraphs.randomGraph(seed, n)
                : RandomDags.generate(seed, n, 0.3, RandomDags.Options.defaults().withShuffledProgramOrder(true));
        for (MemoryModel m : new MemoryModel[] {MemoryModel.DEFAULT, MemoryModel.INPLACE}) {
            SchedulerOptions o = SchedulerOptions.defaults().withMemoryModel(m);
            long opt = BruteForce.solve(g, m).peakBytes();
            for (String id : HEURISTICS) {
                Oracles.assertSound(g, Registry.scheduler(id, o).schedule(g), opt);
            }
        }
    }

    /** out = Concat(light, heavy): the heavy chain runs first, so its 100-byte intermediate dies early. */
    @Test
    void dfsVisitsTheHeavierOperandFirst() {
        Graph g = Graph.builder("dfs").input("x", 1)
                .op("light", "Conv").reads("x").writes("l", 10)
                .op("heavy1", "Conv").reads("x").writes("h1", 100)
                .op("heavy2", "Conv").reads("h1").writes("h2", 10)
                .op("cat", "Concat").reads("l", "h2").writes("y", 20)
                .output("y").build();
        ScheduleResult r = Registry.scheduler("dfs", SchedulerOptions.defaults()).schedule(g);
        assertEquals(List.of("heavy1", "heavy2", "light", "cat"), r.schedule().opNames());
        // program order runs light first and keeps l alive next to h1 and h2: 10 + 100 + 10 = 120
        assertEquals(120, Registry.scheduler("program", SchedulerOptions.defaults()).schedule(g).peakBytes());
        assertEquals(111, r.peakBytes());
    }

    /** Two ready ops: the list scheduler (greedy) runs the one that frees its input first, lpmf the cheaper step. */
    @Test
    void listFreesMostAndLeastPeakTakesTheSmallestStep() {
        Graph g = Graph.builder("pick").input("x", 50).input("z", 5)
                .op("big", "Conv").reads("x").writes("b", 60)
                .op("small", "Conv").reads("z").writes("s", 1).reads("x")
                .op("join", "Add").reads("b", "s").writes("y", 1)
                .output("y").build();
        SchedulerOptions o = SchedulerOptions.defaults();
        // small: allocates 1, frees z (5) -> net -4; big: allocates 60, frees nothing (x still read by small)
        assertEquals("small", Registry.scheduler("greedy", o).schedule(g).schedule().opNames().get(0));
        assertEquals("small", Registry.scheduler("lpmf", o).schedule(g).schedule().opNames().get(0));
        int[] order = Registry.scheduler("greedy", o).schedule(g).schedule().indicesIn(g);
        assertArrayEquals(new int[] {1, 0, 2}, order);
    }
}
