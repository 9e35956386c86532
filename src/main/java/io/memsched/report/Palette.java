package io.memsched.report;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One colour per key (an operator type, a method id, any label), the same in every picture, every session and every
 * run: common ONNX operator types and the registered method ids have fixed colours; any other key gets a colour
 * derived from a hash of its text. No state: two drawings of the same graph, or of two graphs, colour {@code Conv}
 * alike.
 * <pre>{@code
 * Palette.colour("Conv");        // "#4e79a7", always
 * Palette.colour("my-key");      // a hash colour, always the same for this key
 * Palette.textColour("#4e79a7"); // "white": readable on that fill
 * }</pre>
 */
public final class Palette {
    /** Fixed colours of common operator types (ONNX names) and of the registered methods. */
    private static final Map<String, String> FIXED = Map.ofEntries(
            Map.entry("Conv", "#4e79a7"),
            Map.entry("ConvTranspose", "#2c5985"),
            Map.entry("DepthwiseConv", "#7ea6cf"),
            Map.entry("PartialConv", "#34628f"),
            Map.entry("Relu", "#f28e2b"),
            Map.entry("LeakyRelu", "#f5a35a"),
            Map.entry("Clip", "#ffbe7d"),
            Map.entry("Sigmoid", "#e8a33d"),
            Map.entry("HardSigmoid", "#d3932b"),
            Map.entry("HardSwish", "#c07d1f"),
            Map.entry("Tanh", "#f1ce63"),
            Map.entry("Add", "#59a14f"),
            Map.entry("Sum", "#3f8a36"),
            Map.entry("Sub", "#8cd17d"),
            Map.entry("Mul", "#b6992d"),
            Map.entry("Div", "#a08424"),
            Map.entry("Concat", "#e15759"),
            Map.entry("Split", "#ff9d9a"),
            Map.entry("Slice", "#d37295"),
            Map.entry("MaxPool", "#76b7b2"),
            Map.entry("AveragePool", "#499894"),
            Map.entry("GlobalAveragePool", "#2f7a76"),
            Map.entry("GlobalMaxPool", "#5f9f9a"),
            Map.entry("BatchNormalization", "#edc948"),
            Map.entry("Gemm", "#b07aa1"),
            Map.entry("MatMul", "#d4a6c8"),
            Map.entry("Softmax", "#9467bd"),
            Map.entry("Pad", "#9d7660"),
            Map.entry("Resize", "#c49c94"),
            Map.entry("Upsample", "#c49c94"),
            Map.entry("Flatten", "#a5a5a5"),
            Map.entry("Reshape", "#8c8c8c"),
            Map.entry("Transpose", "#7f7f7f"),
            Map.entry("Squeeze", "#b0b0b0"),
            Map.entry("Unsqueeze", "#b0b0b0"),
            Map.entry("Identity", "#c7c7c7"),
            Map.entry("Dropout", "#c7c7c7"),
            Map.entry("ReduceMean", "#86bcb6"),
            // methods (registry ids)
            Map.entry("program", "#9c9c9c"),
            Map.entry("rpo", "#4e79a7"),
            Map.entry("greedy", "#f28e2b"),
            Map.entry("dfs", "#b07aa1"),
            Map.entry("lpmf", "#edc948"),
            Map.entry("dp", "#59a14f"),
            Map.entry("hmcos", "#e15759"),
            Map.entry("ilp", "#76b7b2"),
            Map.entry("best", "#2f6b28"),
            // words the drawings use
            Map.entry("fused", "#e15759"),
            Map.entry("unfused", "#c7c7c7"),
            Map.entry("workspace", "#bab0ac"),
            Map.entry("other tensors", "#d9d9d9"));

    private Palette() {
    }

    /** The colour of {@code key} as {@code #rrggbb}: fixed for common operator types and methods, else a hash colour. */
    public static String colour(String key) {
        Objects.requireNonNull(key, "key");
        String fixed = FIXED.get(key);
        return fixed != null ? fixed : hashed(key);
    }

    /** Whether {@code key} has a fixed colour (common operator types, method ids). */
    public static boolean isFixed(String key) {
        return FIXED.containsKey(key);
    }

    /** {@code "white"} or {@code "#1a1a1a"}, whichever reads better on {@code fill} ({@code #rrggbb}). */
    public static String textColour(String fill) {
        int r = Integer.parseInt(fill.substring(1, 3), 16);
        int g = Integer.parseInt(fill.substring(3, 5), 16);
        int b = Integer.parseInt(fill.substring(5, 7), 16);
        double luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
        // contrast against white vs against near-black
        return (1.05) / (luminance + 0.05) >= (luminance + 0.05) / 0.0605 ? "white" : "#1a1a1a";
    }

    private static double lin(int c) {
        double s = c / 255.0;
        return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }

    /** A mid-saturation colour whose hue comes from a 32-bit FNV-1a hash of the key's UTF-16 text. */
    private static String hashed(String key) {
        int h = 0x811c9dc5;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x01000193;
        }
        double hue = Integer.toUnsignedLong(h) % 360;
        double sat = 0.45 + ((Integer.toUnsignedLong(h) >>> 9) % 20) / 100.0;
        double light = 0.45 + ((Integer.toUnsignedLong(h) >>> 17) % 15) / 100.0;
        return hsl(hue, sat, light);
    }

    private static String hsl(double h, double s, double l) {
        double c = (1 - Math.abs(2 * l - 1)) * s;
        double x = c * (1 - Math.abs((h / 60) % 2 - 1));
        double m = l - c / 2;
        double r;
        double g;
        double b;
        if (h < 60) {
            r = c; g = x; b = 0;
        } else if (h < 120) {
            r = x; g = c; b = 0;
        } else if (h < 180) {
            r = 0; g = c; b = x;
        } else if (h < 240) {
            r = 0; g = x; b = c;
        } else if (h < 300) {
            r = x; g = 0; b = c;
        } else {
            r = c; g = 0; b = x;
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round((r + m) * 255), Math.round((g + m) * 255),
                Math.round((b + m) * 255));
    }
}
