package io.memsched.rewrite;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.graph.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The pattern both SERENITY rules start from: a channel concatenation, an optional chain of element-wise operators
 * on the concatenated tensor (each the only reader of its input), and the operators reading the end of the chain,
 * all of one wanted kind (dense or depthwise convolutions).
 *
 * @param concat the concat operator
 * @param parts tensors the concat reads, in order (repeats kept)
 * @param chain the element-wise operators after the concat, in order
 * @param end the tensor the convolutions read (the concat output when the chain is empty)
 * @param consumers the operators reading {@code end}
 * @param axis the concatenation axis (valid when there is no problem)
 * @param problem why the pattern cannot be rewritten, if it cannot
 */
record ConcatPattern(int concat, int[] parts, List<Integer> chain, int end, List<Integer> consumers, int axis,
                     Optional<String> problem) {

    /** Operator types that concatenate. */
    static final Set<String> CONCAT_TYPES = Set.of("concat", "concatenation", "concatv2");

    static boolean isType(Set<String> types, String type) {
        return types.contains(type.toLowerCase(Locale.ROOT));
    }

    /**
     * The pattern anchored at operator {@code op}: empty when {@code op} is not a concat followed by at least one
     * operator of {@code wanted} type; present with a problem when it is but cannot be rewritten.
     */
    static Optional<ConcatPattern> find(Graph g, int op, SerenityRewrites.Options o, Set<String> wanted) {
        if (!isType(CONCAT_TYPES, g.op(op).type()) || g.opOutputs(op).size() != 1 || g.opInputs(op).size() < 2) {
            return Optional.empty();
        }
        int[] parts = g.opInputs(op).toArray();
        int y = g.opOutputs(op).get(0);
        List<Integer> chain = new ArrayList<>();
        int t = y;
        while (!g.isGraphOutput(t) && g.consumers(t).size() == 1) {
            int u = g.consumers(t).get(0);
            if (!isType(o.perChannelTypes(), g.op(u).type()) || g.opInputs(u).size() != 1
                    || g.opOutputs(u).size() != 1) {
                break;
            }
            int next = g.opOutputs(u).get(0);
            if (g.bytes(next) != g.bytes(t) || !g.tensor(next).shape().equals(g.tensor(t).shape())) {
                break;
            }
            chain.add(u);
            t = next;
        }
        final int end = t;
        Ints cons = g.consumers(end);
        List<Integer> consumers = new ArrayList<>();
        String other = null;
        for (int k = 0; k < cons.size(); k++) {
            int c = cons.get(k);
            consumers.add(c);
            if (!isType(wanted, g.op(c).type()) && other == null) {
                other = "op '" + g.op(c).name() + "' (" + g.op(c).type() + ")";
            }
        }
        if (consumers.stream().noneMatch(c -> isType(wanted, g.op(c).type()))) {
            return Optional.empty();
        }
        String name = g.tensor(t).name();
        String problem = null;
        int axis = -1;
        if (g.isGraphOutput(t)) {
            problem = "the concatenated tensor '" + name + "' is a graph output";
        } else if (other != null) {
            problem = "'" + name + "' is also read by " + other + ", which cannot be partitioned";
        }
        if (problem == null) {
            problem = shapeProblem(g, parts, y);
        }
        for (int k = 0; problem == null && k < consumers.size(); k++) {
            int c = consumers.get(k);
            Ints in = g.opInputs(c);
            long reads = in.stream().filter(x -> x == end).count();
            if (in.get(0) != end || reads != 1 || g.opOutputs(c).size() != 1) {
                problem = "op '" + g.op(c).name() + "' does not read '" + name
                        + "' exactly once, as its first input, with one output";
            }
        }
        if (problem == null) {
            axis = concatAxis(g, parts, y);
            if (axis < 0) {
                problem = "the shapes of the inputs of '" + g.op(op).name() + "' do not tell its concatenation axis";
            } else if (axis != o.channelAxis()) {
                problem = "'" + g.op(op).name() + "' concatenates along axis " + axis + ", not the channel axis "
                        + o.channelAxis();
            }
        }
        if (problem == null) {
            long sum = 0;
            for (int p : parts) {
                sum += g.bytes(p);
            }
            if (sum != g.bytes(y)) {
                problem = "the inputs of '" + g.op(op).name() + "' hold " + sum + " bytes but its output "
                        + g.bytes(y);
            }
        }
        return Optional.of(new ConcatPattern(op, parts, List.copyOf(chain), t, List.copyOf(consumers), axis,
                Optional.ofNullable(problem)));
    }

    static String shapeProblem(Graph g, int[] parts, int y) {
        if (!g.tensor(y).hasShape()) {
            return "the shape of '" + g.tensor(y).name() + "' is unknown (import the model from ONNX or build it with "
                    + "shapes)";
        }
        for (int p : parts) {
            if (!g.tensor(p).hasShape()) {
                return "the shape of '" + g.tensor(p).name() + "' is unknown";
            }
        }
        return null;
    }

    /** The axis along which {@code parts} concatenate into {@code y}, or -1 when the shapes do not say. */
    static int concatAxis(Graph g, int[] parts, int y) {
        List<Long> out = g.tensor(y).shape();
        for (int p : parts) {
            if (g.tensor(p).shape().size() != out.size()) {
                return -1;
            }
        }
        int found = -1;
        for (int a = 0; a < out.size(); a++) {
            long sum = 0;
            boolean othersEqual = true;
            for (int p : parts) {
                List<Long> s = g.tensor(p).shape();
                sum += s.get(a);
                for (int d = 0; d < out.size(); d++) {
                    if (d != a && !s.get(d).equals(out.get(d))) {
                        othersEqual = false;
                    }
                }
            }
            if (othersEqual && sum == out.get(a)) {
                if (found >= 0) {
                    return -1;
                }
                found = a;
            }
        }
        return found;
    }

    /** Names of the operators the rewrite removes: the concat, the chain and the consumers. */
    Set<String> removedOps(Graph g) {
        Set<String> s = new HashSet<>();
        s.add(g.op(concat).name());
        chain.forEach(i -> s.add(g.op(i).name()));
        consumers.forEach(i -> s.add(g.op(i).name()));
        return s;
    }

    /** The element-wise chain as text, such as {@code " + Relu"} (empty without a chain). */
    String chainText(Graph g) {
        StringBuilder sb = new StringBuilder();
        chain.forEach(i -> sb.append(" + ").append(g.op(i).type()));
        return sb.toString();
    }

    /** Sum of the part sizes (the concatenated tensor's size). */
    long totalBytes(Graph g) {
        return g.bytes(g.opOutputs(concat).get(0));
    }

    /** A name not used by any op or tensor of {@code g} nor in {@code taken}, starting from {@code base}. */
    static String fresh(Graph g, Set<String> taken, String base) {
        String n = base;
        for (int k = 2; g.findOp(n).isPresent() || g.findTensor(n).isPresent() || taken.contains(n); k++) {
            n = base + "_" + k;
        }
        taken.add(n);
        return n;
    }

    /** A tensor like {@code t} with another name, size and channel count. */
    static Tensor resized(Tensor t, String name, long bytes, int axis, long channels) {
        List<Long> shape = new ArrayList<>(t.shape());
        shape.set(axis, channels);
        return new Tensor(name, bytes, shape, t.dtype());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConcatPattern p && concat == p.concat && end == p.end && java.util.Arrays.equals(parts, p.parts)
                && chain.equals(p.chain) && consumers.equals(p.consumers) && axis == p.axis && problem.equals(p.problem);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(concat, end, java.util.Arrays.hashCode(parts), chain, consumers, axis, problem);
    }
}
