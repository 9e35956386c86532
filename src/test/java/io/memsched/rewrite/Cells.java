package io.memsched.rewrite;

import io.memsched.graph.Graph;
import io.memsched.graph.GraphBuilder;
import io.memsched.graph.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Small shaped test graphs (NCHW float32) with concat-and-convolution patterns. */
final class Cells {
    private Cells() {
    }

    static Tensor t(String name, long c, long h) {
        return new Tensor(name, 4 * c * h * h, List.of(1L, c, h, h), Optional.of("float32"));
    }

    /** Three branches concatenated and reduced by one 1x1 convolution. */
    static Graph concatConv() {
        return Graph.builder("concat-conv").input(t("x", 4, 8))
                .op("b0", "Conv").reads("x").writes(t("a", 8, 8))
                .op("b1", "Conv").reads("x").writes(t("b", 8, 8))
                .op("b2", "Conv").reads("a").writes(t("c", 8, 8))
                .op("cat", "Concat").reads("a", "b", "c").writes(t("y", 24, 8))
                .op("proj", "Conv").reads("y").writes(t("z", 8, 8))
                .output("z").build();
    }

    /**
     * A DARTS-like cell: four intermediate nodes, their concat, a Relu and two 1x1 convolutions (the preprocessing
     * of the next two cells), whose outputs are added.
     */
    static Graph nasCell() {
        return Graph.builder("nas-cell").input(t("s0", 8, 8)).input(t("s1", 8, 8))
                .op("n0", "Conv").reads("s0").writes(t("h0", 8, 8))
                .op("n1", "Conv").reads("s1").writes(t("h1", 8, 8))
                .op("n2", "Add").reads("h0", "h1").writes(t("h2", 8, 8))
                .op("n3", "Conv").reads("h2").writes(t("h3", 8, 8))
                .op("cat", "Concat").reads("h0", "h1", "h2", "h3").writes(t("y", 32, 8))
                .op("relu", "Relu").reads("y").writes(t("r", 32, 8)).inplace()
                .op("pre0", "Conv").reads("r").writes(t("p0", 8, 8))
                .op("pre1", "Conv").reads("r").writes(t("p1", 8, 8))
                .op("head", "Add").reads("p0", "p1").writes(t("out", 8, 8)).inplace()
                .output("out").build();
    }

    /**
     * The preprocessing of a reduction cell: three branches concatenated, a Relu, a 1x1 convolution, and a factorised
     * reduction (Pad, AveragePool with stride 2, 1x1 convolution).
     */
    static Graph reductionCell() {
        return Graph.builder("reduction-cell").input(t("x", 8, 8))
                .op("b0", "Conv").reads("x").writes(t("a", 8, 8))
                .op("b1", "Conv").reads("x").writes(t("b", 8, 8))
                .op("b2", "Conv").reads("a").writes(t("c", 8, 8))
                .op("cat", "Concat").reads("a", "b", "c").writes(t("y", 24, 8))
                .op("relu", "Relu").reads("y").writes(t("r", 24, 8)).inplace()
                .op("proj", "Conv").reads("r").writes(t("p", 8, 8))
                .op("pad", "Pad").reads("r").writes(t("padded", 24, 8))
                .op("pool", "AveragePool").reads("padded").writes(t("pooled", 24, 4))
                .op("reduce", "Conv").reads("pooled").writes(t("q", 8, 4))
                .output("p", "q").build();
    }

    /** Concat, depthwise convolution, pointwise convolution: the separable-convolution pattern. */
    static Graph concatSeparable() {
        return Graph.builder("concat-sep").input(t("x", 4, 8))
                .op("b0", "Conv").reads("x").writes(t("a", 8, 8))
                .op("b1", "Conv").reads("x").writes(t("b", 8, 8))
                .op("cat", "Concat").reads("a", "b").writes(t("y", 16, 8))
                .op("dw", "DepthwiseConv").reads("y").writes(t("d", 16, 8))
                .op("pw", "Conv").reads("d").writes(t("z", 8, 8))
                .output("z").build();
    }

    /**
     * A random shaped DAG of {@code n} ops (about): convolutions with random channel counts, adds, and concats
     * followed by a convolution, a Relu and convolutions, or a depthwise convolution.
     */
    static Graph random(long seed, int n) {
        Random rnd = new Random(seed);
        GraphBuilder b = Graph.builder("rnd" + seed);
        long xc = 1 + rnd.nextInt(4);
        b.input(t("x", xc, 4));
        List<String> tensors = new ArrayList<>(List.of("x"));
        List<Long> chans = new ArrayList<>(List.of(xc));
        int ops = 0;
        int id = 0;
        List<String> extraOuts = new ArrayList<>();
        List<Boolean> consumed = new ArrayList<>(List.of(false));
        while (ops < n) {
            int kind = rnd.nextInt(10);
            if (kind < 5 || tensors.size() < 2) {
                int src = rnd.nextInt(tensors.size());
                long c = 1 + rnd.nextInt(4);
                String out = "t" + id++;
                b.op("op" + ops++, "Conv").reads(tensors.get(src)).writes(t(out, c, 4));
                consumed.set(src, true);
                tensors.add(out);
                chans.add(c);
                consumed.add(false);
            } else if (kind < 7 && tensors.size() >= 2) {
                int s1 = rnd.nextInt(tensors.size());
                int s2 = rnd.nextInt(tensors.size());
                long c = Math.max(chans.get(s1), chans.get(s2));
                String out = "t" + id++;
                b.op("op" + ops++, "Add").reads(tensors.get(s1), tensors.get(s2)).writes(t(out, c, 4))
                        .inplace(rnd.nextBoolean());
                consumed.set(s1, true);
                consumed.set(s2, true);
                tensors.add(out);
                chans.add(c);
                consumed.add(false);
            } else {
                int k = 2 + rnd.nextInt(2);
                List<String> parts = new ArrayList<>();
                long c = 0;
                for (int j = 0; j < k; j++) {
                    int s = rnd.nextInt(tensors.size());
                    parts.add(tensors.get(s));
                    consumed.set(s, true);
                    c += chans.get(s);
                }
                String y = "t" + id++;
                b.op("op" + ops++, "Concat").reads(parts.toArray(String[]::new)).writes(t(y, c, 4));
                String end = y;
                int tail = rnd.nextInt(6);
                if (tail == 1 || tail == 4) {
                    String r = "t" + id++;
                    b.op("op" + ops++, "Relu").reads(y).writes(t(r, c, 4)).inplace();
                    end = r;
                }
                if (tail == 4) {
                    // a factorised-reduction-like branch: Pad, AveragePool (4x4 -> 2x2), 1x1 conv
                    String p = "t" + id++;
                    b.op("op" + ops++, "Pad").reads(end).writes(t(p, c, 4));
                    String q = "t" + id++;
                    b.op("op" + ops++, "AveragePool").reads(p).writes(t(q, c, 2));
                    String out = "t" + id++;
                    long oc = 1 + rnd.nextInt(4);
                    b.op("op" + ops++, "Conv").reads(q).writes(t(out, oc, 2));
                    extraOuts.add(out);
                }
                if (tail == 5) {
                    // a reader that cannot be partitioned
                    String out = "t" + id++;
                    b.op("op" + ops++, "Gemm").reads(end).writes(t(out, 2, 4));
                    tensors.add(out);
                    chans.add(2L);
                    consumed.add(false);
                }
                int readers = tail == 2 ? 2 : 1;
                for (int j = 0; j < readers; j++) {
                    boolean dw = tail == 3;
                    long oc = dw ? c : 1 + rnd.nextInt(4);
                    String out = "t" + id++;
                    b.op("op" + ops++, dw ? "DepthwiseConv" : "Conv").reads(end).writes(t(out, oc, 4));
                    tensors.add(out);
                    chans.add(oc);
                    consumed.add(false);
                }
            }
        }
        List<String> outs = new ArrayList<>(extraOuts);
        for (int i = 0; i < tensors.size(); i++) {
            if (!consumed.get(i) && i > 0) {
                outs.add(tensors.get(i));
            }
        }
        return b.output(outs.toArray(String[]::new)).build();
    }
}
