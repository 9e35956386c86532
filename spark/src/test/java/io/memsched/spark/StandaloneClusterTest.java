package io.memsched.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster path: a Spark standalone master and one worker, each its own JVM on 127.0.0.1 started by the test
 * with the test class path, and a small batch run through them from this JVM as the driver (executors are a third
 * and fourth JVM the worker starts). The rows equal the serial engine's. The timeout only catches a hang.
 */
class StandaloneClusterTest {
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    static Process start(Path log, Path home, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(List.of(System.getProperty("memsched.test.jvm.options", "").split("\\s+")));
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.addAll(List.of(args));
        cmd.removeIf(String::isEmpty);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        // no Spark distribution here: SPARK_HOME is a scratch directory with an empty jars/, the Scala version is
        // given, and the executors get the test class path from the driver (spark.executor.extraClassPath)
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    static void awaitPort(int port) throws InterruptedException {
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
    }

    @Test
    void aSmallBatchRunsOnAStandaloneMasterAndWorker(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        Files.createDirectories(home.resolve("jars"));   // a Spark distribution's jar directory, empty here
        Process master = null;
        Process worker = null;
        try {
            master = start(dir.resolve("master.log"), home, "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort()));
            Process m = master;
            assertTimeoutPreemptively(Duration.ofMinutes(3), () -> awaitPort(port), () -> log(dir, "master.log"));
            worker = start(dir.resolve("worker.log"), home, "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--cores", "2", "--memory", "1g", "--webui-port",
                    String.valueOf(freePort()), "--work-dir", dir.resolve("work").toString(),
                    "spark://127.0.0.1:" + port);
            List<GraphSource> graphs = new ArrayList<>(BatchInputs.nasbench201(null, 4, 5));
            graphs.add(GraphSource.zoo("tiny"));
            graphs.add(GraphSource.file("no/such/file.onnx"));
            BatchJob job = new BatchJob(graphs, BatchSettings.defaults().withTimeLimitSeconds(30), Memsched::load,
                    "spark://127.0.0.1:" + port);
            SparkConf conf = new SparkConf(false).set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.executor.memory", "512m").set("spark.cores.max", "2")
                    .set("spark.executor.extraClassPath", classPath());
            BatchResult cluster = assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
                try (SparkBatchEngine spark = new SparkBatchEngine(conf)) {
                    BatchResult r = spark.run(job, BatchProgress.NONE);
                    assertTrue(spark.session("").sparkContext().master().startsWith("spark://"), "not local");
                    return r;
                }
            }, () -> log(dir, "master.log") + log(dir, "worker.log") + m.isAlive());
            BatchResult serial = new SerialEngine().run(job, BatchProgress.NONE);
            assertTrue(cluster.complete());
            assertEquals(graphs.size(), cluster.rows().size());
            for (int i = 0; i < graphs.size(); i++) {
                assertEquals(SparkBatchEngineTest.result(serial.rows().get(i)),
                        SparkBatchEngineTest.result(cluster.rows().get(i)), "row " + i);
            }
            BatchRow missing = cluster.rows().get(graphs.size() - 1);
            assertTrue(missing.failed() && missing.error().contains("no/such/file.onnx"), missing.toString());
            assertTrue(Files.exists(dir.resolve("work")) && dir.resolve("work").toFile().list().length > 0,
                    "the worker ran executors: " + log(dir, "worker.log"));
        } finally {
            for (Process p : new Process[] {worker, master}) {
                if (p != null) {
                    p.destroy();
                    if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
            }
        }
    }

    static String log(Path dir, String name) {
        try {
            File f = dir.resolve(name).toFile();
            return f.exists() ? "\n--- " + name + "\n" + Files.readString(f.toPath()) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
