package io.memsched.io;

import io.memsched.graph.BadInputException;

/**
 * A file that cannot be read as a graph; the one-line message names the file and the offending element, for
 * example {@code tiny.json: ops[2].inputs[0]: unknown tensor 'z'}.
 */
public class GraphFormatException extends BadInputException {
    private static final long serialVersionUID = 1L;

    /** An exception with the full one-line message. */
    public GraphFormatException(String message) {
        super(message);
    }

    /** An exception with the full one-line message and its cause. */
    public GraphFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
