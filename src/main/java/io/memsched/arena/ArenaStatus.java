package io.memsched.arena;

/**
 * How an arena planner's run ended. With a capacity, {@link ArenaPlan#feasible()} says whether the layout fits.
 *
 * @see ArenaPlan#status()
 */
public enum ArenaStatus {
    /** The arena equals a proven lower bound: no layout is smaller. */
    OPTIMAL,
    /** A valid layout without a proof of minimality (a heuristic, or a search that stopped once the layout fit). */
    FEASIBLE,
    /** No layout fits the capacity (proven); the plan is the best layout found, above the capacity. */
    INFEASIBLE,
    /** The time limit ended the search; the plan is the best layout found so far. */
    TIME_LIMIT,
    /** The thread was interrupted; the plan is the best layout found so far. */
    INTERRUPTED,
    /** The problem was beyond what the exact search takes on; the plan is the large-problem heuristic's layout. */
    FALLBACK
}
