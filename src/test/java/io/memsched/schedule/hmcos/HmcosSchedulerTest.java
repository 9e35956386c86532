package io.memsched.schedule.hmcos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.graph.GraphBuilder;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.schedule.Schedulers;
import io.memsched.schedule.Status;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HmcosSchedulerTest {
    static final SchedulerOptions DEFAULT = SchedulerOptions.defaults();
    static final SchedulerOptions INPLACE = DEFAULT.withMemoryModel(MemoryModel.INPLACE);

    /** A seeded random DAG with Concat and in-place operators, multi-consumer tensors and several inputs. */
    static Graph randomGraph(long seed, int n) {
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

    static LongStream seeds() {
        return LongStream.range(0, 1500);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void validNeverWorseThanRpoNeverBelowOptimum(long seed) {
        int n = 1 + (int) (seed % 9);
        Graph g = randomGraph(seed, n);
        for (SchedulerOptions o : new SchedulerOptions[] {DEFAULT, INPLACE}) {
            ScheduleResult r = new HmcosScheduler(o).schedule(g);
            long rpo = Schedulers.create("rpo", o).schedule(g).peakBytes();
            long opt = bruteForceOptimum(g, o.memoryModel());
            String ctx = "seed " + seed + " " + o.memoryModel() + ": " + r;
            assertEquals(n, r.schedule().size(), ctx);
            assertTrue(r.peakBytes() <= rpo, ctx + " worse than rpo " + rpo);
            assertTrue(r.peakBytes() >= opt, ctx + " below the optimum " + opt);
            assertEquals(MemorySimulator.peak(g, o.memoryModel(), r.schedule().indicesIn(g)), r.peakBytes(), ctx);
        }
    }

    static LongStream largerSeeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest
    @MethodSource("largerSeeds")
    void largerGraphsGiveValidOrders(long seed) {
        Graph g = randomGraph(10_000 + seed, 10 + (int) (seed % 20));
        ScheduleResult r = new HmcosScheduler(INPLACE).schedule(g);
        assertEquals(g.opCount(), r.schedule().size());
        assertTrue(r.peakBytes() <= Schedulers.create("rpo", INPLACE).schedule(g).peakBytes(), r.toString());
    }

    @ParameterizedTest
    @MethodSource("largerSeeds")
    @Tag("slow")
    void largeGraphsGiveValidOrders(long seed) {
        Graph g = randomGraph(20_000 + seed, 30 + (int) (seed % 100));
        ScheduleResult r = new HmcosScheduler(INPLACE).schedule(g);
        assertEquals(g.opCount(), r.schedule().size());
        assertTrue(r.peakBytes() <= Schedulers.create("rpo", INPLACE).schedule(g).peakBytes(), r.toString());
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
        assertEquals(bruteForceOptimum(g, MemoryModel.DEFAULT), r.peakBytes(), r.toString());
    }

    @Test
    void interruptReturnsAValidOrder() {
        Graph g = randomGraph(42, 60);
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

    /** The optimum over all topological orders (n up to 9). */
    static long bruteForceOptimum(Graph g, MemoryModel model) {
        int n = g.opCount();
        long[] best = {Long.MAX_VALUE};
        search(g, model, new int[n], 0, new boolean[n], best);
        return best[0];
    }

    private static void search(Graph g, MemoryModel model, int[] order, int k, boolean[] done, long[] best) {
        int n = order.length;
        if (k == n) {
            best[0] = Math.min(best[0], MemorySimulator.peak(g, model, order));
            return;
        }
        for (int i = 0; i < n; i++) {
            if (done[i]) {
                continue;
            }
            boolean ready = true;
            for (int j = 0; j < g.predecessors(i).size() && ready; j++) {
                ready = done[g.predecessors(i).get(j)];
            }
            if (ready) {
                done[i] = true;
                order[k] = i;
                search(g, model, order, k + 1, done, best);
                done[i] = false;
            }
        }
    }
}
