package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.memory.MemorySimulator;
import java.util.ArrayList;
import java.util.List;

/**
 * An order of operators, by name.
 *
 * @param opNames operator names in execution order
 */
public record Schedule(List<String> opNames) {

    /** Copies the list. */
    public Schedule {
        opNames = List.copyOf(opNames);
    }

    /** The schedule of {@code graph} given by operator indices. */
    public static Schedule of(Graph graph, int[] order) {
        List<String> names = new ArrayList<>(order.length);
        for (int i : order) {
            names.add(graph.op(i).name());
        }
        return new Schedule(names);
    }

    /** Operator indices of this schedule in {@code graph}. */
    public int[] indicesIn(Graph graph) {
        return MemorySimulator.indicesOf(graph, opNames);
    }

    /** Number of operators. */
    public int size() {
        return opNames.size();
    }

    @Override
    public String toString() {
        return opNames.size() <= 12 ? String.join(" ", opNames)
                : String.join(" ", opNames.subList(0, 10)) + " ... (" + opNames.size() + " ops)";
    }
}
