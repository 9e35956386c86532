package io.memsched.zoo;

import java.util.List;
import java.util.Objects;

/**
 * A NAS cell genotype: the normal and the reduction cell, each a list of blocks and the states concatenated into
 * the cell output. States are numbered 0 = output of the cell before the previous one, 1 = output of the previous
 * cell, 2.. = outputs of the blocks. The four published genotypes are given as HMCOS benchmarks use them (see
 * {@code research/NETWORKS.md}, section 3.4).
 *
 * @param name short name, e.g. {@code nasnet}
 * @param normal blocks of the normal cell
 * @param normalConcat states concatenated into the normal cell's output
 * @param reduction blocks of the reduction cell
 * @param reductionConcat states concatenated into the reduction cell's output
 */
public record Genotype(String name, List<Block> normal, List<Integer> normalConcat, List<Block> reduction,
                       List<Integer> reductionConcat) {

    /** Operation names: separable, dilated, pooling, identity and factorized 7x7 convolutions. */
    public static final List<String> OPS = List.of("sep3", "sep5", "sep7", "dil3", "avg3", "max3", "avg1x1", "id",
            "1x77x1");

    /**
     * One block: {@code leftOp(state leftInput) + rightOp(state rightInput)}.
     *
     * @param leftOp operation on the left input (one of {@link #OPS})
     * @param leftInput state index of the left input
     * @param rightOp operation on the right input
     * @param rightInput state index of the right input
     */
    public record Block(String leftOp, int leftInput, String rightOp, int rightInput) {
        /** Checks the operation names. */
        public Block {
            for (String op : List.of(leftOp, rightOp)) {
                if (!OPS.contains(op)) {
                    throw new IllegalArgumentException("unknown NAS operation '" + op + "' (known: " + OPS + ")");
                }
            }
        }
    }

    /** Checks the fields. */
    public Genotype {
        Objects.requireNonNull(name, "name");
        normal = List.copyOf(normal);
        normalConcat = List.copyOf(normalConcat);
        reduction = List.copyOf(reduction);
        reductionConcat = List.copyOf(reductionConcat);
    }

    private static Block b(String lo, int li, String ro, int ri) {
        return new Block(lo, li, ro, ri);
    }

    /** NASNet-A (Zoph et al., CVPR 2018) with HMCOS's reduction block 2 (sep5 on the previous-previous state). */
    public static final Genotype NASNET_A = new Genotype("nasnet",
            List.of(b("sep5", 1, "sep3", 0), b("sep5", 0, "sep3", 0), b("avg3", 1, "id", 0), b("avg3", 0, "avg3", 0),
                    b("sep3", 1, "id", 1)),
            List.of(0, 2, 3, 4, 5, 6),
            List.of(b("sep5", 1, "sep7", 0), b("max3", 1, "sep5", 0), b("avg3", 1, "sep5", 0), b("id", 3, "avg3", 2),
                    b("sep3", 2, "max3", 1)),
            List.of(3, 4, 5, 6));

    /** AmoebaNet-A (Real et al., AAAI 2019), wiring as in HMCOS. */
    public static final Genotype AMOEBANET_A = new Genotype("amoebanet",
            List.of(b("avg3", 0, "max3", 0), b("id", 0, "avg3", 1), b("sep5", 2, "sep3", 1), b("sep3", 2, "id", 1),
                    b("avg3", 4, "sep3", 0)),
            List.of(3, 5, 6),
            List.of(b("avg3", 0, "sep3", 1), b("max3", 1, "max3", 0), b("max3", 0, "sep7", 2), b("sep7", 0, "avg3", 1),
                    b("sep3", 3, "1x77x1", 0)),
            List.of(4, 5, 6));

    /** DARTS V2 (Liu et al., ICLR 2019; {@code DARTS_V2} of quark0/darts). */
    public static final Genotype DARTS_V2 = new Genotype("darts",
            List.of(b("sep3", 0, "sep3", 1), b("sep3", 0, "sep3", 1), b("sep3", 1, "id", 0), b("id", 0, "dil3", 2)),
            List.of(2, 3, 4, 5),
            List.of(b("max3", 0, "max3", 1), b("id", 2, "max3", 1), b("max3", 0, "id", 2), b("id", 2, "max3", 1)),
            List.of(2, 3, 4, 5));

    /** PNASNet-5 (Liu et al., ECCV 2018): the same cell for normal and reduction. */
    public static final Genotype PNASNET_5 = new Genotype("pnas",
            List.of(b("sep5", 0, "max3", 0), b("sep7", 1, "max3", 1), b("sep5", 1, "sep3", 1), b("sep3", 4, "max3", 1),
                    b("sep3", 0, "avg1x1", 1)),
            List.of(2, 3, 4, 5, 6),
            List.of(b("sep5", 0, "max3", 0), b("sep7", 1, "max3", 1), b("sep5", 1, "sep3", 1), b("sep3", 4, "max3", 1),
                    b("sep3", 0, "avg1x1", 1)),
            List.of(2, 3, 4, 5, 6));
}
