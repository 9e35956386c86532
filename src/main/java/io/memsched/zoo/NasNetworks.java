package io.memsched.zoo;

import io.memsched.graph.Activation;
import io.memsched.graph.Graph;
import io.memsched.graph.NetworkBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * NAS cell networks (NASNet-A, AmoebaNet-A, DARTS, PNASNet-5) built from a {@link Genotype} on the CIFAR or ImageNet
 * skeleton used by the HMCOS benchmarks (Wang et al., "HMCOS: Hierarchical Memory-Constrained Operator Scheduling",
 * DAC 2022), as inference graphs: batch norm folded into the preceding convolution (except after the factorized
 * reduction's concat), identical weight-free operators merged as the ONNX exporter does
 * ({@link NetworkBuilder#dedupe(boolean)}).
 *
 * <p>Cell: preprocess the previous cell's output (ReLU, 1x1 conv to F) and the one before it (the same, or a
 * factorized reduction when it is twice as large); every block adds two operations on earlier states; the output
 * concatenates the genotype's states. In a reduction cell, operations on the two cell inputs use stride 2.
 * The exact definitions are in {@code research/NETWORKS.md}, section 3.4.
 */
public final class NasNetworks {
    private NasNetworks() {
    }

    /** CIFAR skeleton: 3x32x32 input, stem 3x3 conv to 32 channels, 6 normal, R, 6 normal, R, 6 normal, FC 100. */
    public static Graph cifar(String name, Genotype genotype, double initFilters) {
        var nb = new NetworkBuilder(name).dedupe(true);
        var x = nb.input("input", 3, 32, 32);
        nb.scope("stem");
        var stem = nb.conv(x, 32, 3, 1, 1);
        List<Boolean> plan = new ArrayList<>();
        for (int stage = 0; stage < 3; stage++) {
            if (stage > 0) {
                plan.add(true);
            }
            for (int i = 0; i < 6; i++) {
                plan.add(false);
            }
        }
        return cells(nb, genotype, initFilters, stem, plan, 100);
    }

    /**
     * ImageNet skeleton: 3x224x224 input, stem 3x3 conv stride 2 to 32 channels (112x112), cells R, R, 4 normal, R,
     * 4 normal, R, 4 normal (spatial 112 to 7), FC 1000.
     */
    public static Graph imagenet(String name, Genotype genotype, double initFilters) {
        var nb = new NetworkBuilder(name).dedupe(true);
        var x = nb.input("input", 3, 224, 224);
        nb.scope("stem");
        var stem = nb.conv(x, 32, 3, 2, 1);
        List<Boolean> plan = new ArrayList<>(List.of(true, true));
        for (int stage = 0; stage < 3; stage++) {
            if (stage > 0) {
                plan.add(true);
            }
            for (int i = 0; i < 4; i++) {
                plan.add(false);
            }
        }
        return cells(nb, genotype, initFilters, stem, plan, 1000);
    }

    private static Graph cells(NetworkBuilder nb, Genotype g, double init, Activation stem, List<Boolean> plan,
                               int classes) {
        Activation prev = stem;
        Activation cur = stem;
        double filters = init;
        for (int k = 0; k < plan.size(); k++) {
            boolean reduction = plan.get(k);
            if (reduction) {
                filters *= 2;
            }
            long f = Math.round(filters);
            if (Math.abs(f - filters) > 1e-9) {
                throw new IllegalArgumentException(nb.name() + ": cell " + k + " would have " + filters
                        + " filters; choose initial filters so that every cell has a whole number");
            }
            nb.scope("cells." + k);
            Activation out = cell(nb, g, reduction, k == 0, prev, cur, f);
            prev = cur;
            cur = out;
        }
        nb.scope("head");
        var y = nb.dense(nb.flatten(nb.globalAvgPool(nb.relu(cur))), classes);
        return nb.output(y).build();
    }

    private static Activation cell(NetworkBuilder nb, Genotype g, boolean reduction, boolean first, Activation prev,
                                   Activation cur, long f) {
        Activation c = nb.conv(nb.relu(cur), f, 1, 1, 0);
        Activation p;
        if (first) {
            p = c;
        } else if (prev.shape().h() == 2 * cur.shape().h()) {
            p = factorizedReduce(nb, prev, f);
        } else {
            p = nb.conv(nb.relu(prev), f, 1, 1, 0);
        }
        List<Activation> states = new ArrayList<>(List.of(p, c));
        for (Genotype.Block b : reduction ? g.reduction() : g.normal()) {
            Activation l = operation(nb, b.leftOp(), states.get(b.leftInput()), f, reduction && b.leftInput() < 2);
            Activation r = operation(nb, b.rightOp(), states.get(b.rightInput()), f, reduction && b.rightInput() < 2);
            states.add(nb.add(l, r));
        }
        List<Integer> concat = reduction ? g.reductionConcat() : g.normalConcat();
        Activation[] parts = concat.stream().map(states::get).toArray(Activation[]::new);
        return parts.length == 1 ? parts[0] : nb.concat(parts);
    }

    /** ReLU, then two 1x1 convs to F/2 on the stride-2 subsample and on the input shifted by one pixel; concat, BN. */
    static Activation factorizedReduce(NetworkBuilder nb, Activation x, long f) {
        Activation r = nb.relu(x);
        Activation a = nb.conv(nb.avgPool(nb.pad(r, 0, 0, 0, 0), 1, 2, 0), f / 2, 1, 1, 0);
        Activation shifted = nb.crop(nb.crop(nb.pad(r, 0, 0, 1, 1), 1, 0, 0, 0), 0, 1, 0, 0);
        Activation b = nb.conv(nb.avgPool(nb.pad(shifted, 0, 0, 0, 0), 1, 2, 0), f - f / 2, 1, 1, 0);
        return nb.batchNorm(nb.concat(a, b));
    }

    private static Activation operation(NetworkBuilder nb, String op, Activation x, long f, boolean strided) {
        int s = strided ? 2 : 1;
        return switch (op) {
            case "sep3" -> sep(nb, x, f, 3, s);
            case "sep5" -> sep(nb, x, f, 5, s);
            case "sep7" -> sep(nb, x, f, 7, s);
            case "dil3" -> nb.conv(nb.depthwise(nb.relu(x), 3, 1, 1), f, 1, 1, 0);
            case "avg3" -> nb.avgPool(x, 3, s, 1);
            case "max3" -> nb.maxPool(x, 3, s, 1);
            case "avg1x1" -> nb.avgPool(nb.pad(x, 0, 0, 0, 0), 1, s, 0);
            case "1x77x1" -> nb.conv(nb.conv(x, f, 1, 7, s, 0, 3), f, 7, 1, 1, 3, 0);
            case "id" -> {
                if (strided) {
                    throw new IllegalArgumentException(nb.name() + ": identity on a cell input of a reduction cell");
                }
                yield x;
            }
            default -> throw new IllegalArgumentException("unknown NAS operation '" + op + "'");
        };
    }

    private static Activation sep(NetworkBuilder nb, Activation x, long f, int k, int stride) {
        Activation a = nb.conv(nb.depthwise(nb.relu(x), k, stride, k / 2), f, 1, 1, 0);
        return nb.conv(nb.depthwise(nb.relu(a), k, 1, k / 2), f, 1, 1, 0);
    }
}
