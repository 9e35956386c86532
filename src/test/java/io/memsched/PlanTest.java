package io.memsched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.BadInputException;
import io.memsched.graph.Graph;
import io.memsched.graph.GraphBuilder;
import io.memsched.graph.Op;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.pass.Pass;
import io.memsched.pass.PassContext;
import io.memsched.pass.PassResult;
import io.memsched.pass.Pipeline;
import io.memsched.registry.Registry;
import io.memsched.run.Clock;
import io.memsched.run.Deadline;
import io.memsched.testing.BruteForce;
import io.memsched.testing.Oracles;
import io.memsched.zoo.RandomDags;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade's pipeline: passes compose, orders expand and re-simulate, optimality only with a proof. */
class PlanTest {
    static final MemoryModel[] MODELS = {MemoryModel.DEFAULT, MemoryModel.INPLACE};

    @TempDir
    Path dir;

    static Graph random(long seed) {
        return RandomDags.generate(seed, 3 + (int) (seed % 8), 0.25 + 0.15 * Math.floorMod(seed, 4));
    }

    @Test
    void fusionThenTheExactDpGivesTheBruteForceOptimumOnTwoThousandGraphs() {
        for (long seed = 0; seed < 1000; seed++) {
            Graph g = random(seed);
            for (MemoryModel m : MODELS) {
                Plan p = Memsched.plan(g).memoryModel(m).passes(Passes.fusion()).method("dp").run();
                long opt = BruteForce.solve(g, m).peakBytes();
                assertSame(g, p.graph(), "fusion only groups: the plan runs on the input graph");
                Oracles.assertOptimal(g, p.result(), opt);
                assertEquals(p.peakBytes(), MemorySimulator.simulate(g, m, p.order()).peakBytes());
            }
        }
    }

    @Test
    void everyRegisteredMethodAfterEveryBuiltInPassIsSound() {
        List<Pass> passes = List.of(Passes.fusion(), Passes.serenity(),
                Pipeline.sequence("both", Passes.serenity(), Passes.fusion()));
        for (long seed = 0; seed < 60; seed++) {
            Graph g = random(seed);
            for (MemoryModel m : MODELS) {
                for (String method : Registry.schedulers().ids()) {
                    for (Pass pass : passes) {
                        Plan p = Memsched.plan(g).memoryModel(m).passes(pass).method(method).threads(1).run();
                        Oracles.assertSound(p.graph(), p.result(), BruteForce.solve(p.graph(), m).peakBytes());
                    }
                }
            }
        }
    }

    /** Removes every Identity operator whose output is not a graph output, by rewiring its readers. */
    static Graph dropIdentities(Graph g) {
        Map<String, String> alias = new HashMap<>();
        for (Op op : g.ops()) {
            if (op.type().equals("Identity") && !g.outputs().contains(op.outputs().get(0))) {
                alias.put(op.outputs().get(0), alias.getOrDefault(op.inputs().get(0), op.inputs().get(0)));
            }
        }
        GraphBuilder b = Graph.builder(g.name());
        g.inputs().forEach(i -> b.input(g.tensor(g.tensorIndex(i))));
        for (int i = 0; i < g.opCount(); i++) {
            Op op = g.op(i);
            if (op.type().equals("Identity") && alias.containsKey(op.outputs().get(0))) {
                continue;
            }
            b.op(op.name(), op.type());
            op.inputs().forEach(t -> b.reads(alias.getOrDefault(t, t)));
            for (String t : op.outputs()) {
                b.writes(g.tensor(g.tensorIndex(t)));
            }
            b.workspace(op.workspaceBytes()).inplace(op.inplace());
        }
        b.output(g.outputs().toArray(String[]::new));
        return b.build();
    }

    static Graph withIdentity() {
        return Graph.builder("ident").input("x", 10)
                .op("a", "Conv").reads("x").writes("a", 400)
                .op("id", "Identity").reads("a").writes("a2", 400)
                .op("b", "Conv").reads("a2").writes("b", 20)
                .op("c", "Conv").reads("x").writes("c", 30)
                .op("cat", "Concat").reads("b", "c").writes("y", 50)
                .output("y").build();
    }

    @Test
    void aUserPassWrittenAsALambdaComposesWithTheBuiltInOnes() {
        Graph g = withIdentity();
        Pass drop = Passes.rewriting("drop-identity", PlanTest::dropIdentities);
        Plan p = Memsched.plan(g).passes(drop, Passes.fusion()).method("dp").run();
        assertEquals(g.opCount() - 1, p.graph().opCount(), "the rewrite's graph is the plan's graph");
        assertEquals(List.of("drop-identity", "fusion"), p.passes().stream().map(PassResult::name).toList());
        PassResult r = p.passes().get(0);
        for (int i = 0; i < r.graph().opCount(); i++) {
            assertEquals(r.graph().op(i).name(), g.op(r.provenance().origins(i).get(0)).name(),
                    "provenance by name");
        }
        assertFalse(r.provenance().grouping());
        Oracles.assertOptimal(p.graph(), p.result(), BruteForce.solve(p.graph(), MemoryModel.DEFAULT).peakBytes());
        assertTrue(p.peakBytes() < Memsched.plan(g).method("dp").run().peakBytes(), "dropping the copy saves memory");
    }

    @Test
    void aRewriteAfterFusionKeepsTheFusedOperators() {
        Graph g = withIdentity();
        Pass relabel = Passes.of("relabel", (x, ctx) -> PassResult.of(x, x,
                io.memsched.pass.Provenance.rewrite(io.memsched.pass.Provenance.identity(x.opCount()).members(),
                        x.opCount()), io.memsched.pass.PassStats.of("relabel", x.opCount(), x.opCount(), Map.of())));
        Plan p = Memsched.plan(g).passes(Passes.fusion(), relabel).method("dp").run();
        assertTrue(p.passes().get(0).graph().opCount() < g.opCount(), "fusion merged something");
        assertEquals(p.passes().get(0).graph().opCount(), p.graph().opCount());
        Oracles.assertValidResult(p.graph(), p.result());
    }

    @Test
    void pipelinesAreSequencesOrFixpointsAndPassesThemselves() {
        for (long seed = 0; seed < 300; seed++) {
            Graph g = random(seed);
            for (MemoryModel m : MODELS) {
                PassResult fix = Passes.fusion().run(g, PassContext.of(m));
                PassResult nested = Pipeline.sequence("outer", Pipeline.sequence("inner", Passes.fusion()))
                        .run(g, PassContext.of(m));
                assertEquals(fix.graph().opCount(), nested.graph().opCount());
                assertEquals(fix.provenance().members(), nested.provenance().members());
                assertTrue(nested.provenance().grouping());
                int[] order = io.memsched.testing.RandomOrders.of(fix.graph(), new java.util.SplittableRandom(seed));
                assertEquals(MemorySimulator.peak(fix.graph(), m, order), MemorySimulator.peak(g, m, fix.expand(order)));
            }
        }
    }

    @Test
    void aPipelineWhoseDeadlineHasPassedReturnsItsInput() {
        Clock past = () -> Long.MAX_VALUE / 2;
        Graph g = random(7);
        Deadline expired = Deadline.after(Duration.ofSeconds(1), new Clock() {
            long t;

            @Override
            public long nanoTime() {
                return t++ == 0 ? 0 : past.nanoTime();
            }
        });
        PassResult r = Passes.fusion().run(g, PassContext.of(MemoryModel.DEFAULT).withDeadline(expired));
        assertSame(g, r.graph());
        assertTrue(r.stats().stoppedEarly());
    }

    @Test
    void compareAndReportCarryThePlan() {
        Graph g = random(11);
        Plan p = Memsched.plan(g).passes(Passes.fusion()).method("dp").run();
        var c = p.compare("program", "rpo");
        assertEquals(List.of("dp", "program", "rpo"), c.results().stream().map(r -> r.method()).toList());
        assertTrue(p.report().html().contains(g.name()));
        assertEquals(p.peakBytes(), p.timeline().peakBytes());
        assertEquals(p.result().schedule().size(), p.timeline().table().rowCount());
    }

    @Test
    void theFacadeLoadsSavesAndRefusesBadIdsAsBadInput() {
        Graph g = random(3);
        Path f = dir.resolve("g.json");
        Memsched.save(g, f);
        assertEquals(g, Memsched.load(f.toString()));
        assertThrows(BadInputException.class, () -> Memsched.plan(g).method("nope"));
        assertThrows(BadInputException.class, () -> Memsched.plan(g).solver("nope"));
        assertThrows(BadInputException.class, () -> Memsched.save(g, dir.resolve("g.txt")));
        assertThrows(BadInputException.class, () -> Memsched.load(dir.resolve("missing.json")));
    }

    @Test
    void theIssuePipelineRunsAsWrittenOnDarts() {
        Graph g = Memsched.load("examples/models/darts_cifar.onnx");
        Plan p = Memsched.plan(g).memoryModel(MemoryModel.INPLACE).passes(Passes.serenity(), Passes.fusion())
                .method("best").solver("cpsat").timeLimit(Duration.ofSeconds(60)).run();
        Oracles.assertValidResult(p.graph(), p.result());
        assertEquals(p.graph().opCount(), p.order().size());
        assertTrue(p.passes().get(0).stats().totalApplied() > 0, p.passes().toString());
        assertEquals(p.peakBytes(), MemorySimulator.simulate(p.graph(), MemoryModel.INPLACE, p.order()).peakBytes());
        Plan plain = Memsched.plan(g).memoryModel(MemoryModel.INPLACE).method("best")
                .timeLimit(Duration.ofSeconds(60)).run();
        if (p.optimal() && plain.optimal()) {
            assertTrue(p.peakBytes() < plain.peakBytes(), p + " vs " + plain);
        }
    }
}
