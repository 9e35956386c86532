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

    @Test
    void graphInputThatIsAnOutputStaysLive() {
        Graph g = Graph.builder("io").input("x", 7).input("w", 3)
                .op("a").reads("w", "x").writes("t", 5)
                .op("b").reads("t").writes("y", 1)
                .output("x", "y").build();
        MemoryTimeline t = MemorySimulator.simulate(g, MemoryModel.DEFAULT, new int[] {0, 1});
        // step 1: 7 + 3 + 5 = 15, frees w only; step 2: x + t + y = 13
        assertEquals(15, t.steps().get(0).footprintBytes());
        assertEquals(3, t.steps().get(0).freedBytes());
        assertEquals(13, t.steps().get(1).footprintBytes());
        assertEquals(15, t.peakBytes());
        assertEquals(2, t.lifetimes().get(0).lastStep());
    }

    @Test
    void unconsumedInputFreedAfterStepOneAndDanglingOutputAtOnce() {
        Graph g = Graph.builder("dangling").input("x", 4).input("unused", 100)
                .op("a").reads("x").writes("t", 6).writes("junk", 50)
                .op("b").reads("t").writes("y", 1)
                .output("y").build();
        MemoryTimeline t = MemorySimulator.simulate(g, MemoryModel.DEFAULT, new int[] {0, 1});
        assertEquals(160, t.steps().get(0).footprintBytes());
        assertEquals(4 + 100 + 50, t.steps().get(0).freedBytes());
        assertEquals(7, t.steps().get(1).footprintBytes());
        assertEquals(160, t.peakBytes());
    }

    @Test
    void duplicateInputsCountOnce() {
        Graph g = Graph.builder("dup").input("x", 4)
                .op("sq").reads("x", "x").writes("y", 6)
                .output("y").build();
        MemoryTimeline t = MemorySimulator.simulate(g, MemoryModel.DEFAULT, new int[] {0});
        assertEquals(10, t.peakBytes());
        assertEquals(4, t.steps().get(0).freedBytes());
    }

    @Test
    void inplaceRules() {
        // victim is a graph output: no reuse
        Graph out = Graph.builder("ip-out").input("x", 1)
                .op("a").reads("x").writes("t", 10)
                .op("relu").reads("t").writes("y", 10).inplace()
                .output("t", "y").build();
        // a: 11; relu: t + y = 20 (it would be 10 with reuse)
        assertEquals(20, MemorySimulator.peak(out, MemoryModel.INPLACE, new int[] {0, 1}));
        // two outputs: no reuse
        Graph two = Graph.builder("ip-two").input("x", 10)
                .op("split").reads("x").writes("y", 10).writes("z", 10).inplace()
                .output("y", "z").build();
        assertEquals(30, MemorySimulator.peak(two, MemoryModel.INPLACE, new int[] {0}));
        // only the first same-sized input is tried: x (still needed later) blocks reuse of the dying t
        Graph first = Graph.builder("ip-first").input("x", 10)
                .op("a").reads("x").writes("t", 10)
                .op("add").reads("x", "t").writes("s", 10).inplace()
                .op("b").reads("s", "x").writes("y", 1)
                .output("y").build();
        // a: 20; add: x + t + s = 30 (no reuse); b: x + s + y = 21
        assertEquals(30, MemorySimulator.peak(first, MemoryModel.INPLACE, new int[] {0, 1, 2}));
        assertEquals(30, MemorySimulator.peak(first, MemoryModel.DEFAULT, new int[] {0, 1, 2}));
        // a smaller first input is skipped: the first same-sized one is used
        Graph skip = Graph.builder("ip-skip").input("x", 3)
                .op("a").reads("x").writes("t", 10)
                .op("mul").reads("x", "t").writes("y", 10).inplace()
                .output("y").build();
        // a: 13; mul: x + t + y - t(reused) = 13
        assertEquals(13, MemorySimulator.peak(skip, MemoryModel.INPLACE, new int[] {0, 1}));
        assertEquals(23, MemorySimulator.peak(skip, MemoryModel.DEFAULT, new int[] {0, 1}));
    }

    @Test
    void workspaceOnlyWhileRunning() {
        Graph g = Graph.builder("ws").input("x", 2)
                .op("a").reads("x").writes("t", 3).workspace(100)
                .op("b").reads("t").writes("y", 4).workspace(1)
                .output("y").build();
        MemoryTimeline t = MemorySimulator.simulate(g, MemoryModel.DEFAULT, new int[] {0, 1});
        assertEquals(105, t.steps().get(0).footprintBytes());
        assertEquals(8, t.steps().get(1).footprintBytes());
        assertEquals(8, MemorySimulator.peak(g, MemoryModel.DEFAULT.withWorkspace(false), new int[] {0, 1}) + 1);
    }

    @Test
    void emptyOrderPeakIsTheInputs() {
        Graph g = Graph.builder("none").input("x", 9).output("x").build();
        assertEquals(9, MemorySimulator.peak(g, MemoryModel.DEFAULT, new int[0]));
    }
}
