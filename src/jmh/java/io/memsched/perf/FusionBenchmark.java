package io.memsched.perf;

import io.memsched.registry.Registry;
import io.memsched.fusion.Fusion;
import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import io.memsched.zoo.Zoo;
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

/** The default fusion pipeline to its fixpoint on a zoo network, milliseconds per run. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class FusionBenchmark {
    @Param({"darts-cifar", "randwire-ws-small"})
    public String graph;

    @Param({"default", "inplace"})
    public String memoryModel;

    Graph g;
    MemoryModel model;

    @Setup
    public void setup() {
        g = Zoo.get(graph);
        model = Registry.memoryModel(memoryModel);
    }

    @Benchmark
    public Object fuse() {
        return Fusion.fuse(g, model);
    }
}
