package io.memsched.zoo;

import io.memsched.graph.Graph;
import io.memsched.graph.GraphBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Seeded generators of very large networks (10,000 to 1,000,000 operators), for scale tests and measurements:
 * far larger than any benchmark of the papers, with the wiring that makes scheduling hard.
 * <ul>
 *   <li>{@link #randomlyWired}: RandWire-style stages (Xie et al., ICCV 2019), each a Watts-Strogatz WS(N, 4, 0.75)
 *       graph oriented from lower to higher node index; a node sums its inputs with a chain of binary Adds and then
 *       runs ReLU (in place), a depthwise and a pointwise convolution. Channels double and the resolution halves from
 *       stage to stage.</li>
 *   <li>{@link #multiScale}: HRNet-style parallel branches at four resolutions, each a chain of residual blocks,
 *       with a full exchange (every branch resampled to every other and summed) after each stage.</li>
 * </ul>
 * The same arguments always give the same graph. Generation is O(n) time and memory.
 */
public final class LargeGraphs {
    private static final int RANDWIRE_STAGES = 4;
    private static final double OPS_PER_RANDWIRE_NODE = 4.3;

    private LargeGraphs() {
    }

    /**
     * A randomly wired network with about {@code targetOps} operators (at least 100), from {@code seed}.
     *
     * @throws IllegalArgumentException when {@code targetOps} is below 100 or above 10,000,000
     */
    public static Graph randomlyWired(int targetOps, long seed) {
        check(targetOps);
        int nodes = Math.max(8, (int) (targetOps / (RANDWIRE_STAGES * OPS_PER_RANDWIRE_NODE)));
        Random random = new Random(seed);
        Net net = new Net("randwire-" + targetOps + "-s" + seed, 3L * 224 * 224 * 4);
        int channels = 32;
        int side = 56;
        String x = net.op("stem", "Conv", bytes(channels, side), net.input);
        for (int s = 0; s < RANDWIRE_STAGES; s++) {
            x = wsStage(net, "s" + s + "_", x, wsGraph(nodes, 4, 0.75, random), bytes(channels, side));
            channels *= 2;
            side = Math.max(1, side / 2);
        }
        String head = net.op("head", "Gemm", 4000, x);
        return net.b.output(head).build();
    }

    /**
     * A multi-scale (HRNet-like) network with about {@code targetOps} operators (at least 100), from {@code seed}
     * (the seed varies the number of residual blocks of each branch and stage between 1 and 3).
     *
     * @throws IllegalArgumentException when {@code targetOps} is below 100 or above 10,000,000
     */
    public static Graph multiScale(int targetOps, long seed) {
        check(targetOps);
        Random random = new Random(seed);
        Net net = new Net("multiscale-" + targetOps + "-s" + seed, 3L * 256 * 256 * 4);
        final int branches = 4;
        long[] size = new long[branches];
        for (int r = 0; r < branches; r++) {
            size[r] = bytes(32 << r, 64 >> r);
        }
        String[] cur = new String[branches];
        cur[0] = net.op("stem", "Conv", size[0], net.input);
        for (int r = 1; r < branches; r++) {
            cur[r] = net.op("stem_down" + r, "Conv", size[r], cur[r - 1]);
        }
        int stage = 0;
        while (net.ops < targetOps - 4 * branches) {
            for (int r = 0; r < branches; r++) {
                int blocks = 1 + random.nextInt(3);
                for (int k = 0; k < blocks; k++) {
                    String p = "st" + stage + "_b" + r + "_r" + k + "_";
                    String a = net.op(p + "conv1", "Conv", size[r], cur[r]);
                    String relu = net.inplaceOp(p + "relu", "Relu", size[r], a);
                    String c = net.op(p + "conv2", "Conv", size[r], relu);
                    cur[r] = net.op(p + "add", "Add", size[r], c, cur[r]);
                }
            }
            String[] next = new String[branches];
            for (int to = 0; to < branches; to++) {
                String sum = null;
                for (int from = 0; from < branches; from++) {
                    String v = cur[from];
                    if (from != to) {
                        String kind = from < to ? "Conv" : "Resize";
                        v = net.op("st" + stage + "_x" + from + "to" + to, kind, size[to], v);
                    }
                    sum = sum == null ? v : net.op("st" + stage + "_sum" + to + "_" + from, "Add", size[to], sum, v);
                }
                next[to] = sum;
            }
            cur = next;
            stage++;
        }
        String up = cur[0];
        for (int r = 1; r < branches; r++) {
            String u = net.op("head_up" + r, "Resize", size[0], cur[r]);
            up = net.op("head_cat" + r, "Add", size[0], up, u);
        }
        return net.b.output(net.op("head", "Conv", size[0] / 4, up)).build();
    }

    private static void check(int targetOps) {
        if (targetOps < 100 || targetOps > 10_000_000) {
            throw new IllegalArgumentException("targetOps must be between 100 and 10,000,000, was " + targetOps);
        }
    }

    private static long bytes(int channels, int side) {
        return 4L * channels * side * side;
    }

    /** Undirected WS(n, k, p) as adjacency sets, rewired clockwise as in networkx. */
    static List<Set<Integer>> wsGraph(int n, int k, double p, Random random) {
        List<Set<Integer>> adj = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            adj.add(new HashSet<>());
        }
        for (int j = 1; j <= k / 2; j++) {
            for (int i = 0; i < n; i++) {
                int v = (i + j) % n;
                adj.get(i).add(v);
                adj.get(v).add(i);
            }
        }
        for (int j = 1; j <= k / 2; j++) {
            for (int i = 0; i < n; i++) {
                int v = (i + j) % n;
                if (random.nextDouble() < p && adj.get(i).contains(v) && adj.get(i).size() < n - 1) {
                    int w = random.nextInt(n);
                    while (w == i || adj.get(i).contains(w)) {
                        w = random.nextInt(n);
                    }
                    adj.get(i).remove(v);
                    adj.get(v).remove(i);
                    adj.get(i).add(w);
                    adj.get(w).add(i);
                }
            }
        }
        return adj;
    }

    private static String wsStage(Net net, String prefix, String input, List<Set<Integer>> adj, long size) {
        int n = adj.size();
        String[] out = new String[n];
        List<String> sinks = new ArrayList<>();
        for (int node = 0; node < n; node++) {
            final int i = node;
            List<Integer> preds = adj.get(i).stream().filter(j -> j < i).sorted().toList();
            String p = prefix + "n" + i + "_";
            String agg;
            if (preds.isEmpty()) {
                agg = input;
            } else {
                agg = out[preds.get(0)];
                for (int q = 1; q < preds.size(); q++) {
                    agg = net.op(p + "agg" + q, "Add", size, agg, out[preds.get(q)]);
                }
            }
            String relu = net.op(p + "relu", "Relu", size, agg);
            String dw = net.op(p + "dw", "Conv", size, relu);
            out[i] = net.op(p + "pw", "Conv", size, dw);
            if (adj.get(i).stream().noneMatch(j -> j > i)) {
                sinks.add(out[i]);
            }
        }
        String avg = sinks.get(0);
        for (int q = 1; q < sinks.size(); q++) {
            avg = net.op(prefix + "out" + q, "Add", size, avg, sinks.get(q));
        }
        return net.op(prefix + "mean", "Mul", size, avg);
    }

    /** A builder that names each operator's single output after it. */
    private static final class Net {
        final GraphBuilder b;
        final String input = "input";
        int ops;

        Net(String name, long inputBytes) {
            b = Graph.builder(name).input(input, inputBytes);
        }

        String op(String name, String type, long bytes, String... inputs) {
            b.op(name, type).reads(inputs).writes(name + ":0", bytes);
            ops++;
            return name + ":0";
        }

        String inplaceOp(String name, String type, long bytes, String... inputs) {
            String out = op(name, type, bytes, inputs);
            b.inplace();
            return out;
        }
    }
}
