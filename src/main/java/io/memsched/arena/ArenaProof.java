package io.memsched.arena;

/** What an {@link ArenaOrderSearch} proved about the arena of the order it chose. */
public enum ArenaProof {
    /**
     * The arena equals a lower bound on the peak of every order of the graph: no order, within the peak limit or
     * not, has a smaller arena.
     */
    AT_PEAK_BOUND,
    /**
     * Every order within the peak limit was enumerated and its layout either proven minimal or bounded below by
     * the chosen arena: no order within the limit has a smaller arena.
     */
    EXHAUSTIVE,
    /** Not proven: a smaller arena may exist among the orders within the limit. */
    NONE
}
