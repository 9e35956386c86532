package io.memsched.arena;

import io.memsched.graph.BadInputException;

/**
 * A file that cannot be read as an arena problem; the one-line message names the file and the row, for example
 * {@code A.csv: row 7 (id 'b3'): upper 3 is not above lower 5}.
 */
public class ArenaFormatException extends BadInputException {
    private static final long serialVersionUID = 1L;

    /** An exception with the full one-line message. */
    public ArenaFormatException(String message) {
        super(message);
    }

    /** An exception with the full one-line message and its cause. */
    public ArenaFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
