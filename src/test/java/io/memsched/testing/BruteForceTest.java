package io.memsched.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.zoo.RandomDags;
import org.junit.jupiter.api.Test;

/** The oracle checked against plain enumeration and against the production simulator. */
class BruteForceTest {
    @Test
    void memoisedSearchEqualsPlainEnumeration() {
        for (long seed = 0; seed < 200; seed++) {
            Graph g = RandomDags.generate(seed, (int) (seed % 7) + 1, (seed % 5) / 5.0);
            for (MemoryModel m : new MemoryModel[] {MemoryModel.DEFAULT, MemoryModel.INPLACE}) {
                BruteForce.Optimum opt = BruteForce.solve(g, m);
                String ctx = "seed " + seed + " " + m + " " + Oracles.describe(g);
                assertEquals(BruteForce.enumerate(g, m), opt.peakBytes(), ctx);
                assertEquals(opt.peakBytes(), new ReferenceModel(g, m).peak(opt.order()), ctx);
            }
        }
    }

    @Test
    void referenceModelAgreesWithTheSimulator() {
        for (long seed = 0; seed < 300; seed++) {
            Graph g = RandomDags.generate(seed, (int) (seed % 13), 0.5,
                    RandomDags.Options.defaults().withShuffledProgramOrder(seed % 2 == 0));
            for (MemoryModel m : new MemoryModel[] {MemoryModel.DEFAULT, MemoryModel.INPLACE,
                    MemoryModel.INPLACE.withWorkspace(false)}) {
                int[] order = BruteForce.solve(g, m).order();
                assertEquals(new ReferenceModel(g, m).peak(order), MemorySimulator.peak(g, m, order),
                        "seed " + seed + " " + m + " " + Oracles.describe(g));
            }
        }
    }
}
