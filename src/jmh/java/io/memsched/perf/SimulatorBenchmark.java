package io.memsched.perf;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.registry.Registry;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The shared simulator: peak of the program order of a zoo network, in simulations per second. Operators per
 * second = score x operators of the graph (printed by the setup: nasnet-cifar 786, randwire-ws-small 402).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SimulatorBenchmark {
    @Param({"nasnet-cifar", "randwire-ws-small"})
    public String graph;

    Graph g;
    int[] order;

    @Setup
    public void setup() {
        g = Zoo.get(graph);
        order = Registry.scheduler("rpo", SchedulerOptions.defaults()).schedule(g).schedule().indicesIn(g);
        System.out.println(graph + ": " + g.opCount() + " operators per simulation");
    }

    @Benchmark
    public void peakDefault(Blackhole bh) {
        bh.consume(MemorySimulator.peak(g, MemoryModel.DEFAULT, order));
    }

    @Benchmark
    public void peakInplace(Blackhole bh) {
        bh.consume(MemorySimulator.peak(g, MemoryModel.INPLACE, order));
    }

    @Benchmark
    public void fullTimeline(Blackhole bh) {
        bh.consume(MemorySimulator.simulate(g, MemoryModel.DEFAULT, order));
    }
}
