package io.memsched.zoo;

import io.memsched.graph.Activation;
import io.memsched.graph.Graph;
import io.memsched.graph.NetworkBuilder;

/**
 * Classic chain-like CNNs for contrast, as torchvision defines them and exports them for inference (3x224x224 input,
 * batch norm folded into the convolutions, dropout removed): ResNet-18/50 (He et al., CVPR 2016), MobileNetV2
 * (Sandler et al., CVPR 2018) and GoogLeNet, an Inception-v1 network (Szegedy et al., CVPR 2015).
 */
public final class ClassicNetworks {
    private ClassicNetworks() {
    }

    /** ResNet-18: basic blocks [2, 2, 2, 2]. */
    public static Graph resnet18() {
        return resnet("resnet18", new int[] {2, 2, 2, 2}, false);
    }

    /** ResNet-50: bottleneck blocks [3, 4, 6, 3]. */
    public static Graph resnet50() {
        return resnet("resnet50", new int[] {3, 4, 6, 3}, true);
    }

    private static Graph resnet(String name, int[] blocks, boolean bottleneck) {
        var nb = new NetworkBuilder(name);
        var x = nb.input("input", 3, 224, 224);
        nb.scope("stem");
        var y = nb.maxPool(nb.relu(nb.conv(x, 64, 7, 2, 3)), 3, 2, 1);
        long width = 64;
        for (int layer = 0; layer < blocks.length; layer++) {
            for (int b = 0; b < blocks[layer]; b++) {
                nb.scope("layer" + (layer + 1) + "." + b);
                int stride = layer > 0 && b == 0 ? 2 : 1;
                y = bottleneck ? bottleneckBlock(nb, y, width, stride) : basicBlock(nb, y, width, stride);
            }
            width *= 2;
        }
        nb.scope("head");
        return nb.output(nb.dense(nb.flatten(nb.globalAvgPool(y)), 1000)).build();
    }

    private static Activation basicBlock(NetworkBuilder nb, Activation x, long width, int stride) {
        Activation a = nb.relu(nb.conv(x, width, 3, stride, 1));
        Activation b = nb.conv(a, width, 3, 1, 1);
        Activation skip = stride != 1 || x.shape().c() != width ? nb.conv(x, width, 1, stride, 0) : x;
        return nb.relu(nb.add(b, skip));
    }

    private static Activation bottleneckBlock(NetworkBuilder nb, Activation x, long width, int stride) {
        Activation a = nb.relu(nb.conv(x, width, 1, 1, 0));
        Activation b = nb.relu(nb.conv(a, width, 3, stride, 1));
        Activation c = nb.conv(b, width * 4, 1, 1, 0);
        Activation skip = stride != 1 || x.shape().c() != width * 4 ? nb.conv(x, width * 4, 1, stride, 0) : x;
        return nb.relu(nb.add(c, skip));
    }

    /** MobileNetV2 (width 1.0): inverted residual blocks with ReLU6 ({@code Clip}) and linear bottlenecks. */
    public static Graph mobilenetV2() {
        var nb = new NetworkBuilder("mobilenet-v2");
        var x = nb.input("input", 3, 224, 224);
        nb.scope("features.0");
        var y = nb.relu6(nb.conv(x, 32, 3, 2, 1));
        int[][] settings = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2},
            {6, 320, 1, 1}};
        int index = 1;
        for (int[] s : settings) {
            for (int i = 0; i < s[2]; i++) {
                nb.scope("features." + index++);
                int stride = i == 0 ? s[3] : 1;
                Activation h = y;
                if (s[0] != 1) {
                    h = nb.relu6(nb.conv(h, y.shape().c() * s[0], 1, 1, 0));
                }
                h = nb.conv(nb.relu6(nb.depthwise(h, 3, stride, 1)), s[1], 1, 1, 0);
                y = stride == 1 && y.shape().c() == s[1] ? nb.add(y, h) : h;
            }
        }
        nb.scope("features." + index);
        y = nb.relu6(nb.conv(y, 1280, 1, 1, 0));
        nb.scope("head");
        return nb.output(nb.dense(nb.flatten(nb.globalAvgPool(y)), 1000)).build();
    }

    /** GoogLeNet (Inception v1) as torchvision builds it (3x3 convs in the "5x5" branch, ceil-mode pooling). */
    public static Graph googlenet() {
        var nb = new NetworkBuilder("googlenet");
        var x = nb.input("input", 3, 224, 224);
        nb.scope("stem");
        var y = nb.maxPool(nb.relu(nb.conv(x, 64, 7, 2, 3)), 3, 2, 0, true);
        y = nb.relu(nb.conv(y, 64, 1, 1, 0));
        y = nb.maxPool(nb.relu(nb.conv(y, 192, 3, 1, 1)), 3, 2, 0, true);
        y = inception(nb, "inception3a", y, 64, 96, 128, 16, 32, 32);
        y = inception(nb, "inception3b", y, 128, 128, 192, 32, 96, 64);
        y = nb.maxPool(y, 3, 2, 0, true);
        y = inception(nb, "inception4a", y, 192, 96, 208, 16, 48, 64);
        y = inception(nb, "inception4b", y, 160, 112, 224, 24, 64, 64);
        y = inception(nb, "inception4c", y, 128, 128, 256, 24, 64, 64);
        y = inception(nb, "inception4d", y, 112, 144, 288, 32, 64, 64);
        y = inception(nb, "inception4e", y, 256, 160, 320, 32, 128, 128);
        y = nb.maxPool(y, 2, 2, 0, true);
        y = inception(nb, "inception5a", y, 256, 160, 320, 32, 128, 128);
        y = inception(nb, "inception5b", y, 384, 192, 384, 48, 128, 128);
        nb.scope("head");
        return nb.output(nb.dense(nb.flatten(nb.globalAvgPool(y)), 1000)).build();
    }

    private static Activation inception(NetworkBuilder nb, String scope, Activation x, long c1, long c3r, long c3,
                                        long c5r, long c5, long pool) {
        nb.scope(scope);
        Activation b1 = nb.relu(nb.conv(x, c1, 1, 1, 0));
        Activation b2 = nb.relu(nb.conv(nb.relu(nb.conv(x, c3r, 1, 1, 0)), c3, 3, 1, 1));
        Activation b3 = nb.relu(nb.conv(nb.relu(nb.conv(x, c5r, 1, 1, 0)), c5, 3, 1, 1));
        Activation b4 = nb.relu(nb.conv(nb.maxPool(x, 3, 1, 1, true), pool, 1, 1, 0));
        return nb.concat(b1, b2, b3, b4);
    }
}
