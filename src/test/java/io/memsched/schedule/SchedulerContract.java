package io.memsched.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import io.memsched.testing.BruteForce;
import io.memsched.testing.Oracles;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every scheduler must do, on small hand-made graphs whose optimum is known: return a valid order whose
 * reported peak is its simulated peak, a bound no higher than the optimum, and (for exact methods) the optimum.
 * Subclasses say how to build the scheduler and whether it is exact.
 */
abstract class SchedulerContract {
    /** The scheduler under test with these options. */
    abstract Scheduler create(SchedulerOptions options);

    /** Whether the scheduler must return the proven optimum on these small graphs. */
    boolean exact() {
        return false;
    }

    ScheduleResult check(Graph g, MemoryModel model, long expectedOptimum) {
        assertEquals(expectedOptimum, BruteForce.solve(g, model).peakBytes(), "hand-computed optimum of " + g.name());
        ScheduleResult r = create(SchedulerOptions.defaults().withMemoryModel(model)).schedule(g);
        if (exact()) {
            Oracles.assertOptimal(g, r, expectedOptimum);
        } else {
            Oracles.assertSound(g, r, expectedOptimum);
        }
        return r;
    }

    @Test
    void emptyGraph() {
        Graph g = Graph.builder("empty").input("x", 10).output("x").build();
        ScheduleResult r = check(g, MemoryModel.DEFAULT, 10);
        assertTrue(r.optimal(), "the empty order is trivially optimal");
        assertEquals(List.of(), r.schedule().opNames());
    }

    @Test
    void emptyGraphWithoutTensors() {
        Graph g = Graph.builder("nothing").build();
        assertEquals(0, check(g, MemoryModel.DEFAULT, 0).peakBytes());
    }

    @Test
    void oneOp() {
        Graph g = Graph.builder("one").input("x", 10).op("a").reads("x").writes("y", 5).workspace(3)
                .output("y").build();
        ScheduleResult r = check(g, MemoryModel.DEFAULT, 18);
        assertTrue(r.optimal());
        assertEquals(List.of("a"), r.schedule().opNames());
    }

    @Test
    void chain() {
        // x(4) -> a(8) -> b(2) -> c(6): steps 12, 10, 8
        Graph g = Graph.builder("chain").input("x", 4)
                .op("a").reads("x").writes("ta", 8)
                .op("b").reads("ta").writes("tb", 2)
                .op("c").reads("tb").writes("y", 6)
                .output("y").build();
        assertEquals(List.of("a", "b", "c"), check(g, MemoryModel.DEFAULT, 12).schedule().opNames());
    }

    @Test
    void diamond() {
        // x(1) -> big(10) -> r1(1); x -> small(2) -> r2(1); join(r1, r2) -> y(1).
        // best: small, r2, big, r1, join: 3, 4, 13, 13, 3 -> 13; running big first keeps 10 alive: 13 too;
        // worst: big, small: 1 + 10 + 2 = 13 ... so make the small branch's output fat
        Graph g = Graph.builder("diamond").input("x", 1)
                .op("big").reads("x").writes("b", 10)
                .op("r1").reads("b").writes("b1", 1)
                .op("small").reads("x").writes("s", 2)
                .op("r2").reads("s").writes("s1", 9)
                .op("join").reads("b1", "s1").writes("y", 1)
                .output("y").build();
        // big, r1, small, r2, join: 11, 12, 4, 12, 11 -> 12; small first: 3, 12, 20 -> worse
        check(g, MemoryModel.DEFAULT, 12);
    }

    @Test
    void inputThatIsAlsoAnOutput() {
        Graph g = Graph.builder("io").input("x", 7).input("w", 3)
                .op("a").reads("w").writes("t", 5)
                .op("b").reads("t").writes("y", 1)
                .output("x", "y").build();
        // x stays live throughout: 7+3+5 = 15, then 7+5+1 = 13
        check(g, MemoryModel.DEFAULT, 15);
    }

    @Test
    void inplaceModel() {
        Graph g = Graph.builder("ip").input("x", 10)
                .op("conv").reads("x").writes("a", 40)
                .op("relu").reads("a").writes("b", 40).inplace()
                .op("head").reads("b").writes("y", 1)
                .output("y").build();
        check(g, MemoryModel.DEFAULT, 80);
        ScheduleResult r = check(g, MemoryModel.INPLACE, 50);
        assertEquals(MemoryModel.INPLACE, r.memoryModel());
    }

    @Test
    void inplaceOrderMatters() {
        // relu may reuse x only if it runs after the other reader of x
        Graph g = Graph.builder("ip-order").input("x", 10)
                .op("relu").reads("x").writes("r", 10).inplace()
                .op("peek").reads("x").writes("p", 1)
                .op("join").reads("r", "p").writes("y", 1)
                .output("y").build();
        // peek, relu(in place), join: 11, 11, 12 -> 12; relu first: 20, 21 -> 21
        check(g, MemoryModel.INPLACE, 12);
        check(g, MemoryModel.DEFAULT, 21);
    }

    @Test
    void opWithoutOutputs() {
        Graph g = Graph.builder("sink").input("x", 4)
                .op("log").reads("x").workspace(2)
                .op("a").reads("x").writes("y", 3)
                .output("y").build();
        check(g, MemoryModel.DEFAULT, 7);
    }

    @Test
    void duplicateInputsToOneOp() {
        Graph g = Graph.builder("dup").input("x", 4)
                .op("a").reads("x").writes("t", 6)
                .op("sq").reads("t", "t").writes("y", 6).inplace()
                .output("y").build();
        check(g, MemoryModel.DEFAULT, 12);
        check(g, MemoryModel.INPLACE, 10);
    }

    @Test
    void danglingOutputsAndUnusedInputs() {
        Graph g = Graph.builder("dangling").input("x", 4).input("unused", 100)
                .op("a").reads("x").writes("t", 6).writes("junk", 50)
                .op("b").reads("t").writes("y", 1)
                .output("y").build();
        // step 1 counts the unused input and the junk output: 4 + 100 + 6 + 50
        check(g, MemoryModel.DEFAULT, 160);
    }

    @Test
    void resultIsReproducible() {
        Graph g = io.memsched.zoo.RandomDags.generate(11, 12, 0.5);
        ScheduleResult a = create(SchedulerOptions.defaults()).schedule(g);
        ScheduleResult b = create(SchedulerOptions.defaults()).schedule(g);
        assertEquals(a.schedule(), b.schedule());
        assertFalse(a.method().isEmpty());
    }
}
