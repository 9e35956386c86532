package io.memsched;

import io.memsched.arena.ArenaOptions;
import io.memsched.arena.ArenaOrderChoice;
import io.memsched.arena.GreedyBySizeArenaPlanner;
import io.memsched.arena.LocalArenaOrderSearch;
import io.memsched.graph.BadInputException;
import io.memsched.graph.Graph;
import io.memsched.registry.Registry;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.SchedulerOptions;
import java.util.Objects;

/**
 * The {@link Objective#ARENA} step shared by {@link Plan.Builder} and {@code memsched schedule --objective arena}:
 * from a scheduler's result, {@link LocalArenaOrderSearch} chooses the order with the smallest arena among those
 * whose peak is within the tolerance, and the chosen order is re-verified by the shared simulator as a result of the
 * same method, with the method's lower bound (still a bound on every order).
 */
public final class ArenaObjective {
    private ArenaObjective() {
    }

    /**
     * The chosen order as a result, and the search's choice (layout, proof).
     *
     * @param result the chosen order, verified on the graph (method, bound and statistics of the scheduler's run)
     * @param choice the search's outcome
     */
    public record Outcome(ScheduleResult result, ArenaOrderChoice choice) {
        /** Checks the fields. */
        public Outcome {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(choice, "choice");
        }
    }

    /**
     * Runs the search from {@code result}'s order on {@code graph}: every order placed greedily, the best few by the
     * planner {@code plannerId} ({@code exact}, {@code cpsat}, {@code greedy}, ...); the search has a time limit of
     * its own, the options' limit, and uses their seed, clock and progress.
     *
     * @throws BadInputException when the tolerance is negative or not a number, or the planner unknown
     */
    public static Outcome choose(Graph graph, ScheduleResult result, SchedulerOptions options, String plannerId,
                                 double peakTolerance) {
        checkTolerance(peakTolerance);
        Registry.arenaPlanners().entry(plannerId);
        ArenaOptions arena = ArenaOptions.defaults().withTimeLimit(options.timeLimit()).withSeed(options.seed())
                .withThreads(options.threads()).withClock(options.clock()).withProgress(options.progress());
        LocalArenaOrderSearch.Options o = LocalArenaOrderSearch.Options.defaults().withPeakTolerance(peakTolerance)
                .withArena(arena).withPlanners(new GreedyBySizeArenaPlanner(),
                        a -> Registry.arenaPlanners().create(plannerId, a));
        ArenaOrderChoice c = new LocalArenaOrderSearch(o).choose(graph, result.memoryModel(),
                result.schedule().indicesIn(graph), result.lowerBoundBytes());
        ScheduleResult chosen = ScheduleResult.verified(result.method(), graph, result.memoryModel(), c.order().toArray(),
                result.lowerBoundBytes(), result.status(), result.elapsed(), result.stats());
        return new Outcome(chosen, c);
    }

    /** Checks a peak tolerance: a finite fraction of at least 0. */
    static void checkTolerance(double t) {
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new BadInputException("peak tolerance must be a fraction of at least 0 (0.05 = 5 %), was " + t);
        }
    }
}
