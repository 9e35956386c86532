package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import io.memsched.testing.BruteForce;
import io.memsched.testing.Oracles;
import io.memsched.zoo.RandomDags;
import org.junit.jupiter.api.Test;

/** {@code dp} equals the brute-force optimum on thousands of seeded random DAGs, in both memory models. */
class DpVsBruteForceTest {
    private static final MemoryModel[] MODELS = {MemoryModel.DEFAULT, MemoryModel.INPLACE};

    static RandomDags.Options options(long seed) {
        RandomDags.Options o = RandomDags.Options.defaults().withShuffledProgramOrder(seed % 3 == 0);
        if (seed % 4 == 1) {
            o = o.withMaxGraphInputs(3).withMaxOutputs(3).withMaxInputs(4);
        }
        if (seed % 5 == 2) {
            o = o.withInplaceProbability(0.7).withMaxBytes(6);
        }
        return o;
    }

    @Test
    void equalsBruteForce() {
        for (long seed = 0; seed < 2000; seed++) {
            int ops = (int) (seed % 17);
            Graph g = RandomDags.generate(seed, ops, (seed % 7) / 6.0, options(seed));
            for (MemoryModel m : MODELS) {
                long opt = BruteForce.solve(g, m).peakBytes();
                ScheduleResult r = new DpScheduler(SchedulerOptions.defaults().withMemoryModel(m)).schedule(g);
                try {
                    Oracles.assertOptimal(g, r, opt);
                } catch (AssertionError e) {
                    throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
