package io.memsched.schedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one list of scheduling methods by id, as the command line and the benchmark know them.
 *
 * <pre>{@code
 * Scheduler s = Schedulers.create("greedy", SchedulerOptions.defaults());
 * }</pre>
 */
public final class Schedulers {
    private static final Map<String, Function<SchedulerOptions, Scheduler>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("program", ProgramOrderScheduler::new);
        FACTORIES.put("rpo", ReversePostOrderScheduler::new);
        FACTORIES.put("greedy", GreedyScheduler::new);
        FACTORIES.put("dfs", DfsScheduler::new);
        FACTORIES.put("lpmf", LeastPeakScheduler::new);
        FACTORIES.put("dp", DpScheduler::new);
        FACTORIES.put("hmcos", io.memsched.schedule.hmcos.HmcosScheduler::new);
        FACTORIES.put("ilp", o -> io.memsched.schedule.ilp.IlpScheduler.withFusion(o, new io.memsched.schedule.ilp.CpSatBackend()));
        FACTORIES.put("best", BestScheduler::new);
    }

    private Schedulers() {
    }

    /** Every method id, in the order reports list them. */
    public static List<String> ids() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** The scheduler with this id; an {@link IllegalArgumentException} listing the valid ids otherwise. */
    public static Scheduler create(String id, SchedulerOptions options) {
        Function<SchedulerOptions, Scheduler> f = FACTORIES.get(id);
        if (f == null) {
            throw new IllegalArgumentException("unknown method '" + id + "' (one of " + String.join(", ", ids()) + ")");
        }
        return f.apply(options);
    }
}
