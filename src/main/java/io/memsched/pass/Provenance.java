package io.memsched.pass;

import io.memsched.graph.Ints;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which operators of a pass's input graph each operator of its output graph stands for, by index.
 *
 * <p>A <em>grouping</em> (what fusion does) runs every input operator in exactly one output operator, in the order
 * listed: any order of the output graph {@linkplain #expand expands} to an order of the input graph with the same
 * peak. A <em>rewrite</em> changes what is computed (SERENITY's partial convolutions, a user's transformation): its
 * members only say where each new operator came from, and orders do not expand.
 *
 * @param members for each output operator, the input operators it stands for (run order, for a grouping)
 * @param inputOps operators of the input graph
 * @param grouping whether the members partition the input operators and the output only groups them
 */
public record Provenance(List<Ints> members, int inputOps, boolean grouping) {

    /** Copies the list and, for a grouping, checks that every input operator is listed exactly once. */
    public Provenance {
        members = List.copyOf(Objects.requireNonNull(members, "members"));
        if (inputOps < 0) {
            throw new IllegalArgumentException("inputOps must be non-negative, was " + inputOps);
        }
        boolean[] seen = new boolean[inputOps];
        int count = 0;
        for (Ints m : members) {
            for (int k = 0; k < m.size(); k++) {
                int i = m.get(k);
                if (i < 0 || i >= inputOps) {
                    throw new IllegalArgumentException("provenance names input operator " + i + " of " + inputOps);
                }
                if (grouping && seen[i]) {
                    throw new IllegalArgumentException("grouping lists input operator " + i + " twice");
                }
                count += seen[i] ? 0 : 1;
                seen[i] = true;
            }
        }
        if (grouping && count != inputOps) {
            throw new IllegalArgumentException("grouping covers " + count + " of " + inputOps + " input operators");
        }
    }

    /** Every operator stands for itself (a pass that changed nothing). */
    public static Provenance identity(int ops) {
        List<Ints> m = new ArrayList<>(ops);
        for (int i = 0; i < ops; i++) {
            m.add(Ints.of(i));
        }
        return new Provenance(m, ops, true);
    }

    /** A grouping: {@code members} partition the {@code inputOps} input operators. */
    public static Provenance grouping(List<Ints> members, int inputOps) {
        return new Provenance(members, inputOps, true);
    }

    /** A rewrite: each output operator derives from these input operators. */
    public static Provenance rewrite(List<Ints> members, int inputOps) {
        return new Provenance(members, inputOps, false);
    }

    /** Operators of the output graph. */
    public int outputOps() {
        return members.size();
    }

    /** The input operators that output operator {@code op} stands for. */
    public Ints origins(int op) {
        return members.get(op);
    }

    /** Whether every operator stands for itself. */
    public boolean isIdentity() {
        if (!grouping || members.size() != inputOps) {
            return false;
        }
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).size() != 1 || members.get(i).get(0) != i) {
                return false;
            }
        }
        return true;
    }

    /**
     * This provenance followed by {@code next} (whose input is this one's output): output operators of {@code next}
     * stand for the input operators of this one. A grouping only when both are.
     */
    public Provenance then(Provenance next) {
        Objects.requireNonNull(next, "next");
        if (next.inputOps != outputOps()) {
            throw new IllegalArgumentException("cannot compose: next pass reads " + next.inputOps + " operators, this "
                    + "one writes " + outputOps());
        }
        List<Ints> out = new ArrayList<>(next.members.size());
        for (Ints m : next.members) {
            int total = 0;
            for (int k = 0; k < m.size(); k++) {
                total += members.get(m.get(k)).size();
            }
            int[] all = new int[total];
            int pos = 0;
            for (int k = 0; k < m.size(); k++) {
                Ints old = members.get(m.get(k));
                for (int j = 0; j < old.size(); j++) {
                    all[pos++] = old.get(j);
                }
            }
            if (!(grouping && next.grouping)) {
                all = java.util.Arrays.stream(all).distinct().sorted().toArray();
            }
            out.add(Ints.of(all));
        }
        return new Provenance(out, inputOps, grouping && next.grouping);
    }

    /**
     * The input-graph order that runs the output operators in {@code order}, each expanded to its members.
     *
     * @throws IllegalStateException if this is a rewrite (its orders do not expand)
     * @throws IllegalArgumentException if {@code order} does not run every output operator exactly once
     */
    public int[] expand(int[] order) {
        Objects.requireNonNull(order, "order");
        if (!grouping) {
            throw new IllegalStateException("a rewrite's orders do not expand to its input graph");
        }
        int[] out = new int[inputOps];
        boolean[] done = new boolean[members.size()];
        int k = 0;
        for (int f : order) {
            if (f < 0 || f >= members.size() || done[f]) {
                throw new IllegalArgumentException("order runs operator " + f + " twice or out of range");
            }
            done[f] = true;
            Ints m = members.get(f);
            for (int j = 0; j < m.size(); j++) {
                out[k++] = m.get(j);
            }
        }
        if (k != inputOps) {
            throw new IllegalArgumentException("order covers " + k + " of " + inputOps + " input operators");
        }
        return out;
    }

    /** The output order in which {@code inputOrder} runs the groups, if it keeps every group together, in order. */
    public Optional<int[]> contract(int[] inputOrder) {
        if (!grouping) {
            return Optional.empty();
        }
        int[] groupOf = new int[inputOps];
        for (int f = 0; f < members.size(); f++) {
            Ints m = members.get(f);
            for (int j = 0; j < m.size(); j++) {
                groupOf[m.get(j)] = f;
            }
        }
        int[] out = new int[members.size()];
        int k = 0;
        int pos = 0;
        while (pos < inputOrder.length) {
            int f = groupOf[inputOrder[pos]];
            Ints m = members.get(f);
            for (int j = 0; j < m.size(); j++) {
                if (pos >= inputOrder.length || inputOrder[pos] != m.get(j)) {
                    return Optional.empty();
                }
                pos++;
            }
            out[k++] = f;
        }
        return Optional.of(out);
    }
}
