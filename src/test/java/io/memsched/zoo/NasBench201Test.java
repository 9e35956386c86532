package io.memsched.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.cli.Main;
import io.memsched.graph.BadInputException;
import io.memsched.graph.Graph;
import io.memsched.graph.Op;
import io.memsched.io.GraphJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NasBench201Test {
    static final String ALL_CONV3 = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1"
            + "|nor_conv_3x3~2|";
    static final String ALL_NONE = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";

    static Map<String, Long> typeCounts(Graph g) {
        return g.ops().stream().collect(Collectors.groupingBy(Op::type, Collectors.counting()));
    }

    @Test
    void namesIndexesAndArchitectureStringsAreOneToOneOverTheWholeSpace() {
        Set<String> names = new HashSet<>();
        Set<String> strings = new HashSet<>();
        for (int i = 0; i < NasBench201.SIZE; i++) {
            NasBench201.Arch a = NasBench201.Arch.ofIndex(i);
            assertEquals(i, a.index());
            assertEquals(a, NasBench201.Arch.parse(a.archString()));
            assertEquals(a, NasBench201.ofName(a.name()).orElseThrow());
            assertTrue(Zoo.has(a.name()));
            names.add(a.name());
            strings.add(a.archString());
        }
        assertEquals(NasBench201.SIZE, names.size());
        assertEquals(NasBench201.SIZE, strings.size());
        assertEquals("|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|",
                new NasBench201.Arch("334131").archString());
        assertEquals("nasbench201-334131", NasBench201.Arch.parse(
                "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|")
                .name());
    }

    @Test
    void badNamesAndStringsAreBadInput() {
        assertThrows(BadInputException.class, () -> NasBench201.Arch.parse("|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|"));
        assertThrows(BadInputException.class, () -> NasBench201.Arch.parse("|none~0|"));
        assertThrows(BadInputException.class, () -> NasBench201.Arch.ofIndex(NasBench201.SIZE));
        assertThrows(BadInputException.class, () -> Zoo.get("nasbench201-335131"));
        assertFalse(Zoo.has("nasbench201-33413"));
    }

    @Test
    void theAllConv3x3NetworkHasTheBenchmarksSkeleton() {
        Graph g = NasBench201.build(NasBench201.Arch.parse(ALL_CONV3));
        assertEquals("nasbench201-333333", g.name());
        Map<String, Long> types = typeCounts(g);
        // stem 1 conv; 15 cells x 6 convs; 2 reduction blocks x 3 convs
        assertEquals(1 + 15 * 6 + 2 * 3, types.get("Conv"));
        // per cell: sums at nodes 2 and 3; per reduction block one add
        assertEquals(15 * 2, types.get("Sum"));
        assertEquals(2, types.get("Add"));
        // per cell one ReLU per node that feeds convolutions (3); per reduction block 2; head 1
        assertEquals(15 * 3 + 2 * 2 + 1, types.get("Relu"));
        assertEquals(2, types.get("AveragePool"));
        assertEquals(1, types.get("Gemm"));
        assertEquals(185, g.opCount());
        assertEquals(3 * 32 * 32 * 4, g.tensor(g.findTensor("input").orElseThrow()).bytes());
        // the three stages: 16x32x32, 32x16x16, 64x8x8 float32 tensors
        Set<Long> sums = g.ops().stream().filter(o -> o.type().equals("Sum"))
                .map(o -> g.tensor(g.findTensor(o.outputs().get(0)).orElseThrow()).bytes()).collect(Collectors.toSet());
        assertEquals(Set.of(16L * 32 * 32 * 4, 32L * 16 * 16 * 4, 64L * 8 * 8 * 4), sums);
        // head: 10 classes
        Op fc = g.ops().stream().filter(o -> o.type().equals("Gemm")).findFirst().orElseThrow();
        assertEquals(10 * 4, g.tensor(g.findTensor(fc.outputs().get(0)).orElseThrow()).bytes());
    }

    @Test
    void cellsCutOffByNoneEdgesOutputZerosOfTheInputsShape() {
        Graph none = NasBench201.build(NasBench201.Arch.parse(ALL_NONE));
        Map<String, Long> types = typeCounts(none);
        assertEquals(15, types.get("Mul"), "one zero per cell");
        assertEquals(1 + 2 * 3, types.get("Conv"), "only the stem and the reduction blocks compute");
        // node 1 computes, but nothing of it reaches the output: dead code, left out
        Graph cut = NasBench201.build(NasBench201.Arch.parse("|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|"));
        assertEquals(typeCounts(none), typeCounts(cut));
        // node 3 reads only node 2, which receives nothing: zero as well
        Graph cut2 = NasBench201.build(new NasBench201.Arch("300003"));
        assertEquals(typeCounts(none), typeCounts(cut2));
        // skip-only cells are the identity: no operator at all in the cells
        Graph skip = NasBench201.build(new NasBench201.Arch("100100"));
        assertEquals(1 + 2 * 7 + 5, skip.opCount());
        // two skips into one node: the sum reads the same tensor twice
        Graph twice = NasBench201.build(new NasBench201.Arch("111001"));
        assertEquals(15L, typeCounts(twice).get("Sum"));
        assertFalse(typeCounts(twice).containsKey("Mul"));
        Op sum = twice.ops().stream().filter(o -> o.type().equals("Sum")).findFirst().orElseThrow();
        assertEquals(2, sum.inputs().size());
        assertEquals(sum.inputs().get(0), sum.inputs().get(1));
    }

    @Test
    void aSeededSampleBuildsValidDeterministicGraphsThatRoundTripThroughJson() {
        Random rng = new Random(201);
        for (int k = 0; k < 120; k++) {
            NasBench201.Arch a = NasBench201.Arch.ofIndex(rng.nextInt(NasBench201.SIZE));
            Graph g = Zoo.get(a.name());
            assertEquals(a.name(), g.name());
            assertEquals(g, NasBench201.build(a));
            assertEquals(g, GraphJson.parse(GraphJson.write(g), a.name() + ".json"));
            // the final logits are the only output
            assertEquals(1, g.outputs().size(), a.archString());
            // every operator's result is used (no dead code) except the output's producer
            Set<String> read = g.ops().stream().flatMap(o -> o.inputs().stream()).collect(Collectors.toSet());
            g.ops().forEach(o -> assertTrue(read.contains(o.outputs().get(0)) || g.outputs().contains(o.outputs().get(0)),
                    a.archString() + ": " + o.name() + " is dead"));
        }
    }

    @Test
    void zooExportRebuildsAnyMemberByName(@TempDir Path dir) {
        Path f = dir.resolve("n.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"zoo", "nasbench201-334131", "--export", f.toString()}, new PrintWriter(out),
                new PrintWriter(err));
        assertEquals(0, code, err.toString());
        assertEquals(NasBench201.build(new NasBench201.Arch("334131")), GraphJson.read(f));
        assertEquals(List.of("nasbench201-DDDDDD", "randwire-ws-small-seedN"),
                Zoo.families().stream().map(Zoo.Family::pattern).toList());
        Zoo.families().forEach(fam -> assertTrue(Zoo.has(fam.example()), fam.example()));
        assertEquals("randwire-ws-small-seed7", Zoo.get("randwire-ws-small-seed7").name());
        assertEquals(Zoo.randwireSeeded(7), Zoo.get("randwire-ws-small-seed7"));
    }
}
