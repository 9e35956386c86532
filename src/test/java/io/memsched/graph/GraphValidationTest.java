package io.memsched.graph;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Each validation error of the graph model, through the API: one exception whose message names the element. */
class GraphValidationTest {
    static void refused(Supplier<Graph> build, String... named) {
        InvalidGraphException e = assertThrows(InvalidGraphException.class, build::get);
        for (String s : named) {
            assertTrue(e.getMessage().contains(s), () -> "'" + e.getMessage() + "' should name " + s);
        }
        assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
    }

    @Test
    void unknownTensorRead() {
        refused(() -> Graph.builder("g").input("x", 1).op("a").reads("z").writes("y", 1).output("y").build(),
                "'g'", "'a'", "'z'");
    }

    @Test
    void unknownTensorWritten() {
        refused(() -> Graph.of("g", List.of(Tensor.of("x", 1)), List.of("x"), List.of(),
                List.of(new Op("a", "", List.of("x"), List.of("ghost"), 0, false))), "'a'", "'ghost'");
    }

    @Test
    void unknownGraphOutput() {
        refused(() -> Graph.builder("g").input("x", 1).op("a").reads("x").writes("y", 1).output("nope").build(),
                "'nope'");
    }

    @Test
    void twoProducers() {
        refused(() -> Graph.builder("g").input("x", 1)
                .op("a").reads("x").writes("t", 1)
                .op("b").reads("x").writes("t")
                .output("t").build(), "'t'", "a", "b");
    }

    @Test
    void cycle() {
        refused(() -> Graph.of("g", List.of(Tensor.of("x", 1), Tensor.of("p", 1), Tensor.of("q", 1)), List.of("x"),
                List.of(), List.of(new Op("a", "", List.of("x", "q"), List.of("p"), 0, false),
                        new Op("b", "", List.of("p"), List.of("q"), 0, false))), "cycle", "a", "b");
        refused(() -> Graph.of("g", List.of(Tensor.of("p", 1)), List.of(), List.of(),
                List.of(new Op("self", "", List.of("p"), List.of("p"), 0, false))), "'self'");
    }

    @Test
    void duplicateTensorName() {
        refused(() -> Graph.builder("g").input("x", 1).op("a").reads("x").writes("x", 2).build(), "'x'");
    }

    @Test
    void duplicateOpName() {
        refused(() -> Graph.builder("g").input("x", 1)
                .op("a").reads("x").writes("t", 1)
                .op("a").reads("t").writes("y", 1).output("y").build(), "'a'");
    }

    @Test
    void negativeTensorSize() {
        refused(() -> Graph.builder("g").input("x", -5).op("a").reads("x").writes("y", 1).build(), "'x'", "-5");
    }

    @Test
    void negativeWorkspace() {
        refused(() -> Graph.builder("g").input("x", 1).op("a").reads("x").writes("y", 1).workspace(-1).build(),
                "'a'", "-1");
    }

    @Test
    void graphOutputNobodyProduces() {
        refused(() -> Graph.builder("g").input("x", 1).tensor("orphan", 4)
                .op("a").reads("x").writes("y", 1).output("y", "orphan").build(), "'orphan'");
    }

    @Test
    void inputWrittenByAnOp() {
        refused(() -> Graph.builder("g").input("x", 1).op("a").reads().writes("x").build(), "'x'", "'a'");
    }
}
