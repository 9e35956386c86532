package io.memsched.memory;

import java.time.Duration;
import java.util.List;

/**
 * The arena planners by id, as {@code --arena} takes them: {@code greedy} ({@link GreedyBySizeArenaPlanner}),
 * {@code bestfit} ({@link BestFitArenaPlanner}) and {@code exact} ({@link CpSatArenaPlanner}).
 */
public final class ArenaPlanners {
    private ArenaPlanners() {
    }

    /** Every planner id. */
    public static List<String> ids() {
        return List.of("greedy", "bestfit", "exact");
    }

    /** The planner with this id, the exact one with a 10 s limit. */
    public static ArenaPlanner create(String id) {
        return create(id, CpSatArenaPlanner.Options.defaults().timeLimit());
    }

    /** The planner with this id; {@code timeLimit} bounds the exact planner. */
    public static ArenaPlanner create(String id, Duration timeLimit) {
        return switch (id) {
            case "greedy" -> new GreedyBySizeArenaPlanner();
            case "bestfit" -> new BestFitArenaPlanner();
            case "exact" -> new CpSatArenaPlanner(CpSatArenaPlanner.Options.defaults().withTimeLimit(timeLimit));
            default -> throw new IllegalArgumentException("unknown arena planner '" + id + "' (one of "
                    + String.join(", ", ids()) + ")");
        };
    }
}
