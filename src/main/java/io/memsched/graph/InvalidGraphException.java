package io.memsched.graph;

/**
 * Thrown when a graph would be invalid: the message names the graph and the offending element, for example
 * {@code graph 'tiny': tensor 'b' has two producers, convA and convB}.
 */
public class InvalidGraphException extends BadInputException {
    private static final long serialVersionUID = 1L;

    /** An exception with the full one-line message. */
    public InvalidGraphException(String message) {
        super(message);
    }

    static InvalidGraphException in(String graph, String what) {
        return new InvalidGraphException("graph '" + graph + "': " + what);
    }
}
