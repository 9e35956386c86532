package io.memsched.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import org.junit.jupiter.api.Test;

class MemorySimulatorTest {
    static Graph tiny() {
        return Graph.builder("tiny").input("x", 3072)
                .op("convA").reads("x").writes("a", 8192)
                .op("convB").reads("x").writes("b", 8192)
                .op("cat").reads("a", "b").writes("y", 16384)
                .output("y").build();
    }

    @Test
    void handComputedTiny() {
        // step1: x + a = 11264; step2: x + a + b = 19456 (x dies after); step3: a + b + y = 32768
        MemoryTimeline t = MemorySimulator.simulate(tiny(), MemoryModel.DEFAULT, new int[] {0, 1, 2});
        assertEquals(32768, t.peakBytes());
        assertEquals(3, t.peakStep());
        assertEquals(11264, t.steps().get(0).footprintBytes());
        assertEquals(19456, t.steps().get(1).footprintBytes());
        assertEquals(3072, t.steps().get(1).freedBytes());
        assertEquals(16384, t.steps().get(2).freedBytes());
        assertEquals(new MemoryTimeline.Lifetime("x", 3072, 0, 2), t.lifetimes().get(0));
        assertEquals(new MemoryTimeline.Lifetime("y", 16384, 3, 3), t.lifetimes().get(3));
    }

    @Test
    void inplaceAndWorkspace() {
        Graph g = Graph.builder("ip").input("x", 100)
                .op("conv").reads("x").writes("a", 400).workspace(50)
                .op("relu").reads("a").writes("b", 400).inplace()
                .op("head").reads("b").writes("y", 10)
                .output("y").build();
        int[] order = {0, 1, 2};
        // default: 100+400+50=550; 400+400=800; 400+10=410
        assertEquals(800, MemorySimulator.peak(g, MemoryModel.DEFAULT, order));
        // inplace: relu reuses a's buffer: 400
        MemoryTimeline t = MemorySimulator.simulate(g, MemoryModel.INPLACE, order);
        assertEquals(550, t.peakBytes());
        assertTrue(t.steps().get(1).inplace());
        assertEquals(500, MemorySimulator.peak(g, MemoryModel.INPLACE.withWorkspace(false), order));
    }

    @Test
    void inplaceNeedsTheInputToDie() {
        Graph g = Graph.builder("ip2").input("x", 100)
                .op("relu").reads("x").writes("a", 100).inplace()
                .op("add").reads("a", "x").writes("y", 100)
                .output("y").build();
        // x still needed by add: relu cannot reuse it
        assertEquals(300, MemorySimulator.peak(g, MemoryModel.INPLACE, new int[] {0, 1}));
    }

    @Test
    void invalidOrdersNameTheOp() {
        var e = assertThrows(InvalidScheduleException.class,
                () -> MemorySimulator.peak(tiny(), MemoryModel.DEFAULT, new int[] {2, 0, 1}));
        assertTrue(e.getMessage().contains("'cat'"), e.getMessage());
        e = assertThrows(InvalidScheduleException.class,
                () -> MemorySimulator.peak(tiny(), MemoryModel.DEFAULT, new int[] {0, 1}));
        assertTrue(e.getMessage().contains("'cat' is never scheduled"), e.getMessage());
    }
}
