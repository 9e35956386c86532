package io.memsched.graph;

/**
 * The user's input is wrong: a graph, a file, an order or an option. The message is one line naming the file or
 * object and the offending element. The command line maps this family (and only this family) to exit code 2;
 * every other exception is a failure inside memsched (exit code 1).
 *
 * @see InvalidGraphException
 */
public class BadInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An exception with the full one-line message. */
    public BadInputException(String message) {
        super(message);
    }

    /** An exception with the full one-line message and its cause. */
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
