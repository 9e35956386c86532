package io.memsched.memory;


/**
 * The options of the memory model (docs/ARCHITECTURE.md, "The memory model"); the registry names them
 * {@code default} and {@code inplace}.
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
