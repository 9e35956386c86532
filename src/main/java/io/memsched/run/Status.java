package io.memsched.run;

/** How a scheduler's run ended. */
public enum Status {
    /** The search finished and proved its order optimal. */
    OPTIMAL,
    /** A valid order without a proof of optimality (a heuristic, or a search that was not run to the end). */
    FEASIBLE,
    /** The time limit ended the search; the best order found so far is returned. */
    TIME_LIMIT,
    /** The thread was interrupted; the best order found so far is returned. */
    INTERRUPTED,
    /** A state, variable or memory budget ended the search; the best order found so far is returned. */
    BUDGET
}
