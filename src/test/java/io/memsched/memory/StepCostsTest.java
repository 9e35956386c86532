package io.memsched.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.testing.RandomOrders;
import io.memsched.testing.ReferenceModel;
import io.memsched.zoo.RandomDags;
import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The step-cost rule against the independent {@link ReferenceModel}, step by step, on seeded random DAGs. */
class StepCostsTest {
    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    private static final MemoryModel[] MODELS = {MemoryModel.DEFAULT, MemoryModel.INPLACE,
        MemoryModel.INPLACE.withWorkspace(false), MemoryModel.DEFAULT.withWorkspace(false)};

    @ParameterizedTest
    @MethodSource("seeds")
    void everyStepOfARandomOrderMatchesTheReference(long seed) {
        Graph g = RandomDags.generate(seed, 2 + (int) (seed % 12), 0.2 + (seed % 7) / 10.0);
        SplittableRandom r = new SplittableRandom(seed);
        for (MemoryModel model : MODELS) {
            StepCosts c = StepCosts.of(g, model);
            ReferenceModel ref = new ReferenceModel(g, model);
            int[] order = RandomOrders.of(g, r);
            BitSet done = new BitSet();
            long live = c.inputBytes();
            assertEquals(ref.liveBytes(done), live, "seed " + seed + " " + model + ": live before step 1");
            long peak = g.opCount() == 0 ? live : Long.MIN_VALUE;
            for (int k = 0; k < order.length; k++) {
                int op = order[k];
                int v = c.victim(op);
                boolean dies = v >= 0 && othersDone(g, v, op, done);
                long fp = c.footprint(live, op, dies);
                String at = "seed " + seed + " " + model + ": step " + (k + 1) + " (op " + g.op(op).name() + ")";
                assertEquals(ref.footprint(done, op), fp, at);
                assertTrue(c.minFootprint(op) <= fp, at + ": minFootprint above the footprint");
                // the live set after the step: kept outputs in, dying inputs out, unread graph inputs after step 1
                live += c.kept(op) - dyingInputs(g, op, done) - (k == 0 ? c.unreadInputs() : 0);
                done.set(op);
                assertEquals(ref.liveBytes(done), live, at + ": live after");
                peak = Math.max(peak, fp);
            }
            assertEquals(MemorySimulator.peak(g, model, order), peak, "seed " + seed + " " + model);
            assertTrue(LowerBounds.simple(g, model) <= peak, "seed " + seed + " " + model);
        }
    }

    @Test
    void victimLeavesOutGraphOutputsAndOtherModels() {
        Graph g = Graph.builder("v").input("x", 100)
                .op("relu").reads("x").writes("a", 100).inplace()
                .op("relu2").reads("a").writes("y", 100).inplace()
                .output("a").output("y").build();
        StepCosts inplace = StepCosts.of(g, MemoryModel.INPLACE);
        assertEquals(g.tensorIndex("x"), inplace.victim(0));
        assertEquals(100, inplace.saving(0));
        // a is a graph output: the candidate, never the victim
        assertEquals(g.tensorIndex("a"), StepCosts.inplaceCandidate(g, 1));
        assertEquals(-1, inplace.victim(1));
        assertEquals(0, inplace.saving(1));
        assertEquals(-1, StepCosts.of(g, MemoryModel.DEFAULT).victim(0));
        // no saving without a victim, even when told the victim dies
        assertEquals(200, inplace.footprint(100, 1, true));
        assertEquals(100, inplace.footprint(100, 0, true));
        assertEquals(200, inplace.footprint(100, 0, false));
    }

    @Test
    void unreadInputsLeaveAfterTheFirstStepOnly() {
        Graph g = Graph.builder("u").input("x", 10).input("unused", 1000).input("kept", 7)
                .op("a").reads("x").writes("y", 5).workspace(3)
                .output("y").output("kept").build();
        StepCosts c = StepCosts.of(g, MemoryModel.DEFAULT);
        assertEquals(1017, c.inputBytes());
        assertEquals(12, c.outputBytes());
        assertEquals(1000, c.unreadInputs());
        assertEquals(1000, c.firstStepRelease(0));
        assertEquals(3, c.workspace(0));
        assertEquals(0, StepCosts.of(g, MemoryModel.DEFAULT.withWorkspace(false)).workspace(0));
        assertEquals(5, c.graphOutputBytes(0));
    }

    private static boolean othersDone(Graph g, int t, int op, BitSet done) {
        Ints cons = g.consumers(t);
        for (int k = 0; k < cons.size(); k++) {
            if (cons.get(k) != op && !done.get(cons.get(k))) {
                return false;
            }
        }
        return true;
    }

    private static long dyingInputs(Graph g, int op, BitSet done) {
        long s = 0;
        Ints in = g.opInputs(op);
        for (int k = 0; k < in.size(); k++) {
            int t = in.get(k);
            boolean dup = false;
            for (int j = 0; j < k; j++) {
                dup |= in.get(j) == t;
            }
            if (!dup && !g.isGraphOutput(t) && othersDone(g, t, op, done)) {
                s += g.bytes(t);
            }
        }
        return s;
    }
}
