package io.memsched.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.zoo.Zoo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded mutation fuzzing of the graph readers (issue 8). Seeds: every zoo graph exported as JSON, the models in
 * {@code examples/models} (JSON, ONNX and TFLite, when present), the PyTorch Inductor dumps of the tests, a TFLite
 * model with variables, intermediates and two subgraphs ({@code TfliteTestModels.synthetic()}) and the regression
 * corpus. The default run fuzzes 600 seeded
 * inputs, the same ones on every run; the long run is
 * {@code mvn -B test -Pfuzz -Dmemsched.fuzz.seconds=600 -Dmemsched.fuzz.seed=1}. An input that breaks the
 * contract is saved under {@code target/fuzz-failures/}: add it to {@code src/test/resources/fuzz-regressions/}.
 */
class ReaderFuzzTest {
    static final Path CORPUS = Path.of("src/test/resources/fuzz-regressions");
    static final Path MODELS = Path.of("examples/models");
    static final Path ONNX_SHAPES = Path.of("src/test/resources/onnx-shapes");
    static final Path INDUCTOR_DUMPS = Path.of("src/test/resources/inductor");
    static final List<String> EXTENSIONS = List.of(".json", ".onnx", ".tflite");

    @TempDir
    Path dir;

    record Seed(String extension, byte[] bytes) {
    }

    static List<Seed> seeds() throws IOException {
        return seeds(8 << 20);
    }

    /** The seed inputs of at most {@code maxBytes} bytes. */
    static List<Seed> seeds(long maxBytes) throws IOException {
        List<Seed> seeds = new ArrayList<>();
        for (Zoo.Entry entry : Zoo.entries()) {
            if (entry.inSuite()) {
                var g = entry.generator().get();
                if (g.opCount() <= 2_000) {
                    seeds.add(new Seed(".json", GraphJson.write(g).getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        seeds.add(new Seed(".tflite", io.memsched.io.tflite.TfliteTestModels.synthetic()));
        for (Path root : List.of(MODELS, ONNX_SHAPES, INDUCTOR_DUMPS, CORPUS)) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        if (EXTENSIONS.stream().anyMatch(n::endsWith) && Files.size(p) <= maxBytes) {
                            seeds.add(new Seed(n.substring(n.lastIndexOf('.')), Files.readAllBytes(p)));
                        }
                    }
                }
            }
        }
        return seeds;
    }

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void regressionCorpusIsLoadedOrRefusedCleanly(Path input) {
        try (ReaderOracle oracle = new ReaderOracle(20_000)) {
            oracle.check(input);
        }
        ReaderOracle.checkCli(input);
    }

    /** Time-budgeted (6 s): how many inputs it reaches depends on the machine, so it runs in the slow set. */
    /** A fixed number of inputs, however busy the machine: the same inputs and outcomes on every run. */
    @Test
    void shortFuzzRun() throws IOException {
        Map<ReaderOracle.Outcome, Integer> outcomes = fuzz(8, 600, Double.POSITIVE_INFINITY, 64 << 10);
        // the mutations must reach both sides of the contract, or the harness tests nothing
        assertTrue(outcomes.getOrDefault(ReaderOracle.Outcome.LOADED, 0) > 5, outcomes.toString());
        assertTrue(outcomes.getOrDefault(ReaderOracle.Outcome.REFUSED, 0) > 200, outcomes.toString());
    }

    @Test
    @Tag("slow")
    @Tag("fuzz")
    void longFuzzRun() throws IOException {
        long seed = Long.getLong("memsched.fuzz.seed", 1);
        double seconds = Double.parseDouble(System.getProperty("memsched.fuzz.seconds", "300"));
        Map<ReaderOracle.Outcome, Integer> outcomes = fuzz(seed, Integer.MAX_VALUE, seconds, 8 << 20);
        assertTrue(outcomes.values().stream().mapToInt(Integer::intValue).sum() > 0);
    }

    @Test
    void cliProcessRefusesMutatedInputsInOneLine() throws Exception {
        Random random = new Random(42);
        InputMutator mutator = new InputMutator(random);
        List<Seed> seeds = seeds();
        int refused = 0;
        for (int k = 0; k < 40 && refused < 3; k++) {
            Seed s = seeds.get(random.nextInt(seeds.size()));
            byte[] b = mutator.mutate(s.bytes(), s.bytes());
            Path f = dir.resolve("cli" + k + s.extension());
            Files.write(f, b);
            try (ReaderOracle oracle = new ReaderOracle(20_000)) {
                if (oracle.check(f) == ReaderOracle.Outcome.LOADED) {
                    continue;
                }
            }
            refused++;
            for (String[] args : new String[][] {{"schedule", f.toString()},
                    {"convert", f.toString(), dir.resolve("out.json").toString()}}) {
                Process p = javaProcess(args);
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                p.getInputStream().readAllBytes();
                assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
                assertEquals(2, p.exitValue(), err);
                assertEquals(1, err.lines().count(), err);
                assertTrue(err.startsWith("memsched: " + f) && !err.contains("Exception"), err);
            }
        }
        assertEquals(3, refused);
    }

    static Process javaProcess(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss16m", "-cp", System.getProperty("java.class.path"), "io.memsched.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).start();
    }

    /**
     * Runs up to {@code iterations} inputs or {@code seconds}, whichever comes first, from seeds of at most
     * {@code maxSeedBytes}; counts the outcomes.
     */
    Map<ReaderOracle.Outcome, Integer> fuzz(long seed, int iterations, double seconds, long maxSeedBytes)
            throws IOException {
        Random random = new Random(seed);
        InputMutator mutator = new InputMutator(random);
        List<Seed> seeds = seeds(maxSeedBytes);
        Map<ReaderOracle.Outcome, Integer> outcomes = new EnumMap<>(ReaderOracle.Outcome.class);
        long end = Double.isInfinite(seconds) ? Long.MAX_VALUE : System.nanoTime() + (long) (seconds * 1e9);
        try (ReaderOracle oracle = new ReaderOracle(20_000)) {
            for (int k = 0; k < iterations && (end == Long.MAX_VALUE || System.nanoTime() < end); k++) {
                Seed s = seeds.get(random.nextInt(seeds.size()));
                byte[] b = random.nextInt(10) == 0 ? mutator.garbage()
                        : mutator.mutate(s.bytes(), seeds.get(random.nextInt(seeds.size())).bytes());
                String ext = random.nextInt(20) == 0 ? EXTENSIONS.get(random.nextInt(EXTENSIONS.size()))
                        : s.extension();
                Path f = dir.resolve("input" + ext);
                Files.write(f, b);
                outcomes.merge(oracle.check(f), 1, Integer::sum);
                if (k % 10 == 0) {
                    ReaderOracle.checkCli(f);
                }
            }
        }
        return outcomes;
    }
}
