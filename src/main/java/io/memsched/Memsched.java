package io.memsched;

import io.memsched.graph.Graph;
import io.memsched.arena.ArenaPlan;
import io.memsched.registry.Registry;
import io.memsched.run.ProgressListener;
import io.memsched.report.Comparison;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.zoo.Zoo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The front door of memsched: load a graph, plan it (passes, method, limits), compare methods, save the result.
 * <pre>{@code
 * import io.memsched.*;
 * Graph g = Memsched.load("examples/models/darts_cifar.onnx");
 * Plan p = Memsched.plan(g).memoryModel(MemoryModel.INPLACE).passes(Passes.serenity(), Passes.fusion())
 *         .method("best").solver("cpsat").timeLimit(Duration.ofSeconds(60)).run();
 * p.peakBytes(); p.optimal(); p.timeline(); p.compare("program", "rpo", "hmcos"); p.report().save(Path.of("darts.html"));
 * Memsched.save(p.graph(), Path.of("darts-rewritten.json"));
 * }</pre>
 * Architecture and contracts: {@code docs/ARCHITECTURE.md}.
 */
public final class Memsched {
    private Memsched() {
    }

    /** The graph in {@code file} ({@code .onnx}, or {@code memsched-graph/1} JSON). */
    public static Graph load(Path file) {
        return GraphFiles.read(Objects.requireNonNull(file, "file"));
    }

    /** The graph in the file at {@code path}. */
    public static Graph load(String path) {
        return load(Path.of(Objects.requireNonNull(path, "path")));
    }

    /** The built-in network called {@code name} ({@code memsched zoo} lists them). */
    public static Graph zoo(String name) {
        return Zoo.get(name);
    }

    /** Writes {@code graph} to {@code file}, in the format its extension names ({@code .json}). */
    public static void save(Graph graph, Path file) {
        GraphFiles.write(Objects.requireNonNull(graph, "graph"), Objects.requireNonNull(file, "file"));
    }

    /**
     * Writes {@code plan} back into the model its graph was read from, as {@code file}: for {@code .onnx} the same
     * model with its nodes in the plan's order and the plan in its metadata (docs/ARCHITECTURE.md, "Writing the
     * plan back"). Refused (a {@code BadInputException}) when the graph was not read from a model of that format or
     * a pass rewrote it.
     */
    public static void save(Plan plan, Path file) {
        Objects.requireNonNull(plan, "plan");
        GraphFiles.writePlan(plan.graph(), plan.result(), Optional.empty(), Objects.requireNonNull(file, "file"));
    }

    /** {@link #save(Plan, Path)} with the arena layout {@code arena} of the plan's order recorded as well. */
    public static void save(Plan plan, ArenaPlan arena, Path file) {
        Objects.requireNonNull(plan, "plan");
        GraphFiles.writePlan(plan.graph(), plan.result(), Optional.of(Objects.requireNonNull(arena, "arena")),
                Objects.requireNonNull(file, "file"));
    }

    /**
     * {@link #save(Plan, Path)} for a result made without a {@link Plan} (the command line): the order of
     * {@code result} on {@code graph}, with the arena layout when given.
     */
    public static void save(Graph graph, ScheduleResult result, Optional<ArenaPlan> arena, Path file) {
        GraphFiles.writePlan(Objects.requireNonNull(graph, "graph"), Objects.requireNonNull(result, "result"),
                Objects.requireNonNull(arena, "arena"), Objects.requireNonNull(file, "file"));
    }

    /** The memsched version ({@code dev} outside a built jar). */
    public static String version() {
        return GraphFiles.version();
    }

    /** Starts a plan of {@code graph}: set passes, method and limits on the builder, then {@code run()}. */
    public static Plan.Builder plan(Graph graph) {
        return new Plan.Builder(graph);
    }

    /**
     * Starts a batch: many graphs (files, zoo names, a search space) scheduled with the same options, one row each;
     * {@code run()} gives the table. Runs on Spark when its module is on the class path, else in this thread.
     */
    public static Batch.Builder batch() {
        return new Batch.Builder();
    }

    /** The methods {@code methods} (every registered one when none are given) on {@code graph}, default options. */
    public static Comparison compare(Graph graph, String... methods) {
        return compare(graph, SchedulerOptions.defaults(), methods.length == 0 ? Registry.schedulers().ids()
                : List.of(methods));
    }

    /**
     * The methods {@code methods} on {@code graph} with {@code options}, in the order given. Progress goes to the
     * options' listener, else to the {@link ProgressListener#ambient() ambient} one (a notebook's progress line).
     */
    public static Comparison compare(Graph graph, SchedulerOptions options, List<String> methods) {
        SchedulerOptions o = withProgress(options, false);
        List<ScheduleResult> rs = new ArrayList<>();
        for (String m : methods) {
            rs.add(schedule(graph, m, o));
        }
        return new Comparison(graph, options, rs);
    }

    /** {@code options} with its listener, or the ambient one when it has none and {@code explicit} is false. */
    static SchedulerOptions withProgress(SchedulerOptions options, boolean explicit) {
        return explicit || options.progress() != ProgressListener.NONE ? options
                : options.withProgress(ProgressListener.ambient());
    }

    /** Runs {@code method} on {@code graph}, telling the options' listener when it starts, its stages and its end. */
    static ScheduleResult schedule(Graph graph, String method, SchedulerOptions options) {
        ProgressListener p = options.progress();
        p.started(graph.name(), method);
        ScheduleResult r = Registry.scheduler(method, options.withClock(p.stagesOf(options.clock(), method)))
                .schedule(graph);
        p.finished(graph.name(), method, r.status(), r.peakBytes(), r.seconds());
        return r;
    }
}
