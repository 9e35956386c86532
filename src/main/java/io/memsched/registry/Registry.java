package io.memsched.registry;

import io.memsched.arena.ArenaOptions;
import io.memsched.arena.ArenaPlanner;
import io.memsched.arena.BestFitArenaPlanner;
import io.memsched.arena.CanonicalSearchArenaPlanner;
import io.memsched.arena.ContentionArenaPlanner;
import io.memsched.arena.CpSatArenaPlanner;
import io.memsched.arena.GreedyBySizeArenaPlanner;
import io.memsched.memory.MemoryModel;
import io.memsched.schedule.DfsScheduler;
import io.memsched.schedule.DpScheduler;
import io.memsched.schedule.GreedyScheduler;
import io.memsched.schedule.LeastPeakScheduler;
import io.memsched.schedule.ProgramOrderScheduler;
import io.memsched.schedule.ReversePostOrderScheduler;
import io.memsched.schedule.Scheduler;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.schedule.hmcos.HmcosScheduler;
import io.memsched.schedule.ilp.CpSatBackend;
import io.memsched.schedule.ilp.IlpBackend;
import io.memsched.schedule.ilp.IlpScheduler;
import io.memsched.schedule.ilp.OjAlgoBackend;
import io.memsched.schedule.portfolio.BestScheduler;
import io.memsched.solver.OrToolsNatives;

/**
 * The one registry of memsched's components by id, as the command line, the facade and the benchmark name them:
 * scheduling methods, solver backends, arena planners and memory models. Every id-to-class mapping lives here;
 * methods that solve get the backend named by {@link SchedulerOptions#solver()} from {@link #solvers()}.
 *
 * <p>The CP-SAT backend loads OR-Tools' native libraries when it first solves; {@code ilp} (which always solves) and
 * {@link #solver} start loading them in the background as soon as they are created, {@code best} does not (its exact
 * DP proves most optima before its ILP stage, and a run that never solves should not pay for the libraries).
 *
 * <pre>{@code
 * Registry.schedulers().ids();        // [program, rpo, greedy, dfs, lpmf, dp, hmcos, ilp, best]
 * Registry.solvers().ids();           // [cpsat, ojalgo]
 * Scheduler s = Registry.scheduler("best", SchedulerOptions.defaults().withSolver("ojalgo"));
 * }</pre>
 */
public final class Registry {
    private static final Catalog<Void, IlpBackend> SOLVERS = new Catalog<Void, IlpBackend>("solver")
            .register("cpsat", "OR-Tools CP-SAT (native, multi-threaded)", o -> new CpSatBackend(OrToolsNatives.shared()))
            .register("ojalgo", "ojAlgo's pure-Java MIP solver", o -> new OjAlgoBackend())
            .alias("cp-sat", "cpsat");

    private static final Catalog<SchedulerOptions, Scheduler> SCHEDULERS = new Catalog<SchedulerOptions, Scheduler>("method")
            .register("program", "the graph's own operator order", ProgramOrderScheduler::new)
            .register("rpo", "reverse post-order of a depth-first search from the outputs", ReversePostOrderScheduler::new)
            .register("greedy", "ready operator that frees most / allocates least first", GreedyScheduler::new)
            .register("dfs", "depth-first: finish a branch before starting the next", DfsScheduler::new)
            .register("lpmf", "least peak memory first among the ready operators", LeastPeakScheduler::new)
            .register("dp", "exact dynamic programme over sets of run operators", DpScheduler::new)
            .register("hmcos", "HMCOS: hierarchical grouping, DP per group, iterative ungrouping", HmcosScheduler::new)
            .register("ilp", "fusion + time-indexed ILP per segment (arXiv 2308.13898)",
                    o -> IlpScheduler.withFusion(o, solverLoadingNow(o.solver())))
            .register("best", "portfolio: fusion, heuristics, exact DP, then the ILP", o -> new BestScheduler(o,
                    SOLVERS.create(o.solver(), null)));

    private static final Catalog<ArenaOptions, ArenaPlanner> ARENA_PLANNERS =
            new Catalog<ArenaOptions, ArenaPlanner>("arena planner")
            .register("greedy", "TFLite's greedy by size", GreedyBySizeArenaPlanner::new)
            .register("bestfit", "best fit in the order of allocation", BestFitArenaPlanner::new)
            .register("contention", "for large problems: contention-guided placement, then repair at the peak "
                    + "(TelaMalloc/idealloc class)", ContentionArenaPlanner::new)
            .register("exact", "canonical-placement search of MiniMalloc's kind: decides a capacity, or minimises "
                    + "the arena with a proof", CanonicalSearchArenaPlanner::new)
            .register("cpsat", "CP-SAT no-overlap-2D within the time limit", Registry::cpSat);

    private static final Catalog<Void, MemoryModel> MEMORY_MODELS = new Catalog<Void, MemoryModel>("memory model")
            .register("default", "inputs and outputs of an operator coexist; no in-place reuse",
                    v -> MemoryModel.DEFAULT)
            .register("inplace", "HMCOS's model: in-place operators reuse a dying same-sized input",
                    v -> MemoryModel.INPLACE)
            .alias("in-place", "inplace");

    private Registry() {
    }

    /** The scheduling methods ({@code --method}). */
    public static Catalog<SchedulerOptions, Scheduler> schedulers() {
        return SCHEDULERS;
    }

    /** The ILP/CP solver backends ({@code --solver}); every method that solves takes its backend from here. */
    public static Catalog<Void, IlpBackend> solvers() {
        return SOLVERS;
    }

    /** The arena planners ({@code --arena}, {@code --planner}); the factory takes their options. */
    public static Catalog<ArenaOptions, ArenaPlanner> arenaPlanners() {
        return ARENA_PLANNERS;
    }

    private static ArenaPlanner cpSat(ArenaOptions o) {
        return new CpSatArenaPlanner(CpSatArenaPlanner.Options.defaults().withTimeLimit(o.timeLimit())
                .withThreads(o.threads()).withSeed(o.seed()));
    }

    /** The memory models ({@code --memory-model}). */
    public static Catalog<Void, MemoryModel> memoryModels() {
        return MEMORY_MODELS;
    }

    /** The scheduler with this id and options. */
    public static Scheduler scheduler(String id, SchedulerOptions options) {
        return SCHEDULERS.create(id, options);
    }

    /** The arena planner with this id and default options (searches stop after 10 s). */
    public static ArenaPlanner arenaPlanner(String id) {
        return ARENA_PLANNERS.create(id, ArenaOptions.defaults());
    }

    /**
     * The solver backend with this id ({@code cpsat} or {@code ojalgo}); for CP-SAT, the native libraries start
     * loading in the background now.
     */
    public static IlpBackend solver(String id) {
        return solverLoadingNow(id);
    }

    /** The backend {@code id}; when it is CP-SAT, its native libraries start loading in the background. */
    private static IlpBackend solverLoadingNow(String id) {
        IlpBackend backend = SOLVERS.create(id, null);
        if ("cpsat".equals(backend.name())) {
            OrToolsNatives.shared().preload();
        }
        return backend;
    }

    /** The memory model with this id ({@code default} or {@code inplace}). */
    public static MemoryModel memoryModel(String id) {
        return MEMORY_MODELS.create(id, null);
    }
}
