package io.memsched.io;

import io.memsched.Memsched;

import io.memsched.cli.Main;
import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.registry.Registry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What every reader input must do (issue 8): load into a valid graph (which then round-trips through JSON and
 * schedules to an order the simulator accepts; an ONNX model is also written back with that order, and the written
 * model re-imports with the order as its program order and the same peak) or be refused with an
 * {@link IllegalArgumentException} carrying a message; nothing else, within a time limit. A failing input is saved
 * under {@code target/fuzz-failures/}.
 */
final class ReaderOracle implements AutoCloseable {
    /** How an input ended. */
    enum Outcome { LOADED, REFUSED }

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(null, r, "fuzz-reader", 64L << 20);
        t.setDaemon(true);
        return t;
    });
    private final long timeoutMillis;

    ReaderOracle(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** Checks the file; an {@link AssertionError} naming the saved input when the contract is broken. */
    Outcome check(Path file) {
        Future<Outcome> f = worker.submit(() -> readAndUse(file));
        try {
            return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw failure(file, "no answer within " + timeoutMillis + " ms", null);
        } catch (ExecutionException e) {
            throw failure(file, "threw " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static Outcome readAndUse(Path file) {
        Graph g;
        try {
            g = Memsched.load(file);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new IllegalStateException("refused without a message", e);
            }
            return Outcome.REFUSED;
        }
        Graph back = GraphJson.parse(GraphJson.write(g), "round trip");
        if (!back.withName(g.name()).equals(g)) {
            throw new IllegalStateException("JSON round trip changed the graph");
        }
        for (MemoryModel m : new MemoryModel[] {MemoryModel.DEFAULT, MemoryModel.INPLACE}) {
            ScheduleResult r = Registry.scheduler("greedy", SchedulerOptions.defaults().withMemoryModel(m)).schedule(g);
            long peak = MemorySimulator.peak(g, m, r.schedule().indicesIn(g));
            if (peak != r.peakBytes()) {
                throw new IllegalStateException("greedy peak " + r.peakBytes() + " but simulated " + peak);
            }
            if (file.getFileName().toString().endsWith(".onnx")) {
                checkWriteBack(file, g, r, m);
            }
        }
        return Outcome.LOADED;
    }

    /** The plan written into the model re-imports with its order as the program order and the same peak. */
    private static void checkWriteBack(Path file, Graph g, ScheduleResult r, MemoryModel m) {
        Path out = file.resolveSibling(file.getFileName() + ".written.onnx");
        try {
            Memsched.save(g, r, java.util.Optional.empty(), out);
            Graph back = Memsched.load(out);
            if (!back.ops().stream().map(o -> o.name()).toList().equals(r.schedule().opNames())) {
                throw new IllegalStateException("the written model's node order is not the plan's");
            }
            long peak = MemorySimulator.peak(back, m, java.util.stream.IntStream.range(0, back.opCount()).toArray());
            if (peak != r.peakBytes()) {
                throw new IllegalStateException("written model's program peak " + peak + ", plan " + r.peakBytes());
            }
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Runs {@code memsched schedule FILE} in-process: exit 0, or exit 2 with exactly one line on stderr that
     * does not look like a stack trace.
     */
    static void checkCli(Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        boolean onnx = file.getFileName().toString().endsWith(".onnx");
        Path written = file.resolveSibling(file.getFileName() + ".cli.onnx");
        String[] args = onnx ? new String[] {"schedule", "--method", "greedy", file.toString(), "--write",
            written.toString()} : new String[] {"schedule", "--method", "program", file.toString()};
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        try {
            Files.deleteIfExists(written);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        String e = err.toString();
        boolean ok = code == 0 || code == 2 && e.endsWith("\n") && e.indexOf('\n') == e.length() - 1
                && e.startsWith("memsched: ") && !e.contains("\tat ");
        if (!ok) {
            throw failure(file, "CLI exit " + code + ", stderr: " + e, null);
        }
    }

    static AssertionError failure(Path file, String what, Throwable cause) {
        String saved = save(file);
        return new AssertionError("reader contract broken by input " + saved + ": " + what, cause);
    }

    private static String save(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            String ext = name.contains(".") ? name.substring(name.lastIndexOf('.')) : "";
            String hash = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b), 0, 6);
            Path dir = Path.of("target", "fuzz-failures");
            Files.createDirectories(dir);
            Path out = dir.resolve("crash-" + hash + ext);
            Files.write(out, b);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
