package io.memsched.zoo;

import io.memsched.graph.Activation;
import io.memsched.graph.BadInputException;
import io.memsched.graph.Graph;
import io.memsched.graph.NetworkBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NAS-Bench-201 search space (Dong and Yang, "NAS-Bench-201: Extending the Scope of Reproducible Neural
 * Architecture Search", ICLR 2020): 15,625 cell networks, each an inference graph on the benchmark's CIFAR
 * skeleton.
 *
 * <p><b>Cell.</b> Four nodes; node 0 is the cell input, node {@code j} (1..3) is the sum of one operation on every
 * earlier node {@code i}, so six edges, each one of {@code none}, {@code skip_connect}, {@code nor_conv_1x1},
 * {@code nor_conv_3x3}, {@code avg_pool_3x3}; node 3 is the cell output. The architecture string lists the edges
 * node by node: {@code |op~0|+|op~0|op~1|+|op~0|op~1|op~2|}. {@code nor_conv_kxk} is ReLU, k x k convolution (stride
 * 1, same padding, C to C channels), batch norm (folded into the convolution, as in an inference graph); {@code
 * avg_pool_3x3} is 3x3 average pooling (stride 1, padding 1); {@code skip_connect} is the identity (no operator).
 * Weight-free operators on the same tensor are merged (one ReLU of a node feeds all its convolutions), as the
 * other NAS networks of the zoo are built ({@link NetworkBuilder#dedupe(boolean)}).
 *
 * <p><b>Cells cut off by {@code none} edges.</b> A {@code none} edge contributes zeros to a sum, so it is left
 * out. A node none of whose incoming edges contributes is zero, and its outgoing edges are left out as well.
 * Operations whose results reach no cell output are left out (dead code, as a graph compiler removes it). A node
 * with one contribution is that tensor (no sum operator); a node with several is one {@code Sum}. A cell whose
 * output node receives nothing outputs zeros of the input's shape: one {@code Mul} (by zero) of the cell input,
 * which is what the benchmark's own {@code Zero} operation computes ({@code x.mul(0.)}), so the next cell has an
 * input of the right shape.
 *
 * <p><b>Skeleton.</b> 3x32x32 input; stem 3x3 convolution to 16 channels (BN folded); three stages of five cells
 * with 16, 32 and 64 channels; between stages a residual reduction block (ReLU, 3x3 conv stride 2; ReLU, 3x3 conv;
 * shortcut 2x2 average pooling stride 2 and 1x1 conv; added); then batch norm, ReLU, global average pooling and a
 * 10-way fully connected layer (CIFAR-10). Float32 activations, batch 1.
 *
 * <p><b>Names.</b> {@code nasbench201-DDDDDD}: the op of each edge in architecture-string order as a digit (0 none,
 * 1 skip_connect, 2 nor_conv_1x1, 3 nor_conv_3x3, 4 avg_pool_3x3). Read as a base-5 number, the digits give the
 * architecture's index in this space's enumeration order (0 to 15,624); this is not the benchmark's own index.
 */
public final class NasBench201 {
    /** The operations of an edge, in digit order. */
    public static final List<String> OPERATIONS =
            List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3");
    /** Number of architectures: 5^6. */
    public static final int SIZE = 15_625;
    /** Name prefix of every network of the space. */
    public static final String PREFIX = "nasbench201-";

    private static final int EDGES = 6;
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "([0-4]{6})");
    private static final Pattern ARCH = Pattern.compile(
            "\\|([a-z0-9_]+)~0\\|\\+\\|([a-z0-9_]+)~0\\|([a-z0-9_]+)~1\\|\\+\\|([a-z0-9_]+)~0\\|([a-z0-9_]+)~1\\|([a-z0-9_]+)~2\\|");
    /** Edge k goes from node FROM[k] to node TO[k] (architecture-string order). */
    private static final int[] FROM = {0, 0, 1, 0, 1, 2};
    private static final int[] TO = {1, 2, 2, 3, 3, 3};

    /**
     * One architecture of the space.
     *
     * @param code the six edge digits in architecture-string order ({@code "330133"})
     */
    public record Arch(String code) {
        /** Checks the code. */
        public Arch {
            if (code == null || !code.matches("[0-4]{6}")) {
                throw new BadInputException("NAS-Bench-201 code must be six digits 0-4, was '" + code + "'");
            }
        }

        /** The architecture at {@code index} (0 to 15,624) of the enumeration order. */
        public static Arch ofIndex(int index) {
            if (index < 0 || index >= SIZE) {
                throw new BadInputException("NAS-Bench-201 index must be between 0 and " + (SIZE - 1) + ", was "
                        + index);
            }
            StringBuilder s = new StringBuilder(Integer.toString(index, 5));
            while (s.length() < EDGES) {
                s.insert(0, '0');
            }
            return new Arch(s.toString());
        }

        /** The architecture of a string such as {@code |nor_conv_3x3~0|+|none~0|skip_connect~1|+|...~2|}. */
        public static Arch parse(String archString) {
            Matcher m = ARCH.matcher(archString == null ? "" : archString.strip());
            if (!m.matches()) {
                throw new BadInputException("not a NAS-Bench-201 architecture string: '" + archString
                        + "' (expected |op~0|+|op~0|op~1|+|op~0|op~1|op~2|)");
            }
            StringBuilder code = new StringBuilder();
            for (int k = 1; k <= EDGES; k++) {
                int op = OPERATIONS.indexOf(m.group(k));
                if (op < 0) {
                    throw new BadInputException("unknown NAS-Bench-201 operation '" + m.group(k) + "' in '"
                            + archString + "' (one of " + String.join(", ", OPERATIONS) + ")");
                }
                code.append(op);
            }
            return new Arch(code.toString());
        }

        /** The position in the enumeration order. */
        public int index() {
            return Integer.parseInt(code, 5);
        }

        /** The operation of edge {@code k} (architecture-string order). */
        public String op(int k) {
            return OPERATIONS.get(code.charAt(k) - '0');
        }

        /** The stable zoo name, {@code nasbench201-DDDDDD}. */
        public String name() {
            return PREFIX + code;
        }

        /** The benchmark's architecture string. */
        public String archString() {
            return "|" + op(0) + "~0|+|" + op(1) + "~0|" + op(2) + "~1|+|" + op(3) + "~0|" + op(4) + "~1|" + op(5)
                    + "~2|";
        }
    }

    private NasBench201() {
    }

    /** The architecture a zoo name stands for, if it is a {@code nasbench201-DDDDDD} name. */
    public static Optional<Arch> ofName(String name) {
        Matcher m = NAME.matcher(name == null ? "" : name);
        return m.matches() ? Optional.of(new Arch(m.group(1))) : Optional.empty();
    }

    /** The network of {@code arch}, named {@link Arch#name()}. */
    public static Graph build(Arch arch) {
        var nb = new NetworkBuilder(arch.name()).dedupe(true);
        var x = nb.input("input", 3, 32, 32);
        nb.scope("stem");
        Activation cur = nb.conv(x, 16, 3, 1, 1);
        long channels = 16;
        int k = 0;
        for (int stage = 0; stage < 3; stage++) {
            if (stage > 0) {
                channels *= 2;
                nb.scope("cells." + k++);
                cur = reduction(nb, cur, channels);
            }
            for (int i = 0; i < 5; i++) {
                nb.scope("cells." + k++);
                cur = cell(nb, arch, cur, channels);
            }
        }
        nb.scope("head");
        var y = nb.dense(nb.flatten(nb.globalAvgPool(nb.relu(nb.batchNorm(cur)))), 10);
        return nb.output(y).build();
    }

    /** The benchmark's ResNet basic block with stride 2 (the reduction between stages). */
    private static Activation reduction(NetworkBuilder nb, Activation x, long channels) {
        Activation a = nb.conv(nb.relu(x), channels, 3, 2, 1);
        Activation b = nb.conv(nb.relu(a), channels, 3, 1, 1);
        Activation shortcut = nb.conv(nb.avgPool(x, 2, 2, 0), channels, 1, 1, 0);
        return nb.add(shortcut, b);
    }

    private static Activation cell(NetworkBuilder nb, Arch arch, Activation input, long channels) {
        // forward: which nodes carry a contribution; backward: which nodes reach the output
        boolean[] nonZero = new boolean[4];
        nonZero[0] = true;
        for (int k = 0; k < EDGES; k++) {
            nonZero[TO[k]] |= nonZero[FROM[k]] && code(arch, k) != 0;
        }
        boolean[] live = new boolean[4];
        live[3] = true;
        for (int k = EDGES - 1; k >= 0; k--) {
            live[FROM[k]] |= live[TO[k]] && code(arch, k) != 0 && nonZero[FROM[k]];
        }
        Activation[] nodes = new Activation[4];
        nodes[0] = input;
        for (int j = 1; j <= 3; j++) {
            if (!nonZero[j] || !live[j]) {
                continue;
            }
            List<Activation> parts = new ArrayList<>();
            for (int k = 0; k < EDGES; k++) {
                if (TO[k] == j && code(arch, k) != 0 && nonZero[FROM[k]]) {
                    parts.add(operation(nb, arch.op(k), nodes[FROM[k]], channels));
                }
            }
            nodes[j] = parts.size() == 1 ? parts.get(0) : nb.sum(parts.toArray(Activation[]::new));
        }
        return nodes[3] != null ? nodes[3] : nb.named("zero").unary("Mul", input);
    }

    private static int code(Arch arch, int k) {
        return arch.code().charAt(k) - '0';
    }

    private static Activation operation(NetworkBuilder nb, String op, Activation x, long channels) {
        return switch (op) {
            case "skip_connect" -> x;
            case "nor_conv_1x1" -> nb.conv(nb.relu(x), channels, 1, 1, 0);
            case "nor_conv_3x3" -> nb.conv(nb.relu(x), channels, 3, 1, 1);
            case "avg_pool_3x3" -> nb.avgPool(x, 3, 1, 1);
            default -> throw new IllegalStateException("operation " + op);
        };
    }
}
