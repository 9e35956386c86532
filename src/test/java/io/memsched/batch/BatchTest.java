package io.memsched.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memsched.Memsched;
import io.memsched.cli.Main;
import io.memsched.graph.BadInputException;
import io.memsched.io.GraphJson;
import io.memsched.zoo.NasBench201;
import io.memsched.zoo.Zoo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static BatchJob job(List<GraphSource> graphs, BatchSettings settings) {
        return new BatchJob(graphs, settings, Memsched::load, "");
    }

    /** Row fields that do not depend on timing. */
    static List<Object> result(BatchRow r) {
        return java.util.Arrays.asList(r.index(), r.graph(), r.architecture(), r.ops(), r.method(), r.memoryModel(),
                r.peak(), r.lowerBound(), r.optimal(), r.status(), r.arena(), r.error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "inplace"})
    void everyRowEqualsSingleGraphScheduleOfTheSameGraph(String model, @TempDir Path dir) throws Exception {
        List<GraphSource> graphs = new ArrayList<>(BatchInputs.nasbench201(null, 4, 11));
        graphs.add(GraphSource.zoo("toy-cell"));
        graphs.add(GraphSource.file("examples/models/darts_cifar.onnx"));
        graphs.add(GraphSource.file("examples/models/tflite/sine_float.tflite"));
        BatchSettings s = BatchSettings.defaults().withMemoryModel(model).withTimeLimitSeconds(30).withArena("greedy");
        BatchResult result = new SerialEngine().run(job(graphs, s), BatchProgress.NONE);
        assertTrue(result.complete());
        assertEquals(graphs.size(), result.rows().size());
        for (BatchRow r : result.rows()) {
            GraphSource src = graphs.get(r.index());
            String file = src.ref();
            if (src.kind() == GraphSource.Kind.ZOO) {
                file = dir.resolve(src.ref() + ".json").toString();
                GraphJson.write(Zoo.get(src.ref()), Path.of(file));
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new String[] {"schedule", file, "--json", "--method", "best", "--memory-model", model,
                "--threads", "1", "--time-limit", "30", "--arena", "greedy"}, new PrintWriter(out),
                    new PrintWriter(err));
            assertEquals(0, code, err.toString());
            JsonNode one = JSON.readTree(out.toString().strip());
            assertEquals("", r.error());
            assertEquals(one.get("peak").asLong(), r.peak(), r.graph());
            assertEquals(one.get("lowerBound").asLong(), r.lowerBound(), r.graph());
            assertEquals(one.get("optimal").asBoolean(), r.optimal(), r.graph());
            assertEquals(one.get("status").asText(), r.status(), r.graph());
            assertEquals(one.get("arena").asLong(), r.arena(), r.graph());
            assertEquals(src.architecture(), r.architecture());
        }
        assertTrue(result.rows().get(0).architecture().startsWith("|"), "NAS-Bench-201 rows carry their arch");
    }

    @Test
    void aGraphThatFailsIsARowWithItsErrorAndTheOthersStillRun(@TempDir Path dir) throws Exception {
        GraphJson.write(Zoo.get("tiny"), dir.resolve("a-good.json"));
        Files.writeString(dir.resolve("b-bad.json"), "{\"format\": \"memsched-graph/1\", \"tensors\": ");
        Files.writeString(dir.resolve("c-cycle.json"), """
                {"format": "memsched-graph/1", "name": "cycle", "tensors": {"a": 4, "b": 4}, "inputs": [],
                 "outputs": ["b"], "ops": [{"name": "x", "inputs": ["b"], "outputs": ["a"]},
                                           {"name": "y", "inputs": ["a"], "outputs": ["b"]}]}
                """);
        Files.writeString(dir.resolve("notes.txt"), "not a graph");
        List<GraphSource> graphs = BatchInputs.of(dir.toString());
        assertEquals(3, graphs.size(), "only .onnx/.json/.tflite files: " + graphs);
        BatchResult r = new SerialEngine().run(job(graphs, BatchSettings.defaults()), BatchProgress.NONE);
        assertTrue(r.complete());
        BatchRow good = r.rows().get(0);
        BatchRow bad = r.rows().get(1);
        BatchRow cycle = r.rows().get(2);
        assertEquals("OPTIMAL", good.status());
        assertEquals(Zoo.get("tiny").opCount(), good.ops());
        for (BatchRow failed : List.of(bad, cycle)) {
            assertTrue(failed.failed());
            assertEquals(BatchRow.ERROR, failed.status());
            assertNull(failed.peak());
            assertNull(failed.optimal());
            assertFalse(failed.error().isEmpty());
            assertFalse(failed.error().contains("\n"));
        }
        assertTrue(bad.error().contains("b-bad.json"), bad.error());
        assertTrue(cycle.error().contains("c-cycle.json"), cycle.error());
    }

    @Test
    void rowsComeInJobOrderAndAreTheSameOnEveryRun() {
        List<GraphSource> graphs = new ArrayList<>(BatchInputs.of(List.of("toy-cell", "tiny", "diamond")));
        graphs.addAll(BatchInputs.randwire(3, 4));
        graphs.addAll(BatchInputs.nasbench201(3, null, 0));
        BatchJob job = job(graphs, BatchSettings.defaults().withMethod("greedy"));
        List<Integer> reported = new ArrayList<>();
        BatchResult first = new SerialEngine().run(job, (done, total) -> {
            assertEquals(graphs.size(), total);
            reported.add(done);
        });
        BatchResult second = new SerialEngine().run(job, BatchProgress.NONE);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), reported);
        assertEquals(List.of("toy-cell", "tiny", "diamond", "randwire-ws-small-seed3", "randwire-ws-small-seed4",
                "nasbench201-000000", "nasbench201-000001", "nasbench201-000002"),
                first.rows().stream().map(BatchRow::graph).toList());
        for (int i = 0; i < graphs.size(); i++) {
            assertEquals(i, first.rows().get(i).index());
            assertEquals(result(first.rows().get(i)), result(second.rows().get(i)));
        }
    }

    @Test
    void anInterruptedRunStopsAndSaysSo() {
        BatchJob job = job(BatchInputs.nasbench201(5, null, 0), BatchSettings.defaults());
        Thread.currentThread().interrupt();
        try {
            BatchResult r = new SerialEngine().run(job, BatchProgress.NONE);
            assertFalse(r.complete());
            assertEquals(List.of(), r.rows());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void inputsResolveFilesDirectoriesGlobsZooNamesAndSpacesDeterministically() {
        List<GraphSource> glob = BatchInputs.of("examples/models/*_cifar.onnx");
        assertEquals(List.of("examples/models/amoebanet_cifar.onnx", "examples/models/darts_cifar.onnx",
                "examples/models/nasnet_cifar.onnx", "examples/models/pnas_cifar.onnx"),
                glob.stream().map(GraphSource::ref).toList());
        List<GraphSource> all = BatchInputs.of("examples/models");
        assertTrue(all.stream().allMatch(g -> BatchInputs.EXTENSIONS.stream().anyMatch(g.ref()::endsWith)),
                all.toString());
        assertTrue(all.stream().anyMatch(g -> g.ref().endsWith(".tflite")), "TFLite files too: " + all);
        assertTrue(all.contains(GraphSource.file("examples/models/darts_cifar.onnx")), "recursively: " + all);
        assertEquals(all.stream().map(GraphSource::ref).sorted().toList(), all.stream().map(GraphSource::ref).toList());
        assertEquals(List.of(GraphSource.zoo("nasbench201-334131")), BatchInputs.of("nasbench201-334131"));
        assertThrows(BadInputException.class, () -> BatchInputs.of("no-such-network"));
        assertThrows(BadInputException.class, () -> BatchInputs.of("examples/models/*.nothing"));

        assertEquals(NasBench201.SIZE, BatchInputs.nasbench201(null, null, 0).size());
        List<GraphSource> sample = BatchInputs.nasbench201(null, 50, 7);
        assertEquals(50, new HashSet<>(sample).size());
        assertEquals(sample, BatchInputs.nasbench201(null, 50, 7));
        assertNotEquals(sample, BatchInputs.nasbench201(null, 50, 8));
        List<Integer> idx = sample.stream().map(g -> NasBench201.ofName(g.ref()).orElseThrow().index()).toList();
        assertEquals(idx.stream().sorted().toList(), idx, "a sample comes in index order");
        assertEquals(10, BatchInputs.nasbench201(10, 20, 1).size(), "a sample of the first 10 has at most 10");
        assertThrows(BadInputException.class, () -> BatchInputs.nasbench201(0, null, 0));

        assertEquals(List.of("randwire-ws-small-seed5", "randwire-ws-small-seed6", "randwire-ws-small-seed7"),
                BatchInputs.randwire(5, 7).stream().map(GraphSource::ref).toList());
        assertEquals(List.of(1L, 100L), java.util.Arrays.stream(BatchInputs.seedRange("1..100")).boxed().toList());
        assertThrows(BadInputException.class, () -> BatchInputs.seedRange("1-100"));
        assertThrows(BadInputException.class, () -> BatchInputs.randwire(9, 3));
    }

    @Test
    void unknownIdsAreBadInputBeforeAnyGraphRuns() {
        assertThrows(BadInputException.class, () -> BatchTask.validate(BatchSettings.defaults().withMethod("nope")));
        assertThrows(BadInputException.class, () -> BatchTask.validate(BatchSettings.defaults().withMemoryModel("x")));
        assertThrows(BadInputException.class, () -> BatchTask.validate(BatchSettings.defaults().withArena("x")));
        assertThrows(BadInputException.class, () -> BatchSettings.defaults().withTimeLimitSeconds(0));
        assertThrows(BadInputException.class, () -> BatchEngines.get("nope"));
        assertEquals("serial", BatchEngines.get("serial").id());
    }
}
