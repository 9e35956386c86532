package io.memsched;

import io.memsched.batch.BatchEngine;
import io.memsched.batch.BatchEngines;
import io.memsched.batch.BatchInputs;
import io.memsched.batch.BatchJob;
import io.memsched.batch.BatchProgress;
import io.memsched.batch.BatchResult;
import io.memsched.batch.BatchSettings;
import io.memsched.batch.BatchTask;
import io.memsched.batch.GraphSource;
import io.memsched.graph.BadInputException;
import io.memsched.report.BatchTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * A batch of graphs scheduled one by one with the same options, as one job ({@link Memsched#batch()}); the result
 * is a table with one row per graph (columns of {@link io.memsched.batch.BatchRow#COLUMNS}).
 * <pre>{@code
 * Table t = Memsched.batch().space("nasbench201").sample(200, 1)
 *         .method("best").memoryModel("inplace").timeLimit(Duration.ofSeconds(10)).run();
 * }</pre>
 */
public final class Batch {
    private Batch() {
    }

    /** Collects the graphs and options of a batch; {@link #run()} runs it. */
    public static final class Builder {
        private final List<GraphSource> graphs = new ArrayList<>();
        private BatchSettings settings = BatchSettings.defaults();
        private String engine;
        private String master = System.getenv().getOrDefault("SPARK_MASTER", "");
        private BatchProgress progress = BatchProgress.NONE;

        Builder() {
        }

        /** Graph files, directories, globs or zoo names, as {@code memsched batch} takes them. */
        public Builder inputs(String... inputs) {
            graphs.addAll(BatchInputs.of(List.of(inputs)));
            return this;
        }

        /** Zoo networks by name. */
        public Builder zoo(String... names) {
            for (String n : names) {
                graphs.add(GraphSource.zoo(n));
            }
            return this;
        }

        /** A whole generated space: {@code nasbench201} (15,625 networks). */
        public Builder space(String space) {
            return space(space, null, null, 0);
        }

        /** The first {@code limit} networks of {@code nasbench201}. */
        public Builder space(String space, int limit) {
            return space(space, limit, null, 0);
        }

        /** {@code sample} networks of {@code nasbench201} drawn with {@code seed} (in index order). */
        public Builder sample(String space, int sample, long seed) {
            return space(space, null, sample, seed);
        }

        private Builder space(String space, Integer limit, Integer sample, long seed) {
            if (!"nasbench201".equals(space)) {
                throw new BadInputException("unknown space '" + space + "' here (nasbench201; RandWire seeds with"
                        + " randwire(from, to))");
            }
            graphs.addAll(BatchInputs.nasbench201(limit, sample, seed));
            return this;
        }

        /** RandWire WS small-regime networks of graph seeds {@code from} to {@code to}. */
        public Builder randwire(long from, long to) {
            graphs.addAll(BatchInputs.randwire(from, to));
            return this;
        }

        /** The scheduler ({@code best} by default). */
        public Builder method(String id) {
            settings = settings.withMethod(Objects.requireNonNull(id, "id"));
            return this;
        }

        /** The memory model id ({@code default} or {@code inplace}). */
        public Builder memoryModel(String id) {
            settings = settings.withMemoryModel(Objects.requireNonNull(id, "id"));
            return this;
        }

        /** The time limit per graph (60 s by default). */
        public Builder timeLimit(Duration limit) {
            settings = settings.withTimeLimitSeconds(limit.toNanos() / 1e9);
            return this;
        }

        /** The solver backend of the methods that solve ({@code cpsat} by default). */
        public Builder solver(String id) {
            settings = settings.withSolver(Objects.requireNonNull(id, "id"));
            return this;
        }

        /** Solver threads per graph (1 by default: the engine runs one graph per core). */
        public Builder threads(int n) {
            settings = settings.withThreads(n);
            return this;
        }

        /** Also plan each order's arena with this planner ({@code greedy}, {@code bestfit}, {@code exact}). */
        public Builder arena(String planner) {
            settings = settings.withArena(planner);
            return this;
        }

        /** The engine: {@code serial}, or {@code spark} (the default when the Spark module is on the class path). */
        public Builder engine(String id) {
            this.engine = Objects.requireNonNull(id, "id");
            return this;
        }

        /** The Spark master ({@code SPARK_MASTER}, else spark-submit's, else {@code local[*]}). */
        public Builder master(String url) {
            this.master = Objects.requireNonNull(url, "url");
            return this;
        }

        /** Receives the number of graphs done as the batch runs. */
        public Builder progress(BatchProgress listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Runs the batch; one row per graph, in the order the graphs were added. */
        public Table run() {
            if (graphs.isEmpty()) {
                throw new BadInputException("a batch needs at least one graph");
            }
            BatchTask.validate(settings);
            try (BatchEngine e = engine == null ? BatchEngines.preferred() : BatchEngines.get(engine)) {
                BatchResult r = e.run(new BatchJob(graphs, settings, Memsched::load, master), progress);
                return BatchTable.of("batch", r.rows());
            }
        }
    }
}
