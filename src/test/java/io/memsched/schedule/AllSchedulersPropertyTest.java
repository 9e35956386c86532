package io.memsched.schedule;

import io.memsched.registry.Registry;
import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import io.memsched.testing.BruteForce;
import io.memsched.testing.Oracles;
import io.memsched.zoo.RandomDags;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered scheduler on seeded random DAGs, both memory models: a valid order whose simulated peak is the
 * reported one, never below the brute-force optimum, a bound never above it, and optimal only when it is.
 */
class AllSchedulersPropertyTest {
    static List<String> ids() {
        return Registry.schedulers().ids();
    }

    @ParameterizedTest
    @MethodSource("ids")
    void soundOnRandomDags(String id) {
        for (long seed = 0; seed < 400; seed++) {
            int ops = (int) (seed % 15);
            Graph g = RandomDags.generate(seed, ops, (seed % 6) / 5.0, DpVsBruteForceTest.options(seed));
            for (MemoryModel m : new MemoryModel[] {MemoryModel.DEFAULT, MemoryModel.INPLACE}) {
                long opt = BruteForce.solve(g, m).peakBytes();
                Scheduler s = Registry.scheduler(id, SchedulerOptions.defaults().withMemoryModel(m)
                        .withTimeLimit(Duration.ofSeconds(30)).withSeed(seed));
                ScheduleResult r = s.schedule(g);
                try {
                    Oracles.assertSound(g, r, opt);
                } catch (AssertionError e) {
                    throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
