package io.memsched.schedule.hmcos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.graph.GraphBuilder;
import io.memsched.memory.MemoryModel;
import io.memsched.run.Status;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.registry.Registry;
import io.memsched.run.Status;
import io.memsched.schedule.TestGraphs;
import io.memsched.testing.BruteForce;
import io.memsched.testing.Oracles;
import io.memsched.zoo.RandomDags;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HmcosSchedulerTest {
    static final SchedulerOptions DEFAULT = SchedulerOptions.defaults();
    static final SchedulerOptions INPLACE = DEFAULT.withMemoryModel(MemoryModel.INPLACE);

    static LongStream seeds() {
        return LongStream.range(0, 1000);
    }

    /** Cell-shaped graphs: sound against the brute-force optimum, never worse than its first incumbent (RPO). */
    @ParameterizedTest
    @MethodSource("seeds")
    void cellGraphsSoundAndNeverWorseThanRpo(long seed) {
        Graph g = TestGraphs.randomGraph(seed, 1 + (int) (seed % 12));
        check(g);
    }

    /** RandomDags with every feature of the memory model (multi-output, dangling, duplicates, workspace, ...). */
    @ParameterizedTest
    @MethodSource("seeds")
    void randomDagsSoundAndNeverWorseThanRpo(long seed) {
        RandomDags.Options opts = RandomDags.Options.defaults().withShuffledProgramOrder(seed % 3 == 0);
        Graph g = RandomDags.generate(seed, 1 + (int) (seed % 12), 0.2 + (seed % 5) * 0.1, opts);
        check(g);
    }

    private static void check(Graph g) {
        for (SchedulerOptions o : new SchedulerOptions[] {DEFAULT, INPLACE}) {
            ScheduleResult r = new HmcosScheduler(o).schedule(g);
            Oracles.assertSound(g, r, BruteForce.solve(g, o.memoryModel()).peakBytes());
            long rpo = Registry.scheduler("rpo", o).schedule(g).peakBytes();
            assertTrue(r.peakBytes() <= rpo, Oracles.context(g, r) + "\nworse than rpo " + rpo);
        }
    }

    static LongStream largerSeeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest
    @MethodSource("largerSeeds")
    void largerGraphsGiveValidOrders(long seed) {
        Graph g = TestGraphs.randomGraph(10_000 + seed, 10 + (int) (seed % 20));
        ScheduleResult r = new HmcosScheduler(INPLACE).schedule(g);
        assertEquals(g.opCount(), r.schedule().size());
        assertTrue(r.peakBytes() <= Registry.scheduler("rpo", INPLACE).schedule(g).peakBytes(), r.toString());
    }

    @ParameterizedTest
    @MethodSource("largerSeeds")
    @Tag("slow")
    void largeGraphsGiveValidOrders(long seed) {
        Graph g = TestGraphs.randomGraph(20_000 + seed, 30 + (int) (seed % 100));
        ScheduleResult r = new HmcosScheduler(INPLACE).schedule(g);
        assertEquals(g.opCount(), r.schedule().size());
        assertTrue(r.peakBytes() <= Registry.scheduler("rpo", INPLACE).schedule(g).peakBytes(), r.toString());
    }

    /** Two cells of two branches each: the cells become groups and ungrouping finds the optimum. */
    @Test
    void cellsBecomeGroups() {
        GraphBuilder b = Graph.builder("cells").input("x", 10);
        String prev = "x";
        for (int c = 0; c < 3; c++) {
            b.op("a" + c, "Conv").reads(prev).writes("a" + c, 100);
            b.op("a" + c + "r", "Relu").reads("a" + c).writes("a" + c + "r", 5);
            b.op("b" + c, "Conv").reads(prev).writes("b" + c, 20);
            b.op("b" + c + "r", "Relu").reads("b" + c).writes("b" + c + "r", 40);
            b.op("cat" + c, "Concat").reads("a" + c + "r", "b" + c + "r").writes("cat" + c, 45);
            prev = "cat" + c;
        }
        Graph g = b.output(prev).build();
        ScheduleResult r = new HmcosScheduler(DEFAULT).schedule(g);
        var stats = r.stats().asMap();
        assertEquals(3, stats.get("groups"), stats.toString());
        assertEquals(BruteForce.solve(g, MemoryModel.DEFAULT).peakBytes(), r.peakBytes(), r.toString());
    }

    @Test
    void interruptReturnsAValidOrder() {
        Graph g = TestGraphs.randomGraph(42, 60);
        Thread.currentThread().interrupt();
        try {
            ScheduleResult r = new HmcosScheduler(DEFAULT).schedule(g);
            assertEquals(g.opCount(), r.schedule().size());
            assertTrue(r.status() == Status.INTERRUPTED || r.optimal(), r.toString());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void emptyGraph() {
        Graph g = Graph.builder("empty").input("x", 8).output("x").build();
        assertEquals(8, new HmcosScheduler(DEFAULT).schedule(g).peakBytes());
    }
}
