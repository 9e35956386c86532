package io.memsched.batch;

import io.memsched.graph.Graph;
import io.memsched.zoo.NasBench201;
import io.memsched.zoo.Zoo;
import java.io.Serializable;
import java.util.Objects;

/**
 * Where one graph of a batch comes from: a file (read on the worker that schedules it) or a zoo name (built there;
 * search-space members are zoo names, e.g. {@code nasbench201-330133}).
 *
 * @param kind file or zoo
 * @param ref the path or the zoo name; also the row's {@code graph}
 */
public record GraphSource(Kind kind, String ref) implements Serializable {
    /** The kinds of source. */
    public enum Kind {
        /** A graph file ({@code .onnx}, {@code .json}, ...), read by the job's {@link GraphReader}. */
        FILE,
        /** A zoo network, built by {@link Zoo#get(String)}. */
        ZOO
    }

    /** Checks the fields. */
    public GraphSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ref, "ref");
    }

    /** A graph file. */
    public static GraphSource file(String path) {
        return new GraphSource(Kind.FILE, path);
    }

    /** A zoo network. */
    public static GraphSource zoo(String name) {
        return new GraphSource(Kind.ZOO, name);
    }

    /** Loads or builds the graph. */
    public Graph load(GraphReader reader) {
        return kind == Kind.FILE ? reader.read(ref) : Zoo.get(ref);
    }

    /** The NAS-Bench-201 architecture string of this source, or {@code ""} when it is not a member of that space. */
    public String architecture() {
        return kind == Kind.ZOO ? NasBench201.ofName(ref).map(NasBench201.Arch::archString).orElse("") : "";
    }
}
