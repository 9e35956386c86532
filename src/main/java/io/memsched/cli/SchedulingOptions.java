package io.memsched.cli;

import io.memsched.graph.BadInputException;
import io.memsched.registry.Registry;
import io.memsched.memory.MemoryModel;
import io.memsched.schedule.SchedulerOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The scheduling options shared by {@code schedule} and {@code bench}. */
final class SchedulingOptions {
    @Option(names = "--time-limit", paramLabel = "S", description = "Time limit per graph and method in seconds (default: ${DEFAULT-VALUE}).",
            defaultValue = "60")
    double timeLimit;

    @Option(names = "--memory-model", paramLabel = "M", description = "default or inplace (default: ${DEFAULT-VALUE}).",
            defaultValue = "default")
    String memoryModel;

    @Option(names = "--seed", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--threads", description = "Solver threads (default: all cores).")
    Integer threads;

    SchedulerOptions toOptions() {
        if (!(timeLimit > 0) || Double.isInfinite(timeLimit)) {
            throw new BadInputException("--time-limit must be a positive number of seconds, was " + timeLimit);
        }
        SchedulerOptions o = SchedulerOptions.defaults()
                .withMemoryModel(Registry.memoryModel(memoryModel))
                .withTimeLimit(Duration.ofNanos((long) (timeLimit * 1e9)))
                .withSeed(seed);
        if (threads != null) {
            if (threads < 1) {
                throw new BadInputException("--threads must be at least 1, was " + threads);
            }
            o = o.withThreads(threads);
        }
        return o;
    }
}
