package io.memsched.zoo;

import io.memsched.graph.Activation;
import io.memsched.graph.Graph;
import io.memsched.graph.NetworkBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * HRNet (Wang et al., "Deep High-Resolution Representation Learning for Visual Recognition", TPAMI 2020): parallel
 * branches at 1/4, 1/8, 1/16 and 1/32 resolution with widths W, 2W, 4W, 8W, repeatedly exchanging information in
 * fuse units, as an inference graph (3x224x224 input, batch norm folded).
 *
 * <p>Stem: two 3x3 stride-2 convs to 64 channels with ReLU. Stage 1: bottleneck blocks at 64 (256 out). Each later
 * stage adds a branch (3x3 stride-2 conv from the lowest-resolution branch) and repeats modules of basic blocks per
 * branch followed by a fuse unit: every output branch sums all branches, brought to its resolution by a 1x1 conv and
 * nearest upsampling (from lower resolutions) or by chains of 3x3 stride-2 convs (from higher ones), then ReLU.
 * Head (HRNetV2): upsample all branches to 1/4, concatenate, 1x1 conv with ReLU.
 */
public final class HrNet {
    private HrNet() {
    }

    /**
     * An HRNet configuration.
     *
     * @param width W, the width of the highest-resolution branch (18, 32, 48)
     * @param stage1Blocks bottleneck blocks in stage 1
     * @param modules modules in stages 2, 3, 4
     * @param blocks basic blocks per branch in every module
     */
    public record Config(int width, int stage1Blocks, int[] modules, int blocks) {
        /** HRNet-W18/W32/W48 as published: 4 bottlenecks, modules 1, 4, 3, 4 blocks per branch. */
        public static Config standard(int width) {
            return new Config(width, 4, new int[] {1, 4, 3}, 4);
        }

        /** HRNet-W18-Small-v1 style: 1 bottleneck, one module per stage, 1 block per branch. */
        public static Config small(int width) {
            return new Config(width, 1, new int[] {1, 1, 1}, 1);
        }
    }

    /** The network for {@code config}. */
    public static Graph build(String name, Config config) {
        var nb = new NetworkBuilder(name).dedupe(true);
        var x = nb.input("input", 3, 224, 224);
        nb.scope("stem");
        Activation y = nb.relu(nb.conv(nb.relu(nb.conv(x, 64, 3, 2, 1)), 64, 3, 2, 1));
        for (int b = 0; b < config.stage1Blocks(); b++) {
            nb.scope("stage1." + b);
            y = bottleneck(nb, y, 64);
        }
        List<Activation> branches = new ArrayList<>();
        nb.scope("transition1");
        branches.add(nb.relu(nb.conv(y, config.width(), 3, 1, 1)));
        branches.add(nb.relu(nb.conv(y, 2L * config.width(), 3, 2, 1)));
        for (int stage = 0; stage < 3; stage++) {
            if (stage > 0) {
                nb.scope("transition" + (stage + 1));
                Activation low = branches.get(branches.size() - 1);
                branches.add(nb.relu(nb.conv(low, (long) config.width() << branches.size(), 3, 2, 1)));
            }
            for (int m = 0; m < config.modules()[stage]; m++) {
                String scope = "stage" + (stage + 2) + "." + m;
                for (int br = 0; br < branches.size(); br++) {
                    for (int b = 0; b < config.blocks(); b++) {
                        nb.scope(scope + ".branch" + br + "." + b);
                        branches.set(br, basicBlock(nb, branches.get(br)));
                    }
                }
                nb.scope(scope + ".fuse");
                branches = fuse(nb, branches);
            }
        }
        nb.scope("head");
        Activation[] parts = new Activation[branches.size()];
        for (int br = 0; br < parts.length; br++) {
            parts[br] = br == 0 ? branches.get(0) : nb.upsample(branches.get(br), 1 << br);
        }
        Activation cat = nb.concat(parts);
        return nb.output(nb.relu(nb.conv(cat, cat.shape().c(), 1, 1, 0))).build();
    }

    private static List<Activation> fuse(NetworkBuilder nb, List<Activation> in) {
        List<Activation> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            long channels = in.get(i).shape().c();
            Activation sum = null;
            for (int j = 0; j < in.size(); j++) {
                Activation t = in.get(j);
                if (j > i) {
                    t = nb.upsample(nb.conv(t, channels, 1, 1, 0), 1 << (j - i));
                } else if (j < i) {
                    for (int k = 0; k < i - j; k++) {
                        boolean last = k == i - j - 1;
                        t = nb.conv(t, last ? channels : t.shape().c(), 3, 2, 1);
                        t = last ? t : nb.relu(t);
                    }
                }
                sum = sum == null ? t : nb.add(sum, t);
            }
            out.add(nb.relu(sum));
        }
        return out;
    }

    private static Activation basicBlock(NetworkBuilder nb, Activation x) {
        long c = x.shape().c();
        Activation a = nb.conv(nb.relu(nb.conv(x, c, 3, 1, 1)), c, 3, 1, 1);
        return nb.relu(nb.add(a, x));
    }

    private static Activation bottleneck(NetworkBuilder nb, Activation x, long width) {
        Activation a = nb.relu(nb.conv(x, width, 1, 1, 0));
        Activation b = nb.relu(nb.conv(a, width, 3, 1, 1));
        Activation c = nb.conv(b, width * 4, 1, 1, 0);
        Activation skip = x.shape().c() != width * 4 ? nb.conv(x, width * 4, 1, 1, 0) : x;
        return nb.relu(nb.add(c, skip));
    }
}
