package io.memsched.fusion;

import io.memsched.pass.PassContext;
import io.memsched.pass.PassResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.io.GraphJson;
import io.memsched.testing.BruteForce;
import io.memsched.zoo.RandomDags;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FusionPipelineTest {
    private static final MemoryModel[] MODELS = {MemoryModel.DEFAULT, MemoryModel.INPLACE};

    @Test
    void fusionKeepsTheExactOptimumOnFiveThousandRandomGraphs() {
        int merged = 0;
        int graphs = 0;
        for (long seed = 0; seed < 5000; seed++) {
            Graph g = random(seed, 3 + (int) (seed % 8));
            for (MemoryModel m : MODELS) {
                PassResult f = Fusion.fuse(g, m);
                long opt = BruteForce.solve(g, m).peakBytes();
                BruteForce.Optimum fo = BruteForce.solve(f.graph(), m);
                String ctx = "seed " + seed + " model " + m + " " + f.stats() + "\n" + GraphJson.write(g);
                assertEquals(opt, fo.peakBytes(), "fused optimum differs: " + ctx);
                assertEquals(opt, MemorySimulator.peak(g, m, f.expand(fo.order())), "expanded peak differs: " + ctx);
                merged += f.stats().totalApplied();
                graphs++;
            }
        }
        assertTrue(merged > graphs / 2, "fusion merged only " + merged + " pairs over " + graphs + " runs");
    }

    @Test
    void everyFusedOrderCostsExactlyWhatItsExpansionCosts() {
        for (long seed = 0; seed < 2000; seed++) {
            Graph g = random(seed, 4 + (int) (seed % 9));
            for (MemoryModel m : MODELS) {
                PassResult f = Fusion.fuse(g, m);
                SplittableRandom r = new SplittableRandom(seed);
                for (int k = 0; k < 5; k++) {
                    int[] order = io.memsched.testing.RandomOrders.of(f.graph(), r);
                    assertEquals(MemorySimulator.peak(f.graph(), m, order), MemorySimulator.peak(g, m, f.expand(order)),
                            "seed " + seed + " model " + m + "\n" + GraphJson.write(g));
                }
            }
        }
    }

    @Test
    void aStoppedFusionKeepsTheOptimumOfWhatItFusedSoFar() {
        for (long seed = 0; seed < 300; seed++) {
            Graph g = random(seed, 4 + (int) (seed % 8));
            for (MemoryModel m : MODELS) {
                int allowed = (int) (seed % 3);
                PassResult f = Fusion.fuse(g, PassContext.of(m).withDeadline(
                        io.memsched.run.Deadline.after(java.time.Duration.ofSeconds(1), expiresAfterPolls(allowed))));
                assertTrue(f.stats().opsAfter() >= Fusion.fuse(g, m).stats().opsAfter());
                if (allowed == 0) {
                    assertEquals(g.opCount(), f.graph().opCount(), "stopped before the first pass, seed " + seed);
                }
                assertEquals(BruteForce.solve(g, m).peakBytes(), BruteForce.solve(f.graph(), m).peakBytes(),
                        "seed " + seed + " model " + m + "\n" + GraphJson.write(g));
            }
        }
    }

    /**
     * A rule's sweep polls the deadline every {@link PairFusion#POLL_OPS} operators: stopped at its n-th poll, it keeps
     * exactly the pairs merged before it (a prefix of the whole sweep's merges, each valid on its own), says it
     * stopped early, and every fused order expands to an order of the original graph with the same peak.
     */
    @Test
    void aSweepStoppedAtAnyPollKeepsThePairsMergedBeforeIt() {
        for (long seed = 0; seed < 20; seed++) {
            Graph g = io.memsched.zoo.LargeGraphs.randomlyWired(300 + (int) (seed * 37), seed);
            for (MemoryModel m : MODELS) {
                for (PairFusion rule : new PairFusion[] {new ReleaseEarlyFusion(), new DelayGrowthFusion()}) {
                    PassResult whole = rule.run(g, PassContext.of(m));
                    int sweepPolls = (g.opCount() + PairFusion.POLL_OPS - 1) / PairFusion.POLL_OPS;
                    int last = 0;
                    for (int n = 1; n <= sweepPolls; n++) {
                        io.memsched.testing.TestClock clock = io.memsched.testing.TestClock.expiringAtPoll(n);
                        PassResult f = rule.run(g, PassContext.of(m).withDeadline(
                                io.memsched.run.Deadline.after(java.time.Duration.ofSeconds(1), clock)));
                        String ctx = "seed " + seed + " " + rule.name() + " " + m + " " + clock;
                        assertEquals(n, clock.polls(), "the sweep went on after the poll that expired: " + ctx);
                        assertTrue(f.stats().stoppedEarly(), ctx);
                        int merges = f.stats().totalApplied();
                        assertTrue(merges >= last && merges <= whole.stats().totalApplied(), ctx);
                        last = merges;
                        int[] fused = new io.memsched.schedule.GreedyScheduler(
                                io.memsched.schedule.SchedulerOptions.defaults().withMemoryModel(m))
                                .schedule(f.graph()).schedule().indicesIn(f.graph());
                        assertEquals(MemorySimulator.peak(f.graph(), m, fused),
                                MemorySimulator.peak(g, m, f.expand(fused)), ctx);
                    }
                }
            }
        }
    }

    @Test
    void fusesAConvBatchNormReluChainInPlace() {
        Graph g = Graph.builder("chain").input("x", 100)
                .op("conv", "Conv").reads("x").writes("c", 100)
                .op("bn", "BatchNormalization").reads("c").writes("d", 100).inplace()
                .op("relu", "Relu").reads("d").writes("e", 100).inplace()
                .output("e").build();
        PassResult f = Fusion.fuse(g, MemoryModel.INPLACE);
        assertEquals(1, f.graph().opCount(), f.stats().toString());
        assertEquals(200, MemorySimulator.peak(f.graph(), MemoryModel.INPLACE, new int[] {0}));
        assertEquals(3, f.stats().opsBefore());
        assertEquals(1, f.stats().opsAfter());
    }

    @Test
    void doesNotFuseWhenAnInterleavedBranchIsBetter() {
        // a grows memory a lot, but its input x stays live anyway: delaying a is not free when b shrinks later
        Graph g = Graph.builder("branch").input("x", 10)
                .op("big", "T").reads("x").writes("y", 50)
                .op("use", "T").reads("y").writes("z", 1)
                .op("side", "T").reads("x").writes("w", 40)
                .op("join", "T").reads("z", "w").writes("o", 1)
                .output("o").build();
        for (MemoryModel m : MODELS) {
            PassResult f = Fusion.fuse(g, m);
            assertEquals(BruteForce.solve(g, m).peakBytes(), BruteForce.solve(f.graph(), m).peakBytes());
        }
    }

    /** A clock that stands still for {@code polls} polls of its deadline and is then past any limit. */
    static io.memsched.run.Clock expiresAfterPolls(int polls) {
        return new io.memsched.run.Clock() {
            int seen;

            @Override
            public long nanoTime() {
                return seen > polls ? Long.MAX_VALUE / 2 : 0;
            }

            @Override
            public void poll() {
                seen++;
            }
        };
    }

    /** A seeded random graph with every memory-model feature, density varying with the seed. */
    static Graph random(long seed, int ops) {
        return RandomDags.generate(seed, ops, 0.25 + 0.15 * Math.floorMod(seed, 4));
    }
}
