package io.memsched.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetworkBuilderTest {

    @Test
    void convPoolAndDenseShapesAndBytesAreInferred() {
        var nb = new NetworkBuilder("net");
        var x = nb.input("x", 3, 32, 32);
        var c = nb.conv(x, 16, 3, 1, 1);
        assertEquals(TensorShape.of(1, 16, 32, 32), c.shape());
        assertEquals(16 * 32 * 32 * 4, c.bytes());
        var s = nb.conv(c, 32, 3, 2, 1);
        assertEquals(List.of(1L, 32L, 16L, 16L), s.shape().dims());
        var p = nb.maxPool(s, 3, 2, 1);
        assertEquals(List.of(1L, 32L, 8L, 8L), p.shape().dims());
        var a = nb.avgPool(p, 2, 2, 0);
        assertEquals(List.of(1L, 32L, 4L, 4L), a.shape().dims());
        var r = nb.relu(a);
        var g = nb.globalAvgPool(r);
        assertEquals(List.of(1L, 32L, 1L, 1L), g.shape().dims());
        var f = nb.flatten(g);
        assertEquals(List.of(1L, 32L), f.shape().dims());
        var d = nb.dense(f, 10);
        assertEquals(40, d.bytes());
        Graph graph = nb.output(d).build();
        assertEquals(8, graph.opCount());
        assertEquals(9, graph.tensorCount());
        assertEquals(List.of("Conv", "Conv", "MaxPool", "AveragePool", "Relu", "GlobalAveragePool", "Flatten", "Gemm"),
                graph.ops().stream().map(Op::type).toList());
        assertEquals(3 * 32 * 32 * 4 + 16 * 32 * 32 * 4 + 32 * 16 * 16 * 4 + 32 * 8 * 8 * 4 + 2 * 32 * 4 * 4 * 4
                + 2 * 32 * 4 + 40, graph.totalBytes());
        Tensor t = graph.tensor(graph.tensorIndex(c.name()));
        assertEquals(List.of(1L, 16L, 32L, 32L), t.shape());
        assertEquals(Optional.of("float32"), t.dtype());
        assertEquals(List.of(d.name()), graph.outputs());
    }

    @Test
    void nonSquareGroupedDepthwiseAndSeparableConvolutions() {
        var nb = new NetworkBuilder("k");
        var x = nb.input("x", 8, 14, 14);
        var a = nb.conv(x, 8, 1, 7, 1, 0, 3);
        assertEquals(List.of(1L, 8L, 14L, 14L), a.shape().dims());
        var b = nb.conv(x, 8, 7, 1, 2, 3, 0);
        assertEquals(List.of(1L, 8L, 7L, 7L), b.shape().dims()); // h (14+6-7)/2+1, w (14-1)/2+1
        var g = nb.conv(x, 4, 3, 1, 1, 2);
        assertEquals(4, g.shape().c());
        var dw = nb.depthwise(x, 5, 2, 2);
        assertEquals(List.of(1L, 8L, 7L, 7L), dw.shape().dims());
        int before = nb.layerCount();
        var sep = nb.named("sep").separable(x, 12, 3, 1, 1);
        assertEquals(before + 2, nb.layerCount());
        assertEquals("sep_pw", sep.name());
        assertEquals(List.of(1L, 12L, 14L, 14L), sep.shape().dims());
        var dil = nb.conv(x, 8, 3, 3, 1, 1, 2, 2, 2, 1);
        assertEquals(14, dil.shape().h());
    }

    @Test
    void joinsPaddingCroppingAndInplaceFlags() {
        var nb = new NetworkBuilder("j").scope("cell1");
        var x = nb.input("x", 4, 8, 8);
        var y = nb.input("y", 6, 8, 8);
        var cat = nb.concat(x, y);
        assertEquals(10, cat.shape().c());
        assertEquals("cell1/concat1", cat.name());
        var p = nb.pad(cat, 0, 0, 1, 1);
        assertEquals(List.of(1L, 10L, 9L, 9L), p.shape().dims());
        var cr = nb.crop(p, 1, 1, 0, 0);
        assertEquals(List.of(1L, 10L, 8L, 8L), cr.shape().dims());
        var sum = nb.add(cr, cat);
        var up = nb.upsample(sum, 2);
        assertEquals(16, up.shape().h());
        var bn = nb.batchNorm(up);
        Graph g = nb.build();
        assertEquals(List.of(bn.name()), g.outputs());
        assertTrue(g.op(g.opIndex(sum.name())).inplace());
        assertFalse(g.op(g.opIndex(cat.name())).inplace());
        assertFalse(g.op(g.opIndex(bn.name())).inplace());
        assertEquals("Slice", g.op(g.opIndex(cr.name())).type());
    }

    @Test
    void dtypeChangesElementSize() {
        var nb = new NetworkBuilder("q").dtype("int8");
        var x = nb.input("x", 3, 10, 10);
        assertEquals(300, x.bytes());
        assertEquals(150, TensorShape.of("int4", 3, 10, 10).bytes());
        assertThrows(IllegalArgumentException.class, () -> nb.dtype("float7"));
    }

    @Test
    void wrongShapesAreRefusedNamingTheLayer() {
        var nb = new NetworkBuilder("bad");
        var x = nb.input("x", 3, 8, 8);
        var y = nb.input("y", 4, 8, 8);
        var e = assertThrows(IllegalArgumentException.class, () -> nb.add(x, y));
        assertTrue(e.getMessage().contains("layer 'add1' (Add)") && e.getMessage().contains("'y'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> nb.conv(x, 8, 3, 1, 1, 2));
        assertTrue(e.getMessage().contains("groups=2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> nb.conv(x, 8, 11, 1, 0));
        assertTrue(e.getMessage().contains("does not fit input 'x'"), e.getMessage());
        var small = nb.input("s", 3, 4, 4);
        e = assertThrows(IllegalArgumentException.class, () -> nb.concat(x, small));
        assertTrue(e.getMessage().contains("(Concat)") && e.getMessage().contains("'s'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> nb.named("fc").dense(x, 10));
        assertTrue(e.getMessage().contains("layer 'fc' (Gemm)") && e.getMessage().contains("flatten"), e.getMessage());
        var other = new NetworkBuilder("other").input("z", 3, 8, 8);
        e = assertThrows(IllegalArgumentException.class, () -> nb.relu(other));
        assertTrue(e.getMessage().contains("not a tensor of this network"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> nb.crop(x, 4, 0, 4, 0));
        assertTrue(e.getMessage().contains("(Slice)"), e.getMessage());
    }

    @Test
    void dedupeMergesIdenticalWeightFreeLayersOnly() {
        var nb = new NetworkBuilder("cse").dedupe(true);
        var x = nb.input("x", 4, 8, 8);
        var r1 = nb.relu(x);
        assertEquals(r1, nb.relu(x));
        assertEquals(nb.maxPool(x, 3, 1, 1), nb.maxPool(x, 3, 1, 1));
        assertFalse(nb.maxPool(x, 3, 1, 1).equals(nb.avgPool(x, 3, 1, 1)));
        assertFalse(nb.conv(r1, 4, 1, 1, 0).equals(nb.conv(r1, 4, 1, 1, 0)), "convolutions have weights");
        var p = nb.avgPool(x, 3, 1, 1);
        var twice = nb.add(p, p);
        assertEquals(twice, nb.add(p, p));
        assertEquals(6, nb.layerCount()); // relu, maxpool, avgpool (reused as p), two convs, add
        var plain = new NetworkBuilder("plain");
        var y = plain.input("y", 4, 8, 8);
        plain.relu(y);
        plain.relu(y);
        assertEquals(2, plain.layerCount());
    }
}
