package io.memsched.zoo;

import static io.memsched.graph.Sizes.kb;

import io.memsched.graph.Graph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The built-in networks by stable name. Every generator is deterministic: the same name always gives the same graph.
 * <pre>{@code
 * Graph g = Zoo.get("tiny");
 * }</pre>
 */
public final class Zoo {
    /**
     * One zoo network.
     *
     * @param name stable name
     * @param description one line
     * @param inSuite whether {@code memsched bench} runs it by default
     * @param generator builds the graph
     */
    public record Entry(String name, String description, boolean inSuite, Supplier<Graph> generator) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add("tiny", "the example of DESIGN 3.1: two convolutions and a concat", true, Zoo::tiny);
        add("diamond", "a four-op diamond whose branches differ in size", true, Zoo::diamond);
        add("toy-cell", "a small NAS-like cell with three branches and a concat", true, Zoo::toyCell);
        // very large generated networks (scale tests, issue 8): not in the bench suite
        add("randwire-10k", "RandWire-style, 4 WS(N,4,0.75) stages, about 10,000 ops (LargeGraphs)", false,
                () -> LargeGraphs.randomlyWired(10_000, 1));
        add("randwire-100k", "RandWire-style, 4 WS(N,4,0.75) stages, about 100,000 ops (LargeGraphs)", false,
                () -> LargeGraphs.randomlyWired(100_000, 1));
        add("multiscale-10k", "HRNet-style, 4 resolutions with full exchange, about 10,000 ops (LargeGraphs)", false,
                () -> LargeGraphs.multiScale(10_000, 1));
        add("multiscale-100k", "HRNet-style, 4 resolutions with full exchange, about 100,000 ops (LargeGraphs)", false,
                () -> LargeGraphs.multiScale(100_000, 1));
    }

    private Zoo() {
    }

    private static void add(String name, String description, boolean inSuite, Supplier<Graph> g) {
        ENTRIES.put(name, new Entry(name, description, inSuite, g));
    }

    /** Every network, in listing order. */
    public static List<Entry> entries() {
        return List.copyOf(ENTRIES.values());
    }

    /** Every network name, in listing order. */
    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    /** The network called {@code name}; an {@link IllegalArgumentException} listing the names otherwise. */
    public static Graph get(String name) {
        Entry e = ENTRIES.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown zoo network '" + name + "' (see memsched zoo for the list)");
        }
        return e.generator().get();
    }

    static Graph tiny() {
        return Graph.builder("tiny").
                input("x", 3072).
                op("convA", "Conv").reads("x").writes("a", 8192).
                op("convB", "Conv").reads("x").writes("b", 8192).
                op("cat", "Concat").reads("a", "b").writes("y", 16384).
                output("y").
                build();
    }

    static Graph diamond() {
        return Graph.builder("diamond").
                input("x", kb(16)).
                op("stem", "Conv").reads("x").writes("s", kb(32)).
                op("big", "Conv").reads("s").writes("b", kb(96)).
                op("small", "Conv").reads("s").writes("c", kb(8)).
                op("add", "Add").reads("b", "c").writes("y", kb(8)).
                output("y").
                build();
    }

    static Graph toyCell() {
        var b = Graph.builder("toy-cell").input("x", kb(32));
        b.op("pre", "Conv").reads("x").writes("p", kb(32));
        b.op("a1", "Conv").reads("p").writes("a1", kb(64));
        b.op("a2", "Conv").reads("a1").writes("a2", kb(16));
        b.op("b1", "MaxPool").reads("p").writes("b1", kb(32));
        b.op("b2", "Conv").reads("b1").writes("b2", kb(16));
        b.op("c1", "Conv").reads("p").writes("c1", kb(8));
        b.op("c2", "Relu").reads("c1").writes("c2", kb(8)).inplace();
        b.op("c3", "Conv").reads("c2").writes("c3", kb(16));
        b.op("cat", "Concat").reads("a2", "b2", "c3").writes("y", kb(48));
        return b.output("y").build();
    }
}
