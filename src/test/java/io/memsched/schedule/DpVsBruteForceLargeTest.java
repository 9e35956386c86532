package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import io.memsched.testing.BruteForce;
import io.memsched.testing.HardGraphs;
import io.memsched.testing.Oracles;
import io.memsched.zoo.RandomDags;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code dp} against brute force on graphs of 17 to 20 operators, which it must prove optimal (slow: minutes). */
@Tag("slow")
class DpVsBruteForceLargeTest {
    @Test
    void provesTheOptimumUpToTwentyOps() {
        for (long seed = 0; seed < 300; seed++) {
            int ops = 17 + (int) (seed % 4);
            Graph g = seed % 3 == 2 ? HardGraphs.sparseWide(seed, ops, 0.1 + (seed % 5) / 10.0)
                    : RandomDags.generate(seed, ops, (seed % 7) / 6.0, DpVsBruteForceTest.options(seed));
            for (MemoryModel m : new MemoryModel[] {MemoryModel.DEFAULT, MemoryModel.INPLACE}) {
                long opt = BruteForce.solve(g, m).peakBytes();
                ScheduleResult r = new DpScheduler(SchedulerOptions.defaults().withMemoryModel(m)
                        .withTimeLimit(Duration.ofSeconds(60))).schedule(g);
                try {
                    Oracles.assertOptimal(g, r, opt);
                } catch (AssertionError e) {
                    throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
