package io.memsched.zoo;

import io.memsched.graph.Activation;
import io.memsched.graph.Graph;
import io.memsched.graph.NetworkBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * RandWire: randomly wired networks (Xie, Kirillov, Girshick, He, "Exploring Randomly Wired Neural Networks for Image
 * Recognition", ICCV 2019), as inference graphs (3x224x224 input, batch norm folded).
 *
 * <p>Each stage is a random graph ({@link RandomGraphs}, redrawn until connected) turned into a DAG by orienting every
 * edge from the lower to the higher node number. A node sums its inputs (a chain of binary {@code Add}s; the
 * learned weights are folded), then ReLU, 3x3 depthwise and 1x1 pointwise convolution. Nodes without inputs read the
 * stage input with stride 2; the stage output is the average of the nodes without successors (Adds and a
 * {@code Mul}). Small regime: conv 3x3 s2 C/2, ReLU, conv 3x3 s2 C, stages of N nodes with C, 2C, 4C channels.
 * Regular regime: conv 3x3 s2 C/2, stages of N/2, N, N, N nodes with C, 2C, 4C, 8C channels. Head: ReLU, 1x1 conv to
 * 1280, ReLU, global average pooling, FC 1000. One {@link Random} seeded with {@code seed} draws all stages in order,
 * so the same arguments always give the same graph.
 */
public final class RandWire {
    private RandWire() {
    }

    /** The regimes of the paper. */
    public enum Regime {
        /** Three random stages after two plain convolutions. */
        SMALL,
        /** Four random stages after one plain convolution. */
        REGULAR
    }

    /** A RandWire network with {@code nodes} nodes per stage (N), base channels {@code c} (C) and a seed. */
    public static Graph build(String name, RandomGraphs.Model model, Regime regime, int nodes, long c, long seed) {
        var nb = new NetworkBuilder(name).dedupe(true);
        Random rng = new Random(seed);
        var x = nb.input("input", 3, 224, 224);
        nb.scope("pre");
        Activation y = nb.conv(x, c / 2, 3, 2, 1);
        List<int[]> stages = new ArrayList<>();
        if (regime == Regime.SMALL) {
            y = nb.conv(nb.relu(y), c, 3, 2, 1);
            stages.add(new int[] {nodes, 1});
            stages.add(new int[] {nodes, 2});
            stages.add(new int[] {nodes, 4});
        } else {
            stages.add(new int[] {nodes / 2, 1});
            stages.add(new int[] {nodes, 2});
            stages.add(new int[] {nodes, 4});
            stages.add(new int[] {nodes, 8});
        }
        for (int s = 0; s < stages.size(); s++) {
            nb.scope("stages." + s);
            boolean[][] graph = RandomGraphs.connected(model, stages.get(s)[0], rng);
            y = stage(nb, y, graph, c * stages.get(s)[1]);
        }
        nb.scope("head");
        y = nb.relu(nb.conv(nb.relu(y), 1280, 1, 1, 0));
        return nb.output(nb.dense(nb.flatten(nb.globalAvgPool(y)), 1000)).build();
    }

    static Activation stage(NetworkBuilder nb, Activation in, boolean[][] adj, long channels) {
        int n = adj.length;
        Activation[] out = new Activation[n];
        List<Activation> sinks = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            Activation agg = null;
            for (int u = 0; u < v; u++) {
                if (adj[u][v]) {
                    agg = agg == null ? out[u] : nb.add(agg, out[u]);
                }
            }
            int stride = agg == null ? 2 : 1;
            Activation src = agg == null ? in : agg;
            out[v] = nb.conv(nb.depthwise(nb.relu(src), 3, stride, 1), channels, 1, 1, 0);
        }
        for (int v = 0; v < n; v++) {
            boolean sink = true;
            for (int w = v + 1; w < n && sink; w++) {
                sink = !adj[v][w];
            }
            if (sink) {
                sinks.add(out[v]);
            }
        }
        Activation sum = sinks.get(0);
        for (int k = 1; k < sinks.size(); k++) {
            sum = nb.add(sum, sinks.get(k));
        }
        return nb.unary("Mul", sum);
    }
}
