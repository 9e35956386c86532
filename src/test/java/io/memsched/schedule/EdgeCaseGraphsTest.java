package io.memsched.schedule;

import io.memsched.registry.Registry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.graph.InvalidGraphException;
import io.memsched.io.GraphFormatException;
import io.memsched.io.GraphJson;
import io.memsched.memory.LowerBounds;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.memory.MemoryTimeline;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The degenerate graphs of issue 8, defined and pinned down: no operators, an input that is also an output,
 * duplicate inputs, operators without outputs, unconsumed inputs, zero-size tensors and sizes near 2^50 and
 * beyond. Every registered method must schedule each of them validly under both memory models.
 */
class EdgeCaseGraphsTest {
    static final long P50 = 1L << 50;

    /** Each edge-case graph with its expected peak under the default model (-1 when not pinned here). */
    static Map<Graph, Long> cases() {
        return Map.of(
                Graph.builder("empty").build(), 0L,
                Graph.builder("no-ops").input("x", 100).output("x").build(), 100L,
                Graph.builder("no-ops-unused-input").input("x", 100).input("y", 7).output("x").build(), 107L,
                Graph.builder("input-is-output").input("x", 100).op("a").reads("x").writes("y", 10)
                        .output("x", "y").build(), 110L,
                Graph.builder("duplicate-inputs").input("x", 100).op("add").reads("x", "x", "x").writes("y", 100)
                        .output("y").build(), 200L,
                Graph.builder("no-outputs").input("x", 100).op("sink").reads("x").workspace(5)
                        .op("other").reads("x").writes("y", 1).output("y").build(), 105L,
                Graph.builder("unconsumed-input").input("x", 100).input("unused", 1000).op("a").reads("x")
                        .writes("y", 10).op("b").reads("y").writes("z", 10).output("z").build(), 1110L,
                Graph.builder("zero-size").input("x", 0).op("a").reads("x").writes("y", 0).inplace()
                        .op("b").reads("y").writes("z", 0).output("z").build(), 0L,
                Graph.builder("huge-2^50").input("x", P50).op("a").reads("x").writes("y", 3 * P50)
                        .op("b").reads("x").writes("z", 2 * P50).op("c").reads("y", "z").writes("w", P50)
                        .output("w").build(), 6 * P50,
                Graph.builder("isolated-op").input("x", 4).op("const").writes("c", 8).op("a").reads("x", "c")
                        .writes("y", 2).output("y").build(), -1L);
    }

    static Stream<Arguments> graphsAndMethods() {
        return cases().keySet().stream().flatMap(g -> Registry.schedulers().ids().stream().flatMap(m -> Stream.of(
                Arguments.of(g, m, MemoryModel.DEFAULT), Arguments.of(g, m, MemoryModel.INPLACE))));
    }

    @ParameterizedTest(name = "{1} on {0} ({2})")
    @MethodSource("graphsAndMethods")
    void everyMethodSchedulesEveryEdgeCase(Graph g, String method, MemoryModel model) {
        SchedulerOptions o = SchedulerOptions.defaults().withMemoryModel(model)
                .withTimeLimit(java.time.Duration.ofSeconds(10));
        ScheduleResult r = Registry.scheduler(method, o).schedule(g);
        int[] order = r.schedule().indicesIn(g);
        assertEquals(g.opCount(), order.length);
        assertEquals(MemorySimulator.peak(g, model, order), r.peakBytes());
        assertTrue(r.lowerBoundBytes() <= r.peakBytes());
        if (g.opCount() <= 1 && cases().get(g) >= 0 && model.equals(MemoryModel.DEFAULT)) {
            assertEquals(cases().get(g), r.peakBytes(), g.name());
        }
    }

    @Test
    void pinnedPeaksOfTheProgramOrder() {
        for (var e : cases().entrySet()) {
            Graph g = e.getKey();
            if (e.getValue() < 0) {
                continue;
            }
            int[] program = java.util.stream.IntStream.range(0, g.opCount()).toArray();
            assertEquals(e.getValue(), MemorySimulator.peak(g, MemoryModel.DEFAULT, program), g.name());
        }
    }

    @Test
    void jsonRoundTripKeepsEveryEdgeCase() {
        for (Graph g : cases().keySet()) {
            assertEquals(g, GraphJson.parse(GraphJson.write(g), "rt"), g.name());
        }
    }

    @Test
    void emptyGraphHasEmptyOrderAndZeroPeak() {
        Graph g = Graph.builder("empty").build();
        MemoryTimeline t = MemorySimulator.simulate(g, MemoryModel.DEFAULT, new int[0]);
        assertEquals(0, t.peakBytes());
        assertEquals(0, t.peakStep());
        assertTrue(t.steps().isEmpty());
        assertEquals(0, LowerBounds.simple(g, MemoryModel.INPLACE));
    }

    @Test
    void inputThatIsAlsoOutputStaysLiveToTheEnd() {
        Graph g = Graph.builder("io").input("x", 100).op("a").reads("x").writes("y", 10)
                .op("b").reads("y").writes("z", 1).output("x", "z").build();
        MemoryTimeline t = MemorySimulator.simulate(g, MemoryModel.DEFAULT, new int[] {0, 1});
        assertEquals(List.of(110L, 111L), t.steps().stream().map(MemoryTimeline.Step::footprintBytes).toList());
        assertEquals(new MemoryTimeline.Lifetime("x", 100, 0, 2), t.lifetimes().get(0));
    }

    @Test
    void duplicateInputsCountOnceAndFreeOnce() {
        Graph g = Graph.builder("dup").input("x", 100).op("a").reads("x").writes("t", 50)
                .op("mul").reads("t", "t").writes("y", 50).output("y").build();
        MemoryTimeline t = MemorySimulator.simulate(g, MemoryModel.DEFAULT, new int[] {0, 1});
        assertEquals(150, t.steps().get(0).footprintBytes());
        assertEquals(100, t.steps().get(1).footprintBytes());
        assertEquals(50, t.steps().get(1).freedBytes());
        assertEquals(List.of(1), toList(g.consumers(g.tensorIndex("t"))));
        assertEquals(100, LowerBounds.operatorFootprint(g, MemoryModel.DEFAULT, 1));
    }

    @Test
    void wideConcatWithRepeatsHasTheRightBound() {
        var b = Graph.builder("wide").input("x", 1);
        String[] reads = new String[3000];
        for (int k = 0; k < 1000; k++) {
            b.op("p" + k).reads("x").writes("t" + k, k + 1);
        }
        for (int k = 0; k < reads.length; k++) {
            reads[k] = "t" + (k % 1000);
        }
        Graph g = b.op("cat").reads(reads).writes("y", 7).output("y").build();
        long sum = 1000L * 1001 / 2;
        assertEquals(sum + 7, LowerBounds.operatorFootprint(g, MemoryModel.DEFAULT, 1000));
    }

    @Test
    void unconsumedInputIsFreedAfterTheFirstStep() {
        Graph g = Graph.builder("u").input("x", 100).input("unused", 1000).op("a").reads("x").writes("y", 10)
                .op("b").reads("y").writes("z", 10).output("z").build();
        MemoryTimeline t = MemorySimulator.simulate(g, MemoryModel.DEFAULT, new int[] {0, 1});
        assertEquals(1110, t.steps().get(0).footprintBytes());
        assertEquals(20, t.steps().get(1).footprintBytes());
    }

    @Test
    void operatorWithoutOutputsCountsOnlyItsWorkspace() {
        Graph g = Graph.builder("sink").input("x", 100).op("sink").reads("x").workspace(5).build();
        MemoryTimeline t = MemorySimulator.simulate(g, MemoryModel.DEFAULT, new int[] {0});
        assertEquals(105, t.peakBytes());
        assertEquals(100, MemorySimulator.peak(g, MemoryModel.DEFAULT.withWorkspace(false), new int[] {0}));
    }

    @Test
    void zeroSizeInplaceOutputReusesAZeroSizeInput() {
        Graph g = Graph.builder("z").input("x", 8).op("a").reads("x").writes("y", 0)
                .op("relu").reads("y").writes("z", 0).inplace().output("z").build();
        MemoryTimeline t = MemorySimulator.simulate(g, MemoryModel.INPLACE, new int[] {0, 1});
        assertTrue(t.steps().get(1).inplace());
        assertEquals(8, t.peakBytes());
    }

    @Test
    void sizesBeyond2To50AreExact() {
        var b = Graph.builder("big").input("x", P50);
        String prev = "x";
        for (int k = 0; k < 1000; k++) {
            b.op("o" + k).reads(prev).writes("t" + k, P50 + k);
            prev = "t" + k;
        }
        Graph g = b.output(prev).build();
        assertTrue(g.totalBytes() > (1L << 59));
        int[] order = java.util.stream.IntStream.range(0, 1000).toArray();
        assertEquals(2 * P50 + 999 + 998, MemorySimulator.peak(g, MemoryModel.DEFAULT, order));
        assertEquals(2 * P50 + 999 + 998, LowerBounds.simple(g, MemoryModel.DEFAULT));
        ScheduleResult r = Registry.scheduler("greedy", SchedulerOptions.defaults()).schedule(g);
        assertTrue(r.optimal());
        assertTrue(g.toString().contains("PB"), g.toString());
    }

    @Test
    void tensorSumsThatOverflowAreRefusedInOneLine() {
        var e = assertThrows(InvalidGraphException.class, () -> Graph.builder("of").input("x", Long.MAX_VALUE / 2)
                .op("a").reads("x").writes("y", Long.MAX_VALUE / 2).op("b").reads("y").writes("z", 10)
                .output("z").build());
        assertTrue(e.getMessage().contains("add up to more than") && e.getMessage().contains("'z'"), e.getMessage());
        var w = assertThrows(InvalidGraphException.class, () -> Graph.builder("ws").input("x", Long.MAX_VALUE - 5)
                .op("a").reads("x").writes("y", 5).workspace(1).output("y").build());
        assertTrue(w.getMessage().contains("workspace of op 'a'"), w.getMessage());
        // the JSON reader accepts each size (< 2^62) and refuses the sum, through the graph check
        String json = "{\"format\":\"memsched-graph/1\",\"tensors\":{\"a\":4611686018427387903,"
                + "\"b\":4611686018427387903,\"c\":4611686018427387903},\"inputs\":[\"a\",\"b\",\"c\"],\"ops\":[]}";
        var j = assertThrows(GraphFormatException.class, () -> GraphJson.parse(json, "of.json"));
        assertFalse(j.getMessage().contains("\n"));
        assertTrue(j.getMessage().startsWith("of.json: graph 'of.json': the tensor sizes add up"), j.getMessage());
    }

    @Test
    void opWritingATensorTwiceIsNamed() {
        var e = assertThrows(InvalidGraphException.class, () -> Graph.builder("w2").input("x", 1)
                .op("a").reads("x").writes("y", 1).writes("y").output("y").build());
        assertTrue(e.getMessage().contains("op 'a' writes tensor 'y' twice"), e.getMessage());
    }

    @Test
    void oddNumbersInJsonAreRefusedWithTheirPath() {
        for (String v : List.of("1e400", "-1e400", "1e300", "123456789012345678901234567890", "-1", "1.5", "\"5\"",
                "true", "[]", "{}", "-0.5")) {
            String json = "{\"format\":\"memsched-graph/1\",\"tensors\":{\"x\":" + v
                    + "},\"inputs\":[\"x\"],\"outputs\":[\"x\"],\"ops\":[]}";
            var e = assertThrows(GraphFormatException.class, () -> GraphJson.parse(json, "n.json"), v);
            assertTrue(e.getMessage().startsWith("n.json: tensors.x: "), v + " -> " + e.getMessage());
            assertTrue(e.getMessage().length() < 200, e.getMessage());
        }
        for (String v : List.of("12.0", "1e3", "-0.0", "0")) {
            String json = "{\"format\":\"memsched-graph/1\",\"tensors\":{\"x\":" + v
                    + "},\"inputs\":[\"x\"],\"outputs\":[\"x\"],\"ops\":[]}";
            assertEquals(List.of("x"), GraphJson.parse(json, "n.json").inputs(), v);
        }
    }

    private static List<Integer> toList(io.memsched.graph.Ints ints) {
        int[] a = new int[ints.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = ints.get(k);
        }
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
