package io.memsched.memory;

import java.util.Locale;

/**
 * The options of the memory model (DESIGN section 2).
 *
 * @param inplace an operator marked in-place with one output writes it into the buffer of its first same-sized
 *     input when that input dies at this operator (the model HMCOS uses); off by default
 * @param workspace whether per-operator workspace bytes count in the footprint (on by default; they are 0
 *     unless a graph sets them)
 */
public record MemoryModel(boolean inplace, boolean workspace) {
    /** The default model: inputs and outputs coexist, workspace counted, no in-place reuse. */
    public static final MemoryModel DEFAULT = new MemoryModel(false, true);
    /** The default model plus in-place reuse ({@code --memory-model inplace}). */
    public static final MemoryModel INPLACE = new MemoryModel(true, true);

    /** The model called {@code name}: {@code default} or {@code inplace}. */
    public static MemoryModel parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "default" -> DEFAULT;
            case "inplace", "in-place" -> INPLACE;
            default -> throw new IllegalArgumentException("unknown memory model '" + name + "' (use default or inplace)");
        };
    }

    /** A copy with in-place reuse set. */
    public MemoryModel withInplace(boolean on) {
        return new MemoryModel(on, workspace);
    }

    /** A copy with workspace counting set. */
    public MemoryModel withWorkspace(boolean on) {
        return new MemoryModel(inplace, on);
    }

    /** The CLI name: {@code default} or {@code inplace} (plus {@code -noworkspace} when workspace is off). */
    public String id() {
        return (inplace ? "inplace" : "default") + (workspace ? "" : "-noworkspace");
    }

    @Override
    public String toString() {
        return id();
    }
}
