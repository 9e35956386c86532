package io.memsched.memory;

import io.memsched.graph.BadInputException;

/** Thrown when an order is not a valid schedule of a graph; the message names the operator at fault. */
public class InvalidScheduleException extends BadInputException {
    private static final long serialVersionUID = 1L;

    /** An exception with the full one-line message. */
    public InvalidScheduleException(String message) {
        super(message);
    }
}
