package io.memsched.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.Memsched;
import io.memsched.batch.BatchInputs;
import io.memsched.batch.BatchJob;
import io.memsched.batch.BatchProgress;
import io.memsched.batch.BatchResult;
import io.memsched.batch.BatchRow;
import io.memsched.batch.BatchSettings;
import io.memsched.batch.GraphSource;
import io.memsched.batch.SerialEngine;
import io.memsched.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark engine on local[2] in this JVM: the same rows as the serial engine, failures as rows, Parquet, CLI. */
class SparkBatchEngineTest {
    static SparkConf quiet() {
        return new SparkConf(false).set("spark.ui.enabled", "false");
    }

    static List<Object> result(BatchRow r) {
        return Arrays.asList(r.index(), r.graph(), r.architecture(), r.ops(), r.method(), r.memoryModel(), r.peak(),
                r.lowerBound(), r.optimal(), r.status(), r.arena(), r.error());
    }

    static List<GraphSource> sample(Path dir) throws Exception {
        List<GraphSource> graphs = new ArrayList<>(BatchInputs.nasbench201(null, 6, 3));
        graphs.add(GraphSource.zoo("toy-cell"));
        graphs.add(GraphSource.file("examples/models/darts_cifar.onnx"));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"memsched-graph/1\", \"tensors\": {\"x\": -4}}");
        graphs.add(2, GraphSource.file(bad.toString()));
        graphs.addAll(BatchInputs.randwire(1, 2));
        return graphs;
    }

    @Test
    void rowsEqualTheSerialEnginesInBothMemoryModelsAndTaskSizesWithFailuresAsRows(@TempDir Path dir) throws Exception {
        List<GraphSource> graphs = sample(dir);
        try (SparkBatchEngine spark = new SparkBatchEngine(quiet())) {
            for (String model : List.of("default", "inplace")) {
                // one task per graph, and (inplace) four graphs per task: 11 graphs, the last task has three
                int perTask = model.equals("default") ? 1 : 4;
                BatchJob job = new BatchJob(graphs, BatchSettings.defaults().withMemoryModel(model)
                        .withTimeLimitSeconds(30), Memsched::load, "local[2]", perTask);
                AtomicInteger last = new AtomicInteger();
                BatchResult distributed = spark.run(job, (done, total) -> {
                    assertEquals(graphs.size(), total);
                    assertTrue(done > last.get(), "progress only grows");
                    last.set(done);
                });
                BatchResult serial = new SerialEngine().run(job, BatchProgress.NONE);
                assertTrue(distributed.complete());
                assertEquals(graphs.size(), last.get(), "progress ends at every graph");
                assertEquals(graphs.size(), distributed.rows().size());
                for (int i = 0; i < graphs.size(); i++) {
                    assertEquals(result(serial.rows().get(i)), result(distributed.rows().get(i)), model + " row " + i);
                }
                BatchRow bad = distributed.rows().get(2);
                assertTrue(bad.failed() && bad.error().contains("bad.json"), bad.toString());
                assertEquals(graphs.size() - 1, distributed.rows().stream().filter(r -> !r.failed()).count());
            }
        }
    }

    @Test
    void parquetHoldsEveryRowWithTheTableColumns(@TempDir Path dir) throws Exception {
        List<GraphSource> graphs = sample(dir);
        try (SparkBatchEngine spark = new SparkBatchEngine(quiet())) {
            BatchJob job = new BatchJob(graphs, BatchSettings.defaults().withMethod("greedy").withArena("greedy"),
                    Memsched::load, "local[2]");
            BatchResult r = spark.run(job, BatchProgress.NONE);
            Path out = dir.resolve("results.parquet");
            spark.writeParquet(r.rows(), out);
            spark.writeParquet(r.rows(), out);   // replaces, never appends
            Dataset<Row> back = spark.session("").read().parquet(out.toString());
            assertEquals(BatchRow.COLUMNS, Arrays.asList(back.columns()));
            List<Row> rows = back.collectAsList();
            assertEquals(graphs.size(), rows.size());
            for (int i = 0; i < rows.size(); i++) {
                BatchRow expected = r.rows().get(i);
                assertEquals(expected.graph(), rows.get(i).getAs("graph"));
                assertEquals(expected.peak(), rows.get(i).getAs("peak"));
                assertEquals(expected.arena(), rows.get(i).getAs("arena"));
                assertEquals(expected.status(), rows.get(i).getAs("status"));
            }
            assertFalse(Files.exists(dir.resolve(".results.parquet.tmp")));
        }
    }

    @Test
    void theCommandLineFindsTheSparkEngineAndWritesCsvAndParquet(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path results = dir.resolve("out");
        int code = Main.run(new String[] {"batch", "--space", "nasbench201", "--sample", "5", "--seed", "2",
            "--master", "local[2]", "--memory-model", "inplace", "--time-limit", "20", "--out", results.toString()},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        assertTrue(err.toString().contains("engine spark (local[2])"), err.toString());
        assertTrue(err.toString().contains("batch: 5/5 graphs"), err.toString());
        List<String> csv = Files.readAllLines(results.resolve("results.csv"));
        assertEquals(String.join(",", BatchRow.COLUMNS), csv.get(0));
        assertEquals(6, csv.size());
        assertEquals(BatchInputs.nasbench201(null, 5, 2).stream().map(GraphSource::ref).toList(),
                csv.subList(1, 6).stream().map(l -> l.substring(0, l.indexOf(','))).toList());
        assertTrue(Files.isDirectory(results.resolve("results.parquet")));
        assertTrue(out.toString().contains("wrote"), out.toString());
    }
}
