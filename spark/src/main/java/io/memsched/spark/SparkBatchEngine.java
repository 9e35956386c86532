package io.memsched.spark;

import io.memsched.batch.BatchEngine;
import io.memsched.batch.BatchJob;
import io.memsched.batch.BatchProgress;
import io.memsched.batch.BatchResult;
import io.memsched.batch.BatchRow;
import io.memsched.batch.BatchTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Runs a batch as one Spark job: the job is broadcast, every graph is one task ({@link BatchTask#run}; or
 * {@link BatchJob#graphsPerTask()} consecutive graphs per task), the rows are collected on the driver in job order. A task never fails for a graph (its error is its row), so Spark's retries only
 * cover lost executors. Master: the job's ({@code --master}); when it is empty, the one spark-submit set, else
 * {@code local[*]}. Spark's console progress bar is off (the engine reports progress itself); the UI runs as usual.
 */
public final class SparkBatchEngine implements BatchEngine {
    /** The system property naming a jar with memsched for the executors of a cluster (set by the launcher). */
    public static final String JAR_PROPERTY = "memsched.spark.jar";

    private SparkSession session;
    private final SparkConf extra;

    /** The engine with Spark's defaults (and whatever spark-submit set). */
    public SparkBatchEngine() {
        this(new SparkConf(false));
    }

    /** The engine with extra Spark settings (tests: {@code spark.ui.enabled=false}, ...). */
    public SparkBatchEngine(SparkConf extra) {
        this.extra = extra.clone();
    }

    @Override
    public String id() {
        return "spark";
    }

    @Override
    public String description() {
        return "Apache Spark: local[*] in this JVM, or a cluster (--master spark://host:port)";
    }

    /** The session, started on first use with {@code master} (empty: spark-submit's or {@code local[*]}). */
    synchronized SparkSession session(String master) {
        if (session == null) {
            SparkConf conf = new SparkConf(true);   // picks up spark-submit's spark.* system properties
            if (!master.isEmpty()) {
                conf.setMaster(master);
            } else if (!conf.contains("spark.master")) {
                conf.setMaster("local[*]");
            }
            conf.setIfMissing("spark.app.name", "memsched batch");
            conf.set("spark.ui.showConsoleProgress", "false");
            String jar = System.getProperty(JAR_PROPERTY, "");
            if (!jar.isEmpty() && !conf.get("spark.master").startsWith("local") && !conf.contains("spark.jars")) {
                conf.set("spark.jars", jar);
            }
            for (scala.Tuple2<String, String> kv : extra.getAll()) {
                conf.set(kv._1(), kv._2());
            }
            session = SparkSession.builder().config(conf).getOrCreate();
        }
        return session;
    }

    /** The Spark UI's address, when it runs. */
    public synchronized String uiUrl() {
        return session == null ? "" : session.sparkContext().uiWebUrl().getOrElse(() -> "");
    }

    @Override
    public BatchResult run(BatchJob job, BatchProgress progress) {
        SparkSession spark = session(job.master());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int n = job.size();
        if (n == 0) {
            return new BatchResult(List.of(), true);
        }
        String group = "memsched-batch-" + System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        int per = job.graphsPerTask();
        SparkListener listener = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.taskInfo().successful()) {
                    progress.done(Math.min(n, done.addAndGet(per)), n);
                }
            }
        };
        spark.sparkContext().addSparkListener(listener);
        jsc.setJobGroup(group, "memsched batch: " + n + " graphs", true);
        try {
            Broadcast<BatchJob> shared = jsc.broadcast(job);
            // task k schedules graphs k*per .. k*per+per-1, one after another
            int tasks = (n + per - 1) / per;
            List<Integer> starts = IntStream.range(0, tasks).map(k -> k * per).boxed().toList();
            JavaFutureAction<List<BatchRow>> rows = jsc.parallelize(starts, tasks)
                    .flatMap(start -> IntStream.range(start, Math.min(start + per, shared.value().size()))
                            .mapToObj(i -> BatchTask.run(shared.value(), i)).iterator())
                    .collectAsync();
            try {
                List<BatchRow> all = new ArrayList<>(rows.get());
                all.sort(Comparator.comparingInt(BatchRow::index));
                return new BatchResult(all, true);
            } catch (InterruptedException e) {
                jsc.cancelJobGroup(group);
                Thread.currentThread().interrupt();
                return new BatchResult(List.of(), false);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the Spark job failed: " + e.getCause(), e.getCause());
            }
        } finally {
            jsc.clearJobGroup();
            spark.sparkContext().removeSparkListener(listener);
        }
    }

    @Override
    public boolean writesParquet() {
        return true;
    }

    /** Writes the rows as one Parquet file in {@code dir} (written next to it, then moved into place). */
    @Override
    public void writeParquet(List<BatchRow> rows, Path dir) {
        SparkSession spark = session("");
        StructType schema = new StructType()
                .add("graph", DataTypes.StringType, false)
                .add("architecture", DataTypes.StringType, false)
                .add("ops", DataTypes.IntegerType, true)
                .add("method", DataTypes.StringType, false)
                .add("memory_model", DataTypes.StringType, false)
                .add("peak", DataTypes.LongType, true)
                .add("lower_bound", DataTypes.LongType, true)
                .add("optimal", DataTypes.BooleanType, true)
                .add("status", DataTypes.StringType, false)
                .add("arena", DataTypes.LongType, true)
                .add("seconds", DataTypes.DoubleType, false)
                .add("error", DataTypes.StringType, false);
        List<Row> data = rows.stream().map(r -> RowFactory.create(r.graph(), r.architecture(), r.ops(), r.method(),
                r.memoryModel(), r.peak(), r.lowerBound(), r.optimal(), r.status(), r.arena(), r.seconds(),
                r.error())).toList();
        Path abs = dir.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
        try {
            deleteTree(tmp);
            spark.createDataFrame(data, schema).coalesce(1).write().mode(SaveMode.Overwrite)
                    .parquet(tmp.toUri().toString());
            deleteTree(abs);
            Files.move(tmp, abs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    /** Stops the Spark session, if this engine started one. */
    @Override
    public synchronized void close() {
        if (session != null) {
            session.stop();
            session = null;
        }
    }
}
