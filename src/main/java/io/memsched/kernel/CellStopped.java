package io.memsched.kernel;

/**
 * Thrown by a stop check in a cell whose stop was requested. An {@link Error}, like {@code ThreadDeath}, so the
 * {@code catch (Exception e)} of a cell does not swallow it; the evaluator reports it as one "interrupted" line.
 */
final class CellStopped extends Error {
    private static final long serialVersionUID = 1L;

    CellStopped() {
        super("the cell was stopped", null, false, false);
    }
}
