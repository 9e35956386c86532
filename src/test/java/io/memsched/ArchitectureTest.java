package io.memsched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/ARCHITECTURE.md, read from the sources: package dependencies form a DAG (a package and
 * its subpackage included), {@code graph} and {@code run} import no other memsched package, nothing imports
 * {@code kernel} or {@code cli}, {@code report} renders and never runs a scheduler, and each library stays in its
 * place. A new upward import or cycle fails here with the classes that cause it.
 */
class ArchitectureTest {
    static final Path SOURCES = Path.of("src/main/java");
    static final Pattern REF = Pattern.compile("\\bio\\.memsched((?:\\.[a-z][a-z0-9_]*)*)\\.[A-Z]");
    /** package -> (used package -> classes that use it). */
    static final Map<String, Map<String, Set<String>>> DEPS = new TreeMap<>();
    /** package -> source text without comments, per class. */
    static final Map<String, Map<String, String>> CODE = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                String pkg = SOURCES.relativize(f.getParent()).toString().replace('/', '.');
                String src;
                try {
                    src = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                String cls = f.getFileName().toString().replace(".java", "");
                CODE.computeIfAbsent(pkg, k -> new TreeMap<>()).put(cls, src);
                Matcher m = REF.matcher(src);
                while (m.find()) {
                    String used = "io.memsched" + m.group(1);
                    if (!used.equals(pkg)) {
                        DEPS.computeIfAbsent(pkg, k -> new TreeMap<>()).computeIfAbsent(used, k -> new TreeSet<>())
                                .add(cls);
                    }
                }
            });
        }
        assertTrue(CODE.size() > 10, "read only " + CODE.keySet());
    }

    @Test
    void packageDependenciesFormADag() {
        Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        CODE.keySet().forEach(g::addVertex);
        DEPS.forEach((p, used) -> used.keySet().forEach(u -> {
            g.addVertex(u);
            g.addEdge(p, u);
        }));
        Set<String> cycle = new CycleDetector<>(g).findCycles();
        List<String> why = new ArrayList<>();
        for (String p : cycle) {
            DEPS.getOrDefault(p, Map.of()).forEach((u, classes) -> {
                if (cycle.contains(u)) {
                    why.add(p + " -> " + u + " (" + classes + ")");
                }
            });
        }
        assertTrue(cycle.isEmpty(), "package cycle: " + why);
    }

    @Test
    void theBottomPackagesImportNoOtherMemschedPackage() {
        for (String bottom : List.of("io.memsched.graph", "io.memsched.run")) {
            assertEquals(Map.of(), DEPS.getOrDefault(bottom, Map.of()), bottom + " must be at the bottom");
        }
    }

    @Test
    void nothingImportsTheKernelOrTheCommandLine() {
        DEPS.forEach((p, used) -> {
            for (String top : List.of("io.memsched.kernel", "io.memsched.cli")) {
                if (!p.startsWith(top)) {
                    assertTrue(!used.containsKey(top), p + " imports " + top + " in " + used.get(top));
                }
            }
        });
    }

    @Test
    void onlyTheFacadeAndTheFrontEndsUseTheFacadeOrTheRegistry() {
        Set<String> allowed = Set.of("io.memsched", "io.memsched.cli", "io.memsched.kernel", "io.memsched.registry",
                "io.memsched.batch");
        DEPS.forEach((p, used) -> {
            if (!allowed.contains(p)) {
                assertTrue(!used.containsKey("io.memsched"), p + " imports the facade: " + used.get("io.memsched"));
                assertTrue(!used.containsKey("io.memsched.registry"), p + " imports the registry: "
                        + used.get("io.memsched.registry"));
            }
        });
    }

    @Test
    void reportRendersAndDoesNotRunSchedulers() {
        CODE.get("io.memsched.report").forEach((cls, src) ->
                assertTrue(!src.matches("(?s).*(\\.schedule\\([^)]|\\bScheduler\\b).*"),
                        "report." + cls + " runs a scheduler"));
    }

    @Test
    void eachLibraryStaysInItsPlace() {
        Map<String, Set<String>> homes = Map.ofEntries(
                Map.entry("tech.tablesaw", Set.of("io.memsched.report", "io.memsched.kernel", "io.memsched.cli", "io.memsched")),
                Map.entry("com.google.ortools", Set.of("io.memsched.schedule.ilp", "io.memsched.arena", "io.memsched.solver")),
                Map.entry("org.ojalgo", Set.of("io.memsched.schedule.ilp")),
                Map.entry("picocli", Set.of("io.memsched.cli")),
                Map.entry("com.google.protobuf", Set.of("io.memsched.io.onnx")),
                Map.entry("com.google.flatbuffers", Set.of("io.memsched.io.tflite", "io.memsched.io.tflite.schema")),
                Map.entry("org.dflib", Set.of("io.memsched.kernel")),
                Map.entry("org.objectweb.asm", Set.of("io.memsched.kernel")),
                Map.entry("com.github.weisj.jsvg", Set.of("io.memsched.kernel")),
                Map.entry("com.sun.source", Set.of("io.memsched.kernel")),
                Map.entry("org.eclipse.elk", Set.of("io.memsched.report")));
        CODE.forEach((pkg, classes) -> classes.forEach((cls, src) -> homes.forEach((lib, places) -> {
            if (src.contains("import " + lib) || src.contains(" " + lib + ".")) {
                assertTrue(places.contains(pkg), lib + " used in " + pkg + "." + cls + " (allowed in " + places + ")");
            }
        })));
    }
}
