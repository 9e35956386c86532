package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import io.memsched.testing.BruteForce;
import io.memsched.testing.Oracles;
import io.memsched.zoo.RandomDags;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, volume of correctness: seeded random DAGs ({@link RandomDags}, every feature: duplicate inputs, operators
 * without inputs or outputs, zero sizes, workspace, in-place, graph inputs that are outputs, shuffled program order)
 * scheduled by every method (see {@link LimitsContractTest#methods()}) under both memory models, each result re-checked
 * by the independent {@link io.memsched.testing.ReferenceModel} and compared with the brute-force optimum: never
 * below it, bound never above it, optimal only when equal; the exact methods must reach it. Graphs of 17 to 22
 * operators, beyond brute force, are compared with {@code dp}.
 *
 * <p>The default run checks 3,000 graphs; the long profile checks 100,000 (about 20 minutes on 2 cores):
 * {@code mvn -B -o test -DexcludedGroups=none -Dgroups=slow -Dtest=VolumePropertyTest}
 * (more with {@code -Dmemsched.volume.graphs=N}). {@code DpVsBruteForceTest} covers dp alone more densely.
 */
class VolumePropertyTest {
    private static final MemoryModel[] MODELS = {MemoryModel.DEFAULT, MemoryModel.INPLACE};
    /** Methods that must find the optimum on these small graphs. */
    private static final Set<String> EXACT = Set.of("dp", "best");
    /** Methods too slow to run on every graph of the default run (every tenth graph there). */
    private static final Set<String> COSTLY = Set.of("ilp", "ilp-cpsat", "ilp-ojalgo", "hmcos");

    @Test
    void defaultRun() {
        check(0, 3_000, 10);
    }

    @Test
    @Tag("slow")
    void longRun() {
        check(1_000_000, Integer.getInteger("memsched.volume.graphs", 100_000), 1);
    }

    static RandomDags.Options options(long seed) {
        RandomDags.Options o = RandomDags.Options.defaults().withShuffledProgramOrder(seed % 3 == 1);
        if (seed % 4 == 2) {
            o = o.withMaxGraphInputs(3).withMaxOutputs(3).withMaxInputs(4);
        }
        if (seed % 5 == 3) {
            o = o.withInplaceProbability(0.8).withMaxBytes(5);
        }
        return o;
    }

    static void check(long firstSeed, int graphs, int costlyStride) {
        Map<String, Function<SchedulerOptions, Scheduler>> methods = LimitsContractTest.methods();
        for (long seed = firstSeed; seed < firstSeed + graphs; seed++) {
            boolean large = seed % 10 == 9;
            int ops = large ? 17 + (int) (seed % 6) : (int) (seed % 15);
            Graph g = RandomDags.generate(seed, ops, (seed % 7) / 6.0, options(seed));
            for (MemoryModel m : MODELS) {
                SchedulerOptions o = SchedulerOptions.defaults().withMemoryModel(m).withThreads(1)
                        .withTimeLimit(Duration.ofSeconds(20));
                long optimum;
                if (large) {
                    ScheduleResult dp = new DpScheduler(o).schedule(g);
                    if (!dp.optimal()) {
                        continue;
                    }
                    optimum = dp.peakBytes();
                } else {
                    optimum = BruteForce.solve(g, m).peakBytes();
                }
                for (var e : methods.entrySet()) {
                    if (COSTLY.contains(e.getKey()) && seed % costlyStride != 0) {
                        continue;
                    }
                    ScheduleResult r = e.getValue().apply(o).schedule(g);
                    try {
                        if (EXACT.contains(e.getKey())) {
                            Oracles.assertOptimal(g, r, optimum);
                        } else {
                            Oracles.assertSound(g, r, optimum);
                        }
                    } catch (AssertionError err) {
                        throw new AssertionError("seed " + seed + ", " + e.getKey() + ", " + m + ": "
                                + err.getMessage(), err);
                    }
                }
            }
        }
    }
}
