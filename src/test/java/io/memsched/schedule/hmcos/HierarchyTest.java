package io.memsched.schedule.hmcos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memsched.graph.Graph;
import io.memsched.graph.GraphBuilder;
import io.memsched.memory.MemoryModel;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HierarchyTest {
    static int[] identity(Graph g) {
        return IntStream.range(0, g.opCount()).toArray();
    }

    /**
     * a(100) -> b(5) -> c(5) -> d(400): running b then c raises neither the highest footprint of the chain so far
     * (x + a = 110, relative 100) nor its live size, so they join a; d would, so it starts a new sequence.
     */
    @Test
    void chainsJoinWhileTheyDoNotRaiseThePeak() {
        Graph g = Graph.builder("chain").input("x", 10)
                .op("a", "Conv").reads("x").writes("ta", 100)
                .op("b", "Conv").reads("ta").writes("tb", 5)
                .op("c", "Relu").reads("tb").writes("tc", 5)
                .op("d", "Conv").reads("tc").writes("y", 400)
                .output("y").build();
        Hierarchy h = Hierarchy.build(g, MemoryModel.DEFAULT, identity(g));
        assertEquals(2, h.seqOps.length);
        assertArrayEquals(new int[] {0, 1, 2}, h.seqOps[0]);
        assertArrayEquals(new int[] {3}, h.seqOps[1]);
        assertEquals(h.seqOf[0], h.seqOf[2]);
    }

    /** A branch point and a join point end sequences: each branch is its own chain. */
    @Test
    void branchesAreSeparateSequences() {
        Graph g = Graph.builder("fork").input("x", 10)
                .op("s", "Conv").reads("x").writes("t", 10)
                .op("l1", "Conv").reads("t").writes("l", 5)
                .op("r1", "Conv").reads("t").writes("r", 5)
                .op("cat", "Concat").reads("l", "r").writes("y", 10)
                .output("y").build();
        Hierarchy h = Hierarchy.build(g, MemoryModel.DEFAULT, identity(g));
        assertEquals(4, h.seqOps.length);
        // the concat post-dominates both branches and the stem: one group of all four sequences
        assertEquals(1, h.groups.size());
        assertEquals(4, h.groups.get(0).length);
        h.ungroup(0);
        assertEquals(0, h.activeGroups());
        assertEquals(-1, h.groupOf[h.seqOf[1]]);
    }

    /** Two stacked cells: the second cell's group stops at the first cell's (already grouped) output. */
    @Test
    void stackedCellsGiveOneGroupEach() {
        GraphBuilder b = Graph.builder("cells").input("x", 10);
        String prev = "x";
        for (int c = 0; c < 2; c++) {
            b.op("a" + c, "Conv").reads(prev).writes("a" + c, 100);
            b.op("b" + c, "Conv").reads(prev).writes("b" + c, 20);
            b.op("cat" + c, "Concat").reads("a" + c, "b" + c).writes("cat" + c, 45);
            prev = "cat" + c;
        }
        Graph g = b.output(prev).build();
        Hierarchy h = Hierarchy.build(g, MemoryModel.DEFAULT, identity(g));
        assertEquals(2, h.groups.size());
        int first = h.groupOf[h.seqOf[g.opIndex("cat0")]];
        int second = h.groupOf[h.seqOf[g.opIndex("cat1")]];
        assertEquals(first, h.groupOf[h.seqOf[g.opIndex("a0")]]);
        assertEquals(second, h.groupOf[h.seqOf[g.opIndex("a1")]]);
        assertEquals(second, h.groupOf[h.seqOf[g.opIndex("b1")]]);
    }
}
