package io.memsched.cli;

import io.memsched.Memsched;
import io.memsched.batch.BatchEngine;
import io.memsched.batch.BatchEngines;
import io.memsched.batch.BatchInputs;
import io.memsched.batch.BatchJob;
import io.memsched.batch.BatchResult;
import io.memsched.batch.BatchRow;
import io.memsched.batch.BatchSettings;
import io.memsched.batch.BatchTask;
import io.memsched.batch.GraphSource;
import io.memsched.graph.BadInputException;
import io.memsched.report.BatchTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/**
 * {@code memsched batch}: schedules many graphs (files, zoo names, a generated space) with the same options as one
 * job, on Spark ({@code local[*]} or a cluster) or in this thread; one row per graph, as CSV (and Parquet).
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Schedule many graphs as one job (one row per graph): graph files (file, directory, glob),"
                + " zoo names, or a generated space. Runs on Apache Spark (in-process local[*] by default) when the"
                + " launcher puts the Spark module on the class path, else one graph after another.",
            "Without --out, prints the rows as CSV; progress goes to stderr. A graph that fails is a row with its"
                + " error."})
final class BatchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "INPUT", description = "Graph file (.onnx, .json, .tflite), directory,"
            + " glob (quote it) or zoo name.")
    List<String> inputs = List.of();

    @Option(names = "--space", paramLabel = "SPACE", description = "A generated space: nasbench201 (15,625 cell"
            + " networks) or randwire (with --seeds).")
    String space;

    @Option(names = "--limit", paramLabel = "N", description = "nasbench201: only the first N architectures.")
    Integer limit;

    @Option(names = "--sample", paramLabel = "N", description = "nasbench201: N architectures drawn with --seed"
            + " (kept in index order).")
    Integer sample;

    @Option(names = "--seeds", paramLabel = "A..B", description = "randwire: graph seeds A to B.")
    String seeds;

    @Option(names = {"-m", "--method"}, description = "Method (default: ${DEFAULT-VALUE}).", defaultValue = "best")
    String method;

    @Option(names = "--solver", paramLabel = "S", description = "Solver backend of the methods that solve: cpsat or"
            + " ojalgo (default: ${DEFAULT-VALUE}).", defaultValue = "cpsat")
    String solver;

    @Option(names = "--arena", paramLabel = "P", description = "Also plan each order's arena: greedy, bestfit or"
            + " exact (the arena column).")
    String arena;

    @Option(names = "--engine", paramLabel = "E", description = "spark (the default when the Spark module is on the"
            + " class path) or serial (one graph after another in this JVM).")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[*] (default, in-process),"
            + " local[N], spark://host:port (default: $SPARK_MASTER, else local[*]).")
    String master;

    @Option(names = "--graphs-per-task", paramLabel = "K", description = "Spark: graphs one task schedules one after"
            + " another (default: ${DEFAULT-VALUE}, one task per graph; more amortises Spark's per-task cost over"
            + " graphs that schedule in milliseconds).", defaultValue = "1")
    int graphsPerTask;

    @Option(names = "--out", paramLabel = "DIR", description = "Write DIR/results.csv and DIR/results.parquet"
            + " (Spark engine) instead of printing the CSV.")
    Path out;

    @Mixin
    SchedulingOptions scheduling;

    @Override
    public Integer call() {
        List<GraphSource> graphs = graphs();
        if (graphs.isEmpty()) {
            throw new BadInputException("batch needs graphs: INPUT..., --space nasbench201 or --space randwire"
                    + " --seeds A..B");
        }
        BatchSettings settings = new BatchSettings(method, scheduling.memoryModel, scheduling.timeLimit, solver,
                scheduling.seed, scheduling.threads == null ? 1 : scheduling.threads, arena);
        BatchTask.validate(settings);
        String url = master != null ? master : System.getenv().getOrDefault("SPARK_MASTER", "");
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException(out + ": --out must be a directory");
        }
        try (BatchEngine e = engine == null ? BatchEngines.preferred() : BatchEngines.get(engine)) {
            return run(e, graphs, settings, url);
        }
    }

    private int run(BatchEngine e, List<GraphSource> graphs, BatchSettings settings, String url) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("memsched batch: " + graphs.size() + " graphs, method " + method + ", memory model "
                + scheduling.memoryModel + ", time limit " + scheduling.timeLimit + " s, engine " + e.id()
                + (e.id().equals("serial") ? "" : " (" + (url.isEmpty() ? "default master" : url) + ")"));
        BatchJob job = new BatchJob(graphs, settings, Memsched::load, url, graphsPerTask);
        ProgressLine progress = new ProgressLine(err);
        BatchResult result;
        try (InterruptOnSignal signal = InterruptOnSignal.install(Duration.ofSeconds(5))) {
            result = e.run(job, progress);
            if (!result.complete() || signal.stopRequested()) {
                err.println("memsched: interrupted after " + result.rows().size() + " of " + graphs.size()
                        + " graphs; nothing written");
                return 130;
            }
        }
        progress.finish(result.rows().size(), graphs.size());
        double seconds = progress.seconds();
        List<BatchRow> rows = result.rows();
        Table t = BatchTable.of("batch", rows);
        if (out == null) {
            var w = spec.commandLine().getOut();
            w.print(csv(t));
            w.flush();
            err.println(summary(rows, seconds));
            return 0;
        }
        write(e, rows, t);
        var w = spec.commandLine().getOut();
        w.println(summary(rows, seconds));
        w.println("wrote " + out.resolve("results.csv")
                + (e.writesParquet() ? " and " + out.resolve("results.parquet") : " (no Parquet: engine " + e.id()
                + " does not write it; run with the Spark engine)"));
        return 0;
    }

    private List<GraphSource> graphs() {
        List<GraphSource> graphs = new ArrayList<>(BatchInputs.of(inputs));
        if (space == null) {
            if (limit != null || sample != null || seeds != null) {
                throw new BadInputException("--limit, --sample and --seeds need --space");
            }
            return graphs;
        }
        switch (space) {
            case "nasbench201" -> {
                if (seeds != null) {
                    throw new BadInputException("--seeds is for --space randwire (nasbench201 takes --limit, --sample)");
                }
                graphs.addAll(BatchInputs.nasbench201(limit, sample, scheduling.seed));
            }
            case "randwire" -> {
                if (seeds == null || limit != null || sample != null) {
                    throw new BadInputException("--space randwire takes --seeds A..B (and no --limit or --sample)");
                }
                long[] r = BatchInputs.seedRange(seeds);
                graphs.addAll(BatchInputs.randwire(r[0], r[1]));
            }
            default -> throw new BadInputException("unknown --space '" + space + "' (use "
                    + String.join(" or ", BatchInputs.SPACES) + ")");
        }
        return graphs;
    }

    private void write(BatchEngine e, List<BatchRow> rows, Table t) {
        try {
            Files.createDirectories(out);
            Path csv = out.resolve("results.csv");
            Path tmp = out.resolve(".results.csv.tmp");
            Files.writeString(tmp, csv(t));
            if (e.writesParquet()) {
                e.writeParquet(rows, out.resolve("results.parquet"));
            }
            Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The table as CSV: a header of the column names, one line per row, missing values empty. */
    static String csv(Table t) {
        StringWriter w = new StringWriter();
        t.write().csv(w);
        String s = w.toString();
        return s.endsWith("\n") ? s : s + "\n";
    }

    static String summary(List<BatchRow> rows, double seconds) {
        long optimal = rows.stream().filter(r -> Boolean.TRUE.equals(r.optimal())).count();
        long failed = rows.stream().filter(BatchRow::failed).count();
        return String.format(Locale.ROOT, "%d graphs: %d proven optimal (%.1f%%), %d failed; %.1f s, %.2f graphs/s",
                rows.size(), optimal, rows.isEmpty() ? 0.0 : 100.0 * optimal / rows.size(), failed, seconds,
                seconds > 0 ? rows.size() / seconds : 0.0);
    }

    /** Progress on stderr: graphs done, rate, ETA; at most one line every two seconds, and the last one. */
    static final class ProgressLine implements io.memsched.batch.BatchProgress {
        private final PrintWriter err;
        private final long start = System.nanoTime();
        private long lastPrint = start;
        private int done;
        private int total;

        ProgressLine(PrintWriter err) {
            this.err = err;
        }

        @Override
        public synchronized void done(int doneNow, int totalNow) {
            this.done = doneNow;
            this.total = totalNow;
            long now = System.nanoTime();
            if (now - lastPrint >= 2_000_000_000L) {
                lastPrint = now;
                err.println(line());
                err.flush();
            }
        }

        /**
         * The last line, with the counts of the finished result (an engine may report its last {@link #done} from
         * another thread, after the result is back).
         */
        synchronized void finish(int doneNow, int totalNow) {
            done = doneNow;
            total = totalNow;
            if (total > 0) {
                err.println(line());
                err.flush();
            }
        }

        double seconds() {
            return (System.nanoTime() - start) / 1e9;
        }

        synchronized String line() {
            double s = seconds();
            double rate = s > 0 ? done / s : 0;
            String eta = rate > 0 && done < total ? ", ETA " + duration((total - done) / rate) : "";
            return String.format(Locale.ROOT, "batch: %d/%d graphs (%.1f%%), %.2f graphs/s%s", done, total,
                    total == 0 ? 0.0 : 100.0 * done / total, rate, eta);
        }

        static String duration(double seconds) {
            long s = Math.round(seconds);
            return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                    : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
        }
    }
}
