package io.memsched.batch;

import io.memsched.graph.BadInputException;
import io.memsched.graph.Graph;
import io.memsched.arena.ArenaOptions;
import io.memsched.arena.ArenaPlan;
import io.memsched.registry.Registry;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.SchedulerOptions;
import java.time.Duration;

/**
 * One graph of a batch: load it, schedule it exactly as {@code memsched schedule} does with the same options
 * (the registry's scheduler, the shared simulator's peak, the arena planner on its order), and make its row. Never
 * throws for a graph: any failure becomes the row's error; an interrupt leaves the thread's flag set.
 */
public final class BatchTask {
    private BatchTask() {
    }

    /** The scheduler options of {@code settings}, as {@code memsched schedule} builds them from its options. */
    public static SchedulerOptions options(BatchSettings settings) {
        return SchedulerOptions.defaults()
                .withMemoryModel(Registry.memoryModel(settings.memoryModel()))
                .withTimeLimit(Duration.ofNanos((long) (settings.timeLimitSeconds() * 1e9)))
                .withSeed(settings.seed())
                .withThreads(settings.threads())
                .withSolver(settings.solver());
    }

    /** Checks every id of {@code settings} against the registry (a {@link BadInputException} naming the bad one). */
    public static void validate(BatchSettings settings) {
        Registry.scheduler(settings.method(), options(settings));
        Registry.solvers().entry(settings.solver());
        if (settings.arena() != null) {
            Registry.arenaPlanner(settings.arena());
        }
    }

    /** The row of graph {@code index} of {@code job}. */
    public static BatchRow run(BatchJob job, int index) {
        GraphSource source = job.graphs().get(index);
        BatchSettings s = job.settings();
        long start = System.nanoTime();
        Integer ops = null;
        try {
            Graph g = source.load(job.reader());
            ops = g.opCount();
            SchedulerOptions options = options(s);
            ScheduleResult r = Registry.scheduler(s.method(), options).schedule(g);
            Long arena = null;
            if (s.arena() != null) {
                ArenaPlan plan = Registry.arenaPlanners().create(s.arena(),
                                ArenaOptions.defaults().withTimeLimit(options.timeLimit()))
                        .plan(g, r.memoryModel(), r.schedule().indicesIn(g));
                arena = plan.arenaBytes();
            }
            return new BatchRow(index, source.ref(), source.architecture(), ops, s.method(), s.memoryModel(),
                    r.peakBytes(), r.lowerBoundBytes(), r.optimal(), r.status().name(), arena, seconds(start), "");
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return new BatchRow(index, source.ref(), source.architecture(), ops, s.method(), s.memoryModel(), null,
                    null, null, BatchRow.ERROR, null, seconds(start), oneLine(e));
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        String text = e instanceof BadInputException && m != null ? m
                : e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
