package io.memsched.perf;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.Scheduler;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.registry.Registry;
import io.memsched.zoo.Zoo;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each scheduler on a mid-size graph (default: darts-cifar, 725 operators, in-place model), milliseconds per
 * schedule. Searches that reach their time limit (5 s here) measure the limit; pick methods with
 * {@code -p method=hmcos,greedy} and graphs with {@code -p graph=...}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SchedulerBenchmark {
    @Param({"program", "rpo", "greedy", "dfs", "lpmf", "hmcos", "dp", "ilp", "best"})
    public String method;

    @Param({"darts-cifar"})
    public String graph;

    Graph g;
    Scheduler scheduler;

    @Setup
    public void setup() {
        g = Zoo.get(graph);
        SchedulerOptions o = SchedulerOptions.defaults().withMemoryModel(MemoryModel.INPLACE)
                .withTimeLimit(Duration.ofSeconds(5));
        scheduler = Registry.scheduler(method, o);
    }

    @Benchmark
    public ScheduleResult schedule() {
        return scheduler.schedule(g);
    }
}
