package io.memsched.batch;

import io.memsched.graph.BadInputException;
import io.memsched.zoo.NasBench201;
import io.memsched.zoo.Zoo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The graphs of a batch from what a user names: graph files (a file, a directory, a glob), zoo names, or a generated
 * search space ({@code nasbench201}, {@code randwire}). Every list comes in a deterministic order.
 */
public final class BatchInputs {
    /** The file extensions a directory or glob picks up. */
    public static final List<String> EXTENSIONS = List.of(".onnx", ".json", ".tflite");
    /** The generated spaces. */
    public static final List<String> SPACES = List.of("nasbench201", "randwire");

    private BatchInputs() {
    }

    /**
     * One input as the command line gives it: an existing file, a directory (its graph files, recursively, sorted by
     * path), a glob ({@code models/*.onnx}, {@code **}{@code /*.json}, sorted), or else a zoo name.
     */
    public static List<GraphSource> of(String input) {
        Path p = Path.of(input);
        if (Files.isRegularFile(p)) {
            return List.of(GraphSource.file(input));
        }
        if (Files.isDirectory(p)) {
            List<GraphSource> files = walk(p, f -> hasGraphExtension(f));
            if (files.isEmpty()) {
                throw new BadInputException(input + ": no " + String.join(", ", EXTENSIONS) + " files in this"
                        + " directory");
            }
            return files;
        }
        if (input.matches(".*[*?\\[{].*")) {
            return glob(input);
        }
        if (Zoo.has(input)) {
            return List.of(GraphSource.zoo(input));
        }
        throw new BadInputException(input + ": neither a file, a directory, a glob nor a zoo network"
                + " (memsched zoo lists them)");
    }

    /** Every input of {@link #of(String)}, in the order given. */
    public static List<GraphSource> of(List<String> inputs) {
        List<GraphSource> all = new ArrayList<>();
        inputs.forEach(i -> all.addAll(of(i)));
        return all;
    }

    /**
     * NAS-Bench-201 architectures in index order: all 15,625, the first {@code limit} when given, and of those a
     * seeded random {@code sample} when given (still in index order).
     */
    public static List<GraphSource> nasbench201(Integer limit, Integer sample, long seed) {
        int n = NasBench201.SIZE;
        if (limit != null) {
            if (limit < 1) {
                throw new BadInputException("--limit must be at least 1, was " + limit);
            }
            n = Math.min(n, limit);
        }
        List<Integer> idx = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        if (sample != null) {
            if (sample < 1) {
                throw new BadInputException("--sample must be at least 1, was " + sample);
            }
            Collections.shuffle(idx, new Random(seed));
            idx = new ArrayList<>(idx.subList(0, Math.min(sample, n)));
            Collections.sort(idx);
        }
        return idx.stream().map(i -> GraphSource.zoo(NasBench201.Arch.ofIndex(i).name())).toList();
    }

    /** RandWire WS small-regime networks of graph seeds {@code from} to {@code to} (inclusive). */
    public static List<GraphSource> randwire(long from, long to) {
        if (from < 0 || to < from || to - from >= 10_000_000) {
            throw new BadInputException("--seeds must be A..B with 0 <= A <= B (at most 10,000,000 seeds), was "
                    + from + ".." + to);
        }
        List<GraphSource> l = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            l.add(GraphSource.zoo(Zoo.RANDWIRE_SEEDED + s));
        }
        return l;
    }

    /** Parses {@code A..B} (or a single {@code A}) as an inclusive range of seeds: {@code {A, B}}. */
    public static long[] seedRange(String text) {
        String t = text == null ? "" : text.strip();
        try {
            int dots = t.indexOf("..");
            if (dots < 0) {
                long a = Long.parseLong(t);
                return new long[] {a, a};
            }
            return new long[] {Long.parseLong(t.substring(0, dots)), Long.parseLong(t.substring(dots + 2))};
        } catch (NumberFormatException e) {
            throw new BadInputException("--seeds must be A..B (e.g. 1..100), was '" + text + "'");
        }
    }

    private static boolean hasGraphExtension(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    private static List<GraphSource> glob(String pattern) {
        // walk from the longest leading part without glob characters
        String[] parts = pattern.split("/", -1);
        StringBuilder base = new StringBuilder();
        for (int i = 0; i < parts.length - 1 && !parts[i].matches(".*[*?\\[{].*"); i++) {
            base.append(parts[i]).append('/');
        }
        Path root = Path.of(base.length() == 0 ? "." : base.toString());
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        boolean relativeToDot = base.length() == 0 && !pattern.startsWith("./");
        List<GraphSource> files = Files.isDirectory(root) ? walk(root, f -> m.matches(relativeToDot
                ? root.relativize(f) : f)) : List.of();
        if (files.isEmpty()) {
            throw new BadInputException(pattern + ": no file matches this pattern");
        }
        return files;
    }

    private static List<GraphSource> walk(Path dir, java.util.function.Predicate<Path> keep) {
        try (Stream<Path> s = Files.walk(dir)) {
            boolean dot = dir.equals(Path.of("."));
            return s.filter(Files::isRegularFile).filter(keep).map(f -> (dot ? dir.relativize(f) : f).toString())
                    .sorted()
                    .map(GraphSource::file).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
