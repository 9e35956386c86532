package io.memsched.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memsched.Memsched;
import io.memsched.Passes;
import io.memsched.Plan;
import io.memsched.graph.BadInputException;
import io.memsched.graph.Graph;
import io.memsched.arena.ArenaPlan;
import io.memsched.memory.MemoryModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writing a plan back into its ONNX model: node order, untouched fields, metadata, re-import, refusals. */
class OnnxWriterTest {
    static final Path MODELS = Path.of("examples/models");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"darts_cifar", "googlenet", "onnx-light/light_inception_v1"})
    void theWrittenModelRunsThePlansOrderWithItsPeakAndKeepsEverythingElse(String name) throws Exception {
        Path in = MODELS.resolve(name + ".onnx");
        name = in.getFileName().toString().replace(".onnx", "");
        Graph g = Memsched.load(in);
        Plan p = Memsched.plan(g).memoryModel(MemoryModel.INPLACE).method("greedy").run();
        assertNotEquals(g.ops().stream().map(o -> o.name()).toList(), p.order(), "the test needs a new order");
        Path out = dir.resolve(name + "-planned.onnx");
        Memsched.save(p, out);

        Graph back = Memsched.load(out);
        assertEquals(p.order(), back.ops().stream().map(o -> o.name()).toList());
        Plan program = Memsched.plan(back).memoryModel(MemoryModel.INPLACE).method("program").run();
        assertEquals(p.peakBytes(), program.peakBytes());

        ModelFields before = ModelFields.of(Files.readAllBytes(in));
        ModelFields after = ModelFields.of(Files.readAllBytes(out));
        assertEquals(before.graphWithoutNodes(), after.graphWithoutNodes());
        assertEquals(counts(before.nodes()), counts(after.nodes()));
        List<ModelFields.Entry> kept = after.model().stream().filter(e -> e.number() != 14).toList();
        assertEquals(before.model().stream().filter(e -> e.number() != 14).toList(), kept);
        assertEquals(Long.toString(p.peakBytes()), after.metadata().get(OnnxWriter.PEAK));
        assertEquals("inplace", after.metadata().get(OnnxWriter.MEMORY_MODEL));
        assertEquals("greedy", after.metadata().get(OnnxWriter.METHOD));
        assertEquals(Memsched.version(), after.metadata().get(OnnxWriter.VERSION));
        before.metadata().forEach((k, v) -> assertEquals(v, after.metadata().get(k), k));
    }

    @Test
    void anArenaPlanIsRecordedAndWritingTwiceReplacesTheFirstPlan() throws Exception {
        Graph g = Memsched.load(MODELS.resolve("squeezenet1_0.onnx"));
        Plan p = Memsched.plan(g).method("greedy").run();
        ArenaPlan arena = p.arena("bestfit");
        Path out = dir.resolve("sq.onnx");
        Memsched.save(p, arena, out);
        Map<String, String> meta = ModelFields.of(Files.readAllBytes(out)).metadata();
        assertEquals(Long.toString(arena.arenaBytes()), meta.get(OnnxWriter.ARENA_BYTES));
        assertEquals("bestfit", meta.get(OnnxWriter.ARENA_PLANNER));
        JsonNode offsets = new ObjectMapper().readTree(meta.get(OnnxWriter.ARENA_OFFSETS));
        assertEquals(arena.tensorOffsets().size(), offsets.size());
        arena.tensorOffsets().forEach((t, o) -> assertEquals(o.longValue(), offsets.get(t).asLong(), t));

        Plan again = Memsched.plan(Memsched.load(out)).method("rpo").run();
        Memsched.save(again, out);
        Map<String, String> meta2 = ModelFields.of(Files.readAllBytes(out)).metadata();
        assertEquals("rpo", meta2.get(OnnxWriter.METHOD));
        assertTrue(meta2.keySet().stream().noneMatch(k -> k.startsWith("memsched.arena")), meta2.toString());
    }

    @Test
    void refusesWhatCannotBeWrittenBackAndWritesNothing() {
        Graph g = Memsched.load(MODELS.resolve("darts_cifar.onnx"));
        Plan rewritten = Memsched.plan(g).passes(Passes.serenity()).method("greedy").run();
        Path out = dir.resolve("x.onnx");
        if (rewritten.graph() != g) {
            BadInputException e = assertThrows(BadInputException.class, () -> Memsched.save(rewritten, out));
            assertTrue(e.getMessage().contains("rewrote"), e.getMessage());
        }
        Plan built = Memsched.plan(Memsched.zoo("nasnet-cifar")).method("rpo").run();
        BadInputException e2 = assertThrows(BadInputException.class, () -> Memsched.save(built, out));
        assertTrue(e2.getMessage().contains("not read from a model file"), e2.getMessage());
        Plan p = Memsched.plan(g).method("rpo").run();
        BadInputException e3 = assertThrows(BadInputException.class, () -> Memsched.save(p, dir.resolve("x.pb")));
        assertTrue(e3.getMessage().contains("use .onnx"), e3.getMessage());
        assertTrue(!Files.exists(out));
    }

    private static Map<ModelFields.Entry, Integer> counts(List<ModelFields.Entry> entries) {
        Map<ModelFields.Entry, Integer> m = new HashMap<>();
        entries.forEach(e -> m.merge(e, 1, Integer::sum));
        return m;
    }
}
