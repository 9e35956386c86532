package io.memsched.zoo;

import io.memsched.graph.Activation;
import io.memsched.graph.Graph;
import io.memsched.graph.NetworkBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * NAS-FPN (Ghiasi, Lin, Le, "NAS-FPN: Learning Scalable Feature Pyramid Architecture for Object Detection", CVPR 2019):
 * stacked merging cells over the pyramid levels P3-P7, as an inference graph (batch norm folded).
 *
 * <p>Backbone (compact, so that the 256-channel pyramid, not the backbone, holds the peak): 3x256x256 input, two
 * stem 3x3 stride-2 convs to 16 and 32 channels, C3-C5 (64, 128, 256 channels) by stride-2 3x3 convs with ReLU,
 * 1x1 lateral convs to 256 channels (P3-P5), P6 and P7 by stride-2 3x3 convs. Each NAS-FPN layer
 * runs the seven merging cells of the published architecture (block specs of the reference implementation): a cell
 * brings its two inputs to the target level (max pooling down, nearest upsampling up), combines them by sum or by
 * global-pooling attention ({@code a + b * sigmoid(globalMaxPool(a))}), adds same-level features no cell has used
 * yet when it is
 * an output cell, then ReLU and 3x3 conv. The five output cells are the next layer's P3-P7; the last layer's are the
 * graph outputs.
 */
public final class NasFpn {
    /** Channels of every pyramid level. */
    static final long CHANNELS = 256;

    /** One merging cell: target level, whether it combines by attention, input indices, whether it is an output. */
    private record Cell(int level, boolean attention, int first, int second, boolean output) {
    }

    private static final List<Cell> CELLS = List.of(
            new Cell(4, true, 1, 3, false),
            new Cell(4, false, 1, 5, false),
            new Cell(3, false, 0, 6, true),
            new Cell(4, false, 6, 7, true),
            new Cell(5, true, 7, 8, true),
            new Cell(7, true, 6, 9, true),
            new Cell(6, true, 9, 10, true));

    private NasFpn() {
    }

    /** NAS-FPN with {@code layers} stacked pyramid layers. */
    public static Graph build(String name, int layers) {
        var nb = new NetworkBuilder(name).dedupe(true);
        var x = nb.input("input", 3, 256, 256);
        nb.scope("backbone");
        Activation c = nb.relu(nb.conv(nb.relu(nb.conv(x, 16, 3, 2, 1)), 32, 3, 2, 1));
        List<Activation> pyramid = new ArrayList<>();
        long width = 64;
        for (int level = 3; level <= 5; level++) {
            c = nb.relu(nb.conv(c, width, 3, 2, 1));
            pyramid.add(nb.conv(c, CHANNELS, 1, 1, 0));
            width *= 2;
        }
        Activation p6 = nb.conv(c, CHANNELS, 3, 2, 1);
        pyramid.add(p6);
        pyramid.add(nb.conv(nb.relu(p6), CHANNELS, 3, 2, 1));
        for (int layer = 0; layer < layers; layer++) {
            nb.scope("fpn." + layer);
            pyramid = layer(nb, pyramid);
        }
        return nb.output(pyramid.toArray(Activation[]::new)).build();
    }

    private static List<Activation> layer(NetworkBuilder nb, List<Activation> p) {
        List<Activation> feats = new ArrayList<>(p);
        List<Integer> levels = new ArrayList<>(List.of(3, 4, 5, 6, 7));
        List<Integer> uses = new ArrayList<>(List.of(0, 0, 0, 0, 0));
        Activation[] outputs = new Activation[5];
        for (Cell cell : CELLS) {
            Activation a = resize(nb, feats.get(cell.first()), levels.get(cell.first()), cell.level());
            Activation b = resize(nb, feats.get(cell.second()), levels.get(cell.second()), cell.level());
            uses.set(cell.first(), uses.get(cell.first()) + 1);
            uses.set(cell.second(), uses.get(cell.second()) + 1);
            Activation y = cell.attention() ? nb.add(a, nb.scale(b, nb.sigmoid(nb.globalMaxPool(a)))) : nb.add(a, b);
            if (cell.output()) {
                for (int j = 0; j < feats.size(); j++) {
                    if (uses.get(j) == 0 && levels.get(j) == cell.level()) {
                        uses.set(j, 1);
                        y = nb.add(y, feats.get(j));
                    }
                }
            }
            y = nb.conv(nb.relu(y), CHANNELS, 3, 1, 1);
            feats.add(y);
            levels.add(cell.level());
            uses.add(0);
            if (cell.output()) {
                outputs[cell.level() - 3] = y;
            }
        }
        return List.of(outputs);
    }

    private static Activation resize(NetworkBuilder nb, Activation x, int from, int to) {
        if (from < to) {
            int f = 1 << (to - from);
            return nb.maxPool(x, f, f, 0);
        }
        return from > to ? nb.upsample(x, 1 << (from - to)) : x;
    }
}
