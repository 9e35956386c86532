package io.memsched;

import io.memsched.graph.BadInputException;
import java.util.Locale;

/**
 * What a plan minimises: the peak ({@link #PEAK}, the default) or, among the orders whose peak is within a
 * tolerance of the least peak found, the arena ({@link #ARENA}; see {@link ArenaObjective}).
 */
public enum Objective {
    /** The least peak: the method's order. */
    PEAK,
    /** The smallest arena among orders whose peak is within the tolerance of the method's. */
    ARENA;

    /** The id of the command line ({@code peak}, {@code arena}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The objective named {@code id}; a {@link BadInputException} naming it when unknown. */
    public static Objective of(String id) {
        for (Objective o : values()) {
            if (o.id().equalsIgnoreCase(id)) {
                return o;
            }
        }
        throw new BadInputException("unknown objective '" + id + "' (use peak or arena)");
    }
}
