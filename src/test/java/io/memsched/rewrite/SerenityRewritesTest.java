package io.memsched.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.graph.Op;
import io.memsched.io.GraphJson;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.memory.StepCosts;
import io.memsched.schedule.ProgramOrderScheduler;
import io.memsched.schedule.SchedulerOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SerenityRewritesTest {
    private static final List<MemoryModel> MODELS = List.of(MemoryModel.DEFAULT, MemoryModel.INPLACE);

    static int[] programOrder(Graph g) {
        return new ProgramOrderScheduler(SchedulerOptions.defaults()).schedule(g).schedule().indicesIn(g);
    }

    private static long types(Graph g, String type) {
        return g.ops().stream().filter(o -> o.type().equals(type)).count();
    }

    @Test
    void channelWiseRemovesTheConcatAndChainsPartialConvs() {
        Graph g = Cells.concatConv();
        RewriteResult r = SerenityRewrites.apply(g, MemoryModel.INPLACE);
        Graph h = r.graph();
        assertEquals(1, r.applied().size(), r.toString());
        assertEquals("channel-partition", r.applied().get(0).rule());
        assertEquals(0, types(h, "Concat"));
        assertEquals(3, types(h, ChannelWisePartitionRewrite.PARTIAL_CONV));
        assertTrue(h.findTensor("y").isEmpty(), "the concatenated tensor is gone");
        // partial convs 2..m read the accumulator first, it has the output's size, and they are in-place
        Op p0 = h.op(h.opIndex("proj__part0"));
        Op p1 = h.op(h.opIndex("proj__part1"));
        Op p2 = h.op(h.opIndex("proj__part2"));
        assertEquals(List.of("a"), p0.inputs());
        assertFalse(p0.inplace());
        assertEquals(List.of(p0.outputs().get(0), "b"), p1.inputs());
        assertEquals(List.of(p1.outputs().get(0), "c"), p2.inputs());
        assertTrue(p1.inplace() && p2.inplace());
        assertEquals(List.of("z"), p2.outputs());
        assertEquals(h.tensor(h.tensorIndex("z")), g.tensor(g.tensorIndex("z")));
        assertEquals(h.tensorIndex(p0.outputs().get(0)), StepCosts.inplaceCandidate(h, h.opIndex("proj__part1")));
        assertTrue(IndependentPeak.optimum(h, MemoryModel.INPLACE) < IndependentPeak.optimum(g, MemoryModel.INPLACE));
    }

    @Test
    void membersAndTheGraphPassAdapter() {
        Graph g = Cells.concatConv();
        RewriteResult r = SerenityRewrites.apply(g, MemoryModel.INPLACE);
        Graph h = r.graph();
        assertEquals(io.memsched.graph.Ints.of(g.opIndex("b1")), r.members().get(h.opIndex("b1")));
        assertEquals(io.memsched.graph.Ints.of(g.opIndex("proj")), r.members().get(h.opIndex("proj__part2")));
        var pass = SerenityRewrites.pass().run(g, io.memsched.pass.PassContext.of(MemoryModel.INPLACE));
        assertEquals("serenity", SerenityRewrites.pass().name());
        assertEquals(h, pass.graph());
        assertEquals(r.members(), pass.members());
        assertEquals(Map.of("kernel-partition", 0, "channel-partition", 1), pass.stats().applied());
        assertEquals(g.opCount(), pass.stats().opsBefore());
    }

    @Test
    void inPlaceAccumulationReusesOneBuffer() {
        Graph h = SerenityRewrites.apply(Cells.concatConv(), MemoryModel.INPLACE).graph();
        int[] order = programOrder(h);
        var steps = MemorySimulator.simulate(h, MemoryModel.INPLACE, order).steps();
        assertTrue(steps.stream().filter(s -> s.op().startsWith("proj__part") && !s.op().endsWith("0"))
                .allMatch(s -> s.inplace() && s.allocatedBytes() == 0), steps::toString);
    }

    @Test
    void defaultModelPutsTheLargestInputFirstAndStillHelps() {
        Graph g = Cells.concatConv();
        RewriteResult r = SerenityRewrites.apply(g, MemoryModel.DEFAULT);
        assertTrue(r.changed(), r.skipped()::toString);
        assertTrue(IndependentPeak.optimum(r.graph(), MemoryModel.DEFAULT)
                < IndependentPeak.optimum(g, MemoryModel.DEFAULT));
    }

    @Test
    void nasCellLowersTheOptimumUnderInPlace() {
        Graph g = Cells.nasCell();
        RewriteResult r = SerenityRewrites.apply(g, MemoryModel.INPLACE);
        assertEquals(1, r.applied().size(), r.toString());
        Graph h = r.graph();
        assertEquals(0, types(h, "Concat"));
        assertEquals(4, types(h, "Relu"), "one Relu per concat input, on its slice");
        assertEquals(List.of("h0"), h.op(h.opIndex("relu__part0")).inputs());
        assertTrue(h.op(h.opIndex("relu__part0")).inplace());
        assertEquals(8, types(h, ChannelWisePartitionRewrite.PARTIAL_CONV), "two chains of four");
        long before = IndependentPeak.optimum(g, MemoryModel.INPLACE);
        long after = IndependentPeak.optimum(h, MemoryModel.INPLACE);
        assertTrue(after < before, after + " vs " + before);
    }

    @Test
    void aFactorizedReductionBranchIsPartitionedToo() {
        Graph g = Cells.reductionCell();
        RewriteResult r = SerenityRewrites.apply(g, MemoryModel.INPLACE);
        assertEquals(1, r.applied().size(), r.toString());
        Graph h = r.graph();
        assertEquals(0, types(h, "Concat"));
        assertEquals(3, types(h, "Pad"));
        assertEquals(3, types(h, "AveragePool"));
        var pooled = h.tensor(h.tensorIndex("pooled__part1"));
        assertEquals(List.of(1L, 8L, 4L, 4L), pooled.shape());
        assertEquals(4L * 8 * 4 * 4, pooled.bytes());
        long before = IndependentPeak.optimum(g, MemoryModel.INPLACE);
        long after = IndependentPeak.optimum(h, MemoryModel.INPLACE);
        assertTrue(after < before, after + " vs " + before);
    }

    @Test
    void aReaderThatIsNotPerChannelBlocksTheRewrite() {
        Graph g = Graph.builder("blocked").input(Cells.t("x", 4, 8))
                .op("a", "Conv").reads("x").writes(Cells.t("p", 4, 8))
                .op("b", "Conv").reads("x").writes(Cells.t("q", 4, 8))
                .op("cat", "Concat").reads("p", "q").writes(Cells.t("y", 8, 8))
                .op("c", "Conv").reads("y").writes(Cells.t("z", 4, 8))
                .op("gemm", "Gemm").reads("y").writes(Cells.t("w", 4, 8))
                .output("z", "w").build();
        RewriteResult r = SerenityRewrites.apply(g, MemoryModel.INPLACE);
        assertFalse(r.changed());
        assertTrue(r.skipped().get(0).reason().contains("op 'gemm' (Gemm), which cannot be partitioned"),
                r.skipped().toString());
    }

    @Test
    void nasCellIsSkippedUnderTheDefaultModelWithAReason() {
        RewriteResult r = SerenityRewrites.apply(Cells.nasCell(), MemoryModel.DEFAULT);
        assertFalse(r.changed());
        assertEquals(Cells.nasCell(), r.graph());
        assertEquals(1, r.skipped().size());
        assertEquals("cat", r.skipped().get(0).anchor());
        assertTrue(r.skipped().get(0).reason().contains("not accumulated in place"), r.skipped().get(0).reason());
        // without the guard it applies anyway
        var forced = SerenityRewrites.apply(Cells.nasCell(),
                SerenityRewrites.Options.defaults().withOnlyIfNoWorse(false));
        assertTrue(forced.changed());
    }

    @Test
    void kernelWiseThenChannelWiseOnASeparableConv() {
        Graph g = Cells.concatSeparable();
        for (MemoryModel m : MODELS) {
            RewriteResult r = SerenityRewrites.apply(g, m);
            Graph h = r.graph();
            assertEquals(List.of("kernel-partition", "channel-partition"),
                    r.applied().stream().map(RewriteResult.Applied::rule).toList(), r.toString());
            assertEquals(0, types(h, "Concat"), h.ops().toString());
            assertEquals(2, types(h, "DepthwiseConv"));
            assertEquals(List.of(1L, 8L, 8L, 8L), h.tensor(h.tensorIndex("d__part0")).shape());
            assertEquals(g.tensor(g.tensorIndex("y")).bytes() / 2, h.bytes(h.tensorIndex("d__part0")));
            assertTrue(IndependentPeak.optimum(h, m) < IndependentPeak.optimum(g, m), m.toString());
        }
    }

    @Test
    void withoutShapesTheRuleSkipsAndSaysWhy() {
        Graph g = Graph.builder("noshape").input("x", 100)
                .op("a", "Conv").reads("x").writes("p", 100)
                .op("b", "Conv").reads("x").writes("q", 100)
                .op("cat", "Concat").reads("p", "q").writes("y", 200)
                .op("c", "Conv").reads("y").writes("z", 50)
                .output("z").build();
        RewriteResult r = SerenityRewrites.apply(g, MemoryModel.INPLACE);
        assertFalse(r.changed());
        assertTrue(r.skipped().get(0).reason().contains("shape of 'y' is unknown"), r.skipped().toString());
    }

    @Test
    void concatAlongAnotherAxisIsSkipped() {
        Graph g = Graph.builder("h-axis").input(Cells.t("x", 4, 8))
                .op("a", "Conv").reads("x").writes(Cells.t("p", 4, 8))
                .op("b", "Conv").reads("x").writes(Cells.t("q", 4, 8))
                .op("cat", "Concat").reads("p", "q").writes(new io.memsched.graph.Tensor("y", 2048,
                        List.of(1L, 4L, 16L, 8L), java.util.Optional.empty()))
                .op("c", "Conv").reads("y").writes(Cells.t("z", 4, 8))
                .output("z").build();
        RewriteResult r = SerenityRewrites.apply(g, MemoryModel.INPLACE);
        assertFalse(r.changed());
        assertTrue(r.skipped().get(0).reason().contains("axis 2"), r.skipped().toString());
    }

    static LongStream seeds() {
        return LongStream.range(0, 150);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomGraphsStayValidKeepOutputsAndNeverRaiseTheOptimum(long seed) {
        Graph g = Cells.random(seed, 9);
        for (MemoryModel m : MODELS) {
            RewriteResult r = SerenityRewrites.apply(g, m);
            Graph h = r.graph();
            String ctx = "seed " + seed + " " + m + " " + r + "\n" + GraphJson.write(g);
            // valid: rebuilding from JSON succeeds, and the graph interface is unchanged
            assertEquals(h, GraphJson.parse(GraphJson.write(h), "rewritten"), ctx);
            assertEquals(g.inputs(), h.inputs(), ctx);
            assertEquals(g.outputs(), h.outputs(), ctx);
            for (String out : g.outputs()) {
                assertEquals(g.tensor(g.tensorIndex(out)), h.tensor(h.tensorIndex(out)), ctx);
            }
            // the program order stays topological
            for (int i = 0; i < h.opCount(); i++) {
                for (int k = 0; k < h.predecessors(i).size(); k++) {
                    assertTrue(h.predecessors(i).get(k) < i, ctx);
                }
            }
            // an independent re-simulation agrees with the shared simulator on the rewritten graph
            int[] order = programOrder(h);
            assertEquals(IndependentPeak.peak(h, m, order), MemorySimulator.peak(h, m, order), ctx);
            if (h.opCount() <= 18) {
                assertTrue(IndependentPeak.optimum(h, m) <= IndependentPeak.optimum(g, m), ctx);
            }
        }
    }

    @Test
    void theRandomGraphsExerciseBothRulesAndBothOutcomes() {
        int applied = 0;
        int skipped = 0;
        java.util.Set<String> rules = new java.util.HashSet<>();
        for (long seed : seeds().toArray()) {
            for (MemoryModel m : MODELS) {
                RewriteResult r = SerenityRewrites.apply(Cells.random(seed, 9), m);
                applied += r.applied().size();
                skipped += r.skipped().size();
                r.applied().forEach(a -> rules.add(a.rule()));
            }
        }
        assertTrue(applied >= 20 && skipped >= 10, applied + " applied, " + skipped + " skipped");
        assertEquals(Set.of("channel-partition", "kernel-partition"), rules);
    }

    @Test
    void aNotebookRuleRemovesIdentities() {
        RewriteRule dropIdentity = RewriteRule.of("drop-identity", "removes Identity ops", (g, i) -> {
            Op op = g.op(i);
            if (!op.type().equals("Identity") || op.inputs().size() != 1 || op.outputs().size() != 1) {
                return Match.none();
            }
            if (g.isGraphOutput(g.opOutputs(i).get(0))) {
                return Match.skip("its output is a graph output");
            }
            return Match.replace(new Replacement(Set.of(op.name()), Map.of(op.outputs().get(0), op.inputs().get(0)),
                    b -> { }, "removed " + op.name()));
        });
        Graph g = Graph.builder("ids").input("x", 10)
                .op("i1", "Identity").reads("x").writes("a", 10)
                .op("c", "Conv").reads("a").writes("b", 10)
                .op("i2", "Identity").reads("b").writes("y", 10)
                .output("y").build();
        RewriteResult r = new Rewriter(List.of(dropIdentity)).apply(g);
        assertEquals(List.of("c", "i2"), r.graph().ops().stream().map(Op::name).toList());
        assertEquals(List.of("x"), r.graph().op(0).inputs());
        assertEquals(1, r.stats().applied());
        assertEquals(List.of(new RewriteResult.Skipped("drop-identity", "i2", "its output is a graph output")),
                r.skipped());
    }

    @Test
    void aRuleThatBreaksTheGraphIsNamed() {
        RewriteRule bad = RewriteRule.of("bad-rule", "drops the producer of an output", (g, i) ->
                g.op(i).name().equals("c") ? Match.replace(Replacement.of(Set.of("c"), b -> { }, "dropped c"))
                        : Match.none());
        Graph g = Graph.builder("g").input("x", 1).op("c", "Conv").reads("x").writes("y", 1).output("y").build();
        var e = assertThrows(IllegalStateException.class, () -> new Rewriter(List.of(bad)).apply(g));
        assertTrue(e.getMessage().contains("bad-rule") && e.getMessage().contains("'c'"), e.getMessage());
    }

    @Test
    void aRuleThatNeverStopsIsStopped() {
        RewriteRule loop = RewriteRule.of("loop", "renames forever", (g, i) -> Match.replace(Replacement.of(
                Set.of(g.op(i).name()), b -> b.op(g.op(i).name() + "x", "Conv").reads("x").writes(g.tensor(1)),
                "renamed")));
        Graph g = Graph.builder("g").input("x", 1).op("c", "Conv").reads("x").writes("y", 1).output("y").build();
        var e = assertThrows(IllegalStateException.class, () -> new Rewriter(List.of(loop), 5).apply(g));
        assertTrue(e.getMessage().contains("did not converge"), e.getMessage());
    }
}
