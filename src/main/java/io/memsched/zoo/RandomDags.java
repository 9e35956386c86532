package io.memsched.zoo;

import io.memsched.graph.Graph;
import io.memsched.graph.Op;
import io.memsched.graph.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random operator DAGs for property tests and benchmarks: the same arguments always give the same graph,
 * and every generated graph is valid.
 *
 * <p>Operators are created one after another; each reads tensors that already exist (graph inputs or outputs of
 * earlier operators), so the graph is acyclic by construction. The options switch on every feature of the memory
 * model: multi-input and multi-output operators, tensors read by several operators, an operator reading the same
 * tensor twice, workspaces, operators without outputs, unconsumed non-output ("dangling") tensors, in-place
 * operators whose first input has the output's size, graph inputs that are also graph outputs, consumed tensors
 * that are also graph outputs, several graph inputs and outputs, zero-byte tensors, and a shuffled program order.
 *
 * <pre>{@code
 * Graph g = RandomDags.generate(7, 12, 0.4);
 * Graph h = RandomDags.generate(7, 12, 0.4, RandomDags.Options.defaults().withShuffledProgramOrder(true));
 * }</pre>
 *
 * Time O(n * maxInputs) for n operators.
 */
public final class RandomDags {
    private RandomDags() {
    }

    /**
     * What the generator may produce. Probabilities are per operator or per tensor as named.
     *
     * @param maxGraphInputs graph inputs: 1 to this many (at least 1)
     * @param maxInputs most input slots per operator (at least 1)
     * @param maxOutputs most outputs per operator (at least 1)
     * @param maxBytes tensor sizes are drawn from 1..maxBytes (small values give many ties)
     * @param zeroSizeProbability chance a tensor has size 0
     * @param noInputProbability chance an operator reads nothing (a constant source)
     * @param noOutputProbability chance an operator writes nothing
     * @param duplicateInputProbability chance an operator lists one of its inputs twice
     * @param workspaceProbability chance an operator has a workspace (1..maxBytes)
     * @param inplaceProbability chance an operator is in-place capable; its single output then takes the size of
     *     its first input
     * @param danglingProbability chance an unconsumed produced tensor is left dangling rather than made a graph output
     * @param consumedOutputProbability chance a consumed produced tensor is also a graph output
     * @param inputAsOutputProbability chance a graph input is also a graph output
     * @param shuffledProgramOrder whether the program order (the order of {@link Graph#ops()}) is shuffled, so it
     *     need not be topological
     */
    public record Options(int maxGraphInputs, int maxInputs, int maxOutputs, long maxBytes, double zeroSizeProbability,
                          double noInputProbability, double noOutputProbability, double duplicateInputProbability,
                          double workspaceProbability, double inplaceProbability, double danglingProbability,
                          double consumedOutputProbability, double inputAsOutputProbability,
                          boolean shuffledProgramOrder) {

        /** Checks the ranges. */
        public Options {
            if (maxGraphInputs < 1 || maxInputs < 1 || maxOutputs < 1) {
                throw new IllegalArgumentException("maxGraphInputs, maxInputs and maxOutputs must be at least 1, were "
                        + maxGraphInputs + ", " + maxInputs + ", " + maxOutputs);
            }
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
            }
            for (double p : new double[] {zeroSizeProbability, noInputProbability, noOutputProbability,
                    duplicateInputProbability, workspaceProbability, inplaceProbability, danglingProbability,
                    consumedOutputProbability, inputAsOutputProbability}) {
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("probabilities must lie in [0, 1], got " + p);
                }
            }
        }

        /** Every feature switched on at moderate rates; program order topological. */
        public static Options defaults() {
            return new Options(2, 3, 2, 16, 0.03, 0.03, 0.03, 0.05, 0.2, 0.3, 0.3, 0.1, 0.1, false);
        }

        /** Plain DAGs: one graph input, single-output operators, no workspace, no in-place, no dangling tensors. */
        public static Options plain() {
            return new Options(1, 3, 1, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, false);
        }

        /** A copy with at most this many graph inputs. */
        public Options withMaxGraphInputs(int n) {
            return new Options(n, maxInputs, maxOutputs, maxBytes, zeroSizeProbability, noInputProbability,
                    noOutputProbability, duplicateInputProbability, workspaceProbability, inplaceProbability,
                    danglingProbability, consumedOutputProbability, inputAsOutputProbability, shuffledProgramOrder);
        }

        /** A copy with at most this many input slots per operator. */
        public Options withMaxInputs(int n) {
            return new Options(maxGraphInputs, n, maxOutputs, maxBytes, zeroSizeProbability, noInputProbability,
                    noOutputProbability, duplicateInputProbability, workspaceProbability, inplaceProbability,
                    danglingProbability, consumedOutputProbability, inputAsOutputProbability, shuffledProgramOrder);
        }

        /** A copy with at most this many outputs per operator. */
        public Options withMaxOutputs(int n) {
            return new Options(maxGraphInputs, maxInputs, n, maxBytes, zeroSizeProbability, noInputProbability,
                    noOutputProbability, duplicateInputProbability, workspaceProbability, inplaceProbability,
                    danglingProbability, consumedOutputProbability, inputAsOutputProbability, shuffledProgramOrder);
        }

        /** A copy with sizes drawn from 1..n bytes. */
        public Options withMaxBytes(long n) {
            return new Options(maxGraphInputs, maxInputs, maxOutputs, n, zeroSizeProbability, noInputProbability,
                    noOutputProbability, duplicateInputProbability, workspaceProbability, inplaceProbability,
                    danglingProbability, consumedOutputProbability, inputAsOutputProbability, shuffledProgramOrder);
        }

        /** A copy with this workspace probability. */
        public Options withWorkspaceProbability(double p) {
            return new Options(maxGraphInputs, maxInputs, maxOutputs, maxBytes, zeroSizeProbability, noInputProbability,
                    noOutputProbability, duplicateInputProbability, p, inplaceProbability,
                    danglingProbability, consumedOutputProbability, inputAsOutputProbability, shuffledProgramOrder);
        }

        /** A copy with this in-place probability. */
        public Options withInplaceProbability(double p) {
            return new Options(maxGraphInputs, maxInputs, maxOutputs, maxBytes, zeroSizeProbability, noInputProbability,
                    noOutputProbability, duplicateInputProbability, workspaceProbability, p,
                    danglingProbability, consumedOutputProbability, inputAsOutputProbability, shuffledProgramOrder);
        }

        /** A copy with this dangling probability. */
        public Options withDanglingProbability(double p) {
            return new Options(maxGraphInputs, maxInputs, maxOutputs, maxBytes, zeroSizeProbability, noInputProbability,
                    noOutputProbability, duplicateInputProbability, workspaceProbability, inplaceProbability,
                    p, consumedOutputProbability, inputAsOutputProbability, shuffledProgramOrder);
        }

        /** A copy with this probability that a graph input is also a graph output. */
        public Options withInputAsOutputProbability(double p) {
            return new Options(maxGraphInputs, maxInputs, maxOutputs, maxBytes, zeroSizeProbability, noInputProbability,
                    noOutputProbability, duplicateInputProbability, workspaceProbability, inplaceProbability,
                    danglingProbability, consumedOutputProbability, p, shuffledProgramOrder);
        }

        /** A copy with the program order shuffled or not. */
        public Options withShuffledProgramOrder(boolean on) {
            return new Options(maxGraphInputs, maxInputs, maxOutputs, maxBytes, zeroSizeProbability, noInputProbability,
                    noOutputProbability, duplicateInputProbability, workspaceProbability, inplaceProbability,
                    danglingProbability, consumedOutputProbability, inputAsOutputProbability, on);
        }
    }

    /** A random DAG with {@link Options#defaults()}. */
    public static Graph generate(long seed, int ops, double density) {
        return generate(seed, ops, density, Options.defaults());
    }

    /**
     * A random DAG named {@code random-<ops>-<seed>}.
     *
     * @param seed seed of every random choice
     * @param ops number of operators (0 or more)
     * @param density in [0, 1]: the chance of each extra input slot of an operator being used, and of reading an
     *     arbitrary earlier tensor rather than a not yet consumed one (denser, wider graphs as it grows)
     * @param options the features to generate
     */
    public static Graph generate(long seed, int ops, double density, Options options) {
        if (ops < 0) {
            throw new IllegalArgumentException("ops must not be negative, was " + ops);
        }
        if (!(density >= 0 && density <= 1)) {
            throw new IllegalArgumentException("density must lie in [0, 1], was " + density);
        }
        return new Generator(new SplittableRandom(seed), ops, density, options).build("random-" + ops + "-" + seed);
    }

    private static final class Generator {
        private final SplittableRandom rnd;
        private final int n;
        private final double density;
        private final Options o;
        private final List<Tensor> tensors = new ArrayList<>();
        private final List<Integer> consumers = new ArrayList<>();
        private final List<Op> ops = new ArrayList<>();
        private final List<String> inputs = new ArrayList<>();

        Generator(SplittableRandom rnd, int n, double density, Options o) {
            this.rnd = rnd;
            this.n = n;
            this.density = density;
            this.o = o;
        }

        private boolean chance(double p) {
            return p > 0 && rnd.nextDouble() < p;
        }

        private long size() {
            return chance(o.zeroSizeProbability()) ? 0 : 1 + rnd.nextLong(o.maxBytes());
        }

        private int newTensor(String name, long bytes) {
            tensors.add(Tensor.of(name, bytes));
            consumers.add(0);
            return tensors.size() - 1;
        }

        /** A tensor to read: mostly one nobody reads yet (keeps the graph connected), else any. */
        private int pick() {
            List<Integer> fresh = new ArrayList<>();
            for (int t = 0; t < tensors.size(); t++) {
                if (consumers.get(t) == 0) {
                    fresh.add(t);
                }
            }
            if (!fresh.isEmpty() && !chance(density * 0.7)) {
                // prefer recent unconsumed tensors: a deep rather than a flat graph
                int k = fresh.size() - 1 - Math.min(fresh.size() - 1, (int) Math.abs(rnd.nextGaussian() * 1.5));
                return fresh.get(k);
            }
            return rnd.nextInt(tensors.size());
        }

        Graph build(String name) {
            int nin = 1 + rnd.nextInt(o.maxGraphInputs());
            for (int k = 0; k < nin; k++) {
                inputs.add(tensors.get(newTensor("in" + k, size())).name());
            }
            int produced = 0;
            for (int i = 0; i < n; i++) {
                List<String> in = new ArrayList<>();
                if (!chance(o.noInputProbability())) {
                    int slots = 1;
                    for (int k = 1; k < o.maxInputs(); k++) {
                        if (chance(density)) {
                            slots++;
                        }
                    }
                    List<Integer> chosen = new ArrayList<>();
                    for (int k = 0; k < slots; k++) {
                        int t = pick();
                        if (!chosen.contains(t)) {
                            chosen.add(t);
                        }
                    }
                    if (chance(o.duplicateInputProbability())) {
                        chosen.add(chosen.get(rnd.nextInt(chosen.size())));
                    }
                    for (int t : chosen) {
                        consumers.set(t, consumers.get(t) + 1);
                        in.add(tensors.get(t).name());
                    }
                }
                boolean inplace = !in.isEmpty() && chance(o.inplaceProbability());
                int nout = chance(o.noOutputProbability()) ? 0 : 1;
                if (nout == 1 && !inplace) {
                    while (nout < o.maxOutputs() && chance(0.25)) {
                        nout++;
                    }
                }
                List<String> out = new ArrayList<>();
                for (int k = 0; k < nout; k++) {
                    long bytes = inplace ? tensors.get(indexOf(in.get(0))).bytes() : size();
                    out.add(tensors.get(newTensor("t" + produced++, bytes)).name());
                }
                long ws = chance(o.workspaceProbability()) ? 1 + rnd.nextLong(o.maxBytes()) : 0;
                ops.add(new Op("op" + i, inplace ? "Relu" : "Op", in, out, ws, inplace));
            }
            List<String> outputs = new ArrayList<>();
            for (int t = nin; t < tensors.size(); t++) {
                boolean unconsumed = consumers.get(t) == 0;
                if (unconsumed ? !chance(o.danglingProbability()) : chance(o.consumedOutputProbability())) {
                    outputs.add(tensors.get(t).name());
                }
            }
            for (int t = 0; t < nin; t++) {
                if (chance(o.inputAsOutputProbability())) {
                    outputs.add(tensors.get(t).name());
                }
            }
            List<Op> program = new ArrayList<>(ops);
            if (o.shuffledProgramOrder()) {
                for (int k = program.size() - 1; k > 0; k--) {
                    int j = rnd.nextInt(k + 1);
                    Op tmp = program.get(k);
                    program.set(k, program.get(j));
                    program.set(j, tmp);
                }
            }
            return Graph.of(name, tensors, inputs, outputs, program);
        }

        private int indexOf(String tensorName) {
            for (int t = 0; t < tensors.size(); t++) {
                if (tensors.get(t).name().equals(tensorName)) {
                    return t;
                }
            }
            throw new IllegalStateException("unknown tensor " + tensorName);
        }
    }
}
