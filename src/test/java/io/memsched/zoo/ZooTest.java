package io.memsched.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.cli.Main;
import io.memsched.graph.Graph;
import io.memsched.io.GraphJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ZooTest {

    /** The layer-built networks (the 10k/100k generated ones are covered by ScalingTest). */
    static Stream<String> names() {
        return Zoo.names().stream().filter(n -> !n.endsWith("0k"));
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyNetworkBuildsDeterministicallyAndRoundTripsThroughJson(String name) {
        Graph g = Zoo.get(name);
        assertTrue(g.opCount() > 0 && g.totalBytes() > 0, name);
        if (g.opCount() > 20_000) {
            return; // the scale-test graphs are checked by their own tests; building them twice is slow
        }
        assertEquals(g, Zoo.get(name), "not deterministic: " + name);
        Graph back = GraphJson.parse(GraphJson.write(g), name + ".json");
        assertEquals(g, back);
        if (g.tensor(0).hasShape()) {
            // networks built with NetworkBuilder: every tensor has a float32 shape that gives its size
            g.tensors().forEach(t -> {
                assertTrue(t.hasShape() && t.dtype().equals(Optional.of("float32")), t.toString());
                assertEquals(4 * t.shape().stream().reduce(1L, Math::multiplyExact), t.bytes(), t.toString());
            });
        }
    }

    @Test
    void namesAreStableAndTheSuiteIsAffordable() {
        List<String> expected = List.of("tiny", "diamond", "toy-cell", "nasnet-cifar", "amoebanet-cifar", "darts-cifar",
                "pnas-cifar", "nasnet-imagenet", "amoebanet-imagenet", "darts-imagenet", "pnas-imagenet",
                "randwire-ws-small", "randwire-ws-regular", "randwire-er-small", "randwire-er-regular",
                "randwire-ba-small", "randwire-ba-regular", "hrnet-w18-small", "hrnet-w18", "hrnet-w32", "nasfpn",
                "nasfpn-7", "resnet18", "resnet50", "mobilenet-v2", "googlenet", "randwire-10k", "randwire-100k",
                "multiscale-10k", "multiscale-100k");
        assertEquals(expected, Zoo.names());
        for (String name : expected.subList(0, expected.size() - 4)) {
            assertEquals(name, Zoo.get(name).name(), "the graph is named like its entry");
        }
        List<String> suite = Zoo.entries().stream().filter(Zoo.Entry::inSuite).map(Zoo.Entry::name).toList();
        assertTrue(suite.containsAll(List.of("tiny", "diamond", "toy-cell", "nasnet-cifar", "amoebanet-cifar",
                "darts-cifar", "pnas-cifar", "randwire-ws-small", "hrnet-w18-small", "nasfpn", "resnet18",
                "mobilenet-v2")), suite.toString());
        for (Zoo.Entry e : Zoo.entries()) {
            if (e.inSuite()) {
                assertTrue(e.generator().get().opCount() < 2_000, e.name() + " is too large for the bench suite");
            }
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Zoo.get("nasnet"));
        assertTrue(e.getMessage().contains("'nasnet'"));
    }

    @Test
    void cliListsAndExports(@TempDir Path dir) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new String[] {"zoo"}, new PrintWriter(out), new PrintWriter(err)), err.toString());
        for (String name : Zoo.names()) {
            assertTrue(out.toString().contains(name), name);
        }
        assertTrue(out.toString().contains("78484112"), "nasnet-cifar bytes listed");
        Path file = dir.resolve("darts.json");
        assertEquals(0, Main.run(new String[] {"zoo", "darts-cifar", "--export", file.toString()},
                new PrintWriter(out), new PrintWriter(err)), err.toString());
        assertEquals(Zoo.get("darts-cifar"), GraphJson.read(file));
        assertTrue(Files.readString(file).contains("\"format\""));
    }
}
