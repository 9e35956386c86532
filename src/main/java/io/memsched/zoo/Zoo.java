package io.memsched.zoo;

import io.memsched.graph.BadInputException;
import static io.memsched.graph.Sizes.kb;

import io.memsched.graph.Graph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in networks by stable name: toy graphs, NAS cell networks ({@link NasNetworks}), RandWire
 * ({@link RandWire}), HRNet ({@link HrNet}), NAS-FPN ({@link NasFpn}) and classic CNNs ({@link ClassicNetworks}).
 * Every generator is deterministic: the same name always gives the same graph.
 * <pre>{@code
 * Graph g = Zoo.get("tiny");
 * }</pre>
 */
public final class Zoo {
    /**
     * One zoo network.
     *
     * @param name stable name
     * @param description one line
     * @param inSuite whether {@code memsched bench} runs it by default
     * @param generator builds the graph
     */
    public record Entry(String name, String description, boolean inSuite, Supplier<Graph> generator) {
    }

    /** Seed of every RandWire generator. */
    public static final long RANDWIRE_SEED = 2019;

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add("tiny", "the README example: two convolutions and a concat", true, Zoo::tiny);
        add("diamond", "a four-op diamond whose branches differ in size", true, Zoo::diamond);
        add("toy-cell", "a small NAS-like cell with three branches and a concat", true, Zoo::toyCell);
        // NAS cell networks (HMCOS skeletons and initial filters), identical to examples/models/*_cifar.onnx
        add("nasnet-cifar", "NASNet-A, CIFAR skeleton (3x32x32, N=6), 32 filters", true,
                () -> NasNetworks.cifar("nasnet-cifar", Genotype.NASNET_A, 32));
        add("amoebanet-cifar", "AmoebaNet-A, CIFAR skeleton (3x32x32, N=6), 36 filters", true,
                () -> NasNetworks.cifar("amoebanet-cifar", Genotype.AMOEBANET_A, 36));
        add("darts-cifar", "DARTS V2, CIFAR skeleton (3x32x32, N=6), 36 filters", true,
                () -> NasNetworks.cifar("darts-cifar", Genotype.DARTS_V2, 36));
        add("pnas-cifar", "PNASNet-5, CIFAR skeleton (3x32x32, N=6), 32 filters", true,
                () -> NasNetworks.cifar("pnas-cifar", Genotype.PNASNET_5, 32));
        add("nasnet-imagenet", "NASNet-A, ImageNet skeleton (3x224x224, N=4), 11 filters", false,
                () -> NasNetworks.imagenet("nasnet-imagenet", Genotype.NASNET_A, 11));
        add("amoebanet-imagenet", "AmoebaNet-A, ImageNet skeleton (3x224x224, N=4), 12.5 filters", false,
                () -> NasNetworks.imagenet("amoebanet-imagenet", Genotype.AMOEBANET_A, 12.5));
        add("darts-imagenet", "DARTS V2, ImageNet skeleton (3x224x224, N=4), 12 filters", false,
                () -> NasNetworks.imagenet("darts-imagenet", Genotype.DARTS_V2, 12));
        add("pnas-imagenet", "PNASNet-5, ImageNet skeleton (3x224x224, N=4), 12 filters", false,
                () -> NasNetworks.imagenet("pnas-imagenet", Genotype.PNASNET_5, 12));
        // RandWire, N=32 nodes per stage, seeded
        for (RandomGraphs.Model m : RandomGraphs.Model.values()) {
            String id = m.name().toLowerCase(java.util.Locale.ROOT);
            String small = "randwire-" + id + "-small";
            String regular = "randwire-" + id + "-regular";
            add(small, "RandWire " + m + ", small regime, N=32, C=78, seed " + RANDWIRE_SEED,
                    m == RandomGraphs.Model.WS,
                    () -> RandWire.build(small, m, RandWire.Regime.SMALL, 32, 78, RANDWIRE_SEED));
            add(regular, "RandWire " + m + ", regular regime, N=32, C=109, seed " + RANDWIRE_SEED, false,
                    () -> RandWire.build(regular, m, RandWire.Regime.REGULAR, 32, 109, RANDWIRE_SEED));
        }
        // multi-scale networks
        add("hrnet-w18-small", "HRNet-W18, small: one module per stage, one basic block per branch", true,
                () -> HrNet.build("hrnet-w18-small", HrNet.Config.small(18)));
        add("hrnet-w18", "HRNet-W18: 4 branches, modules 1/4/3, 4 basic blocks per branch", false,
                () -> HrNet.build("hrnet-w18", HrNet.Config.standard(18)));
        add("hrnet-w32", "HRNet-W32: 4 branches, modules 1/4/3, 4 basic blocks per branch", false,
                () -> HrNet.build("hrnet-w32", HrNet.Config.standard(32)));
        add("nasfpn", "NAS-FPN, 3 stacked layers of 7 merging cells over P3-P7 (3x256x256)", true,
                () -> NasFpn.build("nasfpn", 3));
        add("nasfpn-7", "NAS-FPN, 7 stacked layers of 7 merging cells over P3-P7 (3x256x256)", false,
                () -> NasFpn.build("nasfpn-7", 7));
        // classic chains, identical to the torchvision exports in examples/models
        add("resnet18", "ResNet-18 (torchvision, 3x224x224)", true, ClassicNetworks::resnet18);
        add("resnet50", "ResNet-50 (torchvision, 3x224x224)", false, ClassicNetworks::resnet50);
        add("mobilenet-v2", "MobileNetV2 (torchvision, 3x224x224)", true, ClassicNetworks::mobilenetV2);
        add("googlenet", "GoogLeNet / Inception v1 (torchvision, 3x224x224)", false, ClassicNetworks::googlenet);

        // very large generated networks (scale tests, issue 8): not in the bench suite
        add("randwire-10k", "RandWire-style, 4 WS(N,4,0.75) stages, about 10,000 ops (LargeGraphs)", false,
                () -> LargeGraphs.randomlyWired(10_000, 1).withName("randwire-10k"));
        add("randwire-100k", "RandWire-style, 4 WS(N,4,0.75) stages, about 100,000 ops (LargeGraphs)", false,
                () -> LargeGraphs.randomlyWired(100_000, 1).withName("randwire-100k"));
        add("multiscale-10k", "HRNet-style, 4 resolutions with full exchange, about 10,000 ops (LargeGraphs)", false,
                () -> LargeGraphs.multiScale(10_000, 1).withName("multiscale-10k"));
        add("multiscale-100k", "HRNet-style, 4 resolutions with full exchange, about 100,000 ops (LargeGraphs)", false,
                () -> LargeGraphs.multiScale(100_000, 1).withName("multiscale-100k"));
    }

    private Zoo() {
    }

    private static void add(String name, String description, boolean inSuite, Supplier<Graph> g) {
        ENTRIES.put(name, new Entry(name, description, inSuite, g));
    }

    /** Every network, in listing order. */
    public static List<Entry> entries() {
        return List.copyOf(ENTRIES.values());
    }

    /** Every network name, in listing order. */
    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    /**
     * A family of generated networks named by pattern rather than listed one by one.
     *
     * @param pattern the name pattern
     * @param description one line
     * @param example one name of the family
     */
    public record Family(String pattern, String description, String example) {
    }

    /** Prefix of the seeded RandWire family ({@link #randwireSeeded(long)}). */
    public static final String RANDWIRE_SEEDED = "randwire-ws-small-seed";

    private static final Pattern RANDWIRE_SEEDED_NAME = Pattern.compile(RANDWIRE_SEEDED + "(\\d{1,18})");

    /** The families {@link #get(String)} builds besides the listed entries. */
    public static List<Family> families() {
        return List.of(
                new Family(NasBench201.PREFIX + "DDDDDD", "NAS-Bench-201 cell network, " + NasBench201.SIZE
                        + " of them; D = op of each cell edge: 0 none, 1 skip_connect, 2 nor_conv_1x1, "
                        + "3 nor_conv_3x3, 4 avg_pool_3x3 (NasBench201)", NasBench201.PREFIX + "330133"),
                new Family(RANDWIRE_SEEDED + "N", "RandWire WS, small regime, N=32, C=78, graph seed N",
                        RANDWIRE_SEEDED + "1"));
    }

    /** The RandWire WS small-regime network (N=32, C=78) of graph seed {@code seed}. */
    public static Graph randwireSeeded(long seed) {
        return RandWire.build(RANDWIRE_SEEDED + seed, RandomGraphs.Model.WS, RandWire.Regime.SMALL, 32, 78, seed);
    }

    /** Whether {@link #get(String)} knows {@code name} (a listed entry or a family member); builds nothing. */
    public static boolean has(String name) {
        return ENTRIES.containsKey(name) || NasBench201.ofName(name).isPresent()
                || RANDWIRE_SEEDED_NAME.matcher(name == null ? "" : name).matches();
    }

    /**
     * The network called {@code name}: a listed entry or a member of a {@link #families() family}; a
     * {@link BadInputException} listing the names otherwise.
     */
    public static Graph get(String name) {
        Entry e = ENTRIES.get(name);
        if (e != null) {
            return e.generator().get();
        }
        var arch = NasBench201.ofName(name);
        if (arch.isPresent()) {
            return NasBench201.build(arch.get());
        }
        Matcher m = RANDWIRE_SEEDED_NAME.matcher(name == null ? "" : name);
        if (m.matches()) {
            return randwireSeeded(Long.parseLong(m.group(1)));
        }
        throw new BadInputException("unknown zoo network '" + name + "' (one of "
                + String.join(", ", ENTRIES.keySet()) + ", or "
                + String.join(", ", families().stream().map(Family::pattern).toList()) + ")");
    }

    static Graph tiny() {
        return Graph.builder("tiny").
                input("x", 3072).
                op("convA", "Conv").reads("x").writes("a", 8192).
                op("convB", "Conv").reads("x").writes("b", 8192).
                op("cat", "Concat").reads("a", "b").writes("y", 16384).
                output("y").
                build();
    }

    static Graph diamond() {
        return Graph.builder("diamond").
                input("x", kb(16)).
                op("stem", "Conv").reads("x").writes("s", kb(32)).
                op("big", "Conv").reads("s").writes("b", kb(96)).
                op("small", "Conv").reads("s").writes("c", kb(8)).
                op("add", "Add").reads("b", "c").writes("y", kb(8)).
                output("y").
                build();
    }

    static Graph toyCell() {
        var b = Graph.builder("toy-cell").input("x", kb(32));
        b.op("pre", "Conv").reads("x").writes("p", kb(32));
        b.op("a1", "Conv").reads("p").writes("a1", kb(64));
        b.op("a2", "Conv").reads("a1").writes("a2", kb(16));
        b.op("b1", "MaxPool").reads("p").writes("b1", kb(32));
        b.op("b2", "Conv").reads("b1").writes("b2", kb(16));
        b.op("c1", "Conv").reads("p").writes("c1", kb(8));
        b.op("c2", "Relu").reads("c1").writes("c2", kb(8)).inplace();
        b.op("c3", "Conv").reads("c2").writes("c3", kb(16));
        b.op("cat", "Concat").reads("a2", "b2", "c3").writes("y", kb(48));
        return b.output("y").build();
    }
}
