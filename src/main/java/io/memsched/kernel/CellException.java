package io.memsched.kernel;

import java.util.List;

/**
 * A cell that did not run: a compile error (with the offending line and a caret), an exception thrown by the cell's
 * code (with the cell's stack frames), or an interrupt. The kernel shows {@link #lines()} as the Jupyter error.
 */
public final class CellException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String kind;
    private final transient List<String> lines;

    CellException(String kind, String message, List<String> lines) {
        super(message, null, false, false); // the kernel's own stack says nothing about the cell
        this.kind = kind;
        this.lines = List.copyOf(lines);
    }

    /** {@code CompilationError}, the thrown exception's class name, or {@code Interrupted}. */
    public String kind() {
        return kind;
    }

    /** The error as text lines: the message first, then source excerpts or stack frames. */
    public List<String> lines() {
        return lines;
    }
}
