package io.memsched.schedule;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;

/**
 * The state of a one-pass list scheduler under the shared memory model: which operators are ready, the live bytes,
 * and what running a ready operator would allocate, free and cost, for scan-based list schedulers such as
 * {@link LeastPeakScheduler}. Each query is O(d) for operator degree d.
 */
final class ReadyList {
    private final Graph graph;
    private final MemoryModel model;
    private final int[] remaining;
    private final int[] indeg;
    private final int[] ready;
    private int readyCount;
    private final int[] stamp;
    private int stampId;
    private long live;
    private int steps;

    ReadyList(Graph graph, MemoryModel model) {
        this.graph = graph;
        this.model = model;
        int n = graph.opCount();
        int nt = graph.tensorCount();
        remaining = new int[nt];
        for (int t = 0; t < nt; t++) {
            remaining[t] = graph.consumers(t).size();
        }
        indeg = new int[n];
        ready = new int[n];
        for (int i = 0; i < n; i++) {
            indeg[i] = graph.predecessors(i).size();
            if (indeg[i] == 0) {
                ready[readyCount++] = i;
            }
        }
        stamp = new int[nt];
        java.util.Arrays.fill(stamp, -1);
        Ints ins = graph.inputIndices();
        for (int k = 0; k < ins.size(); k++) {
            live += graph.bytes(ins.get(k));
        }
    }

    /** Number of ready operators. */
    int size() {
        return readyCount;
    }

    /** The ready operator at position {@code r} (positions change after {@link #run}). */
    int get(int r) {
        return ready[r];
    }

    /** Bytes live before the next step. */
    long live() {
        return live;
    }

    /** Bytes operator {@code i} would add to the footprint: its outputs, less an in-place reuse. */
    long allocated(int i) {
        Ints out = graph.opOutputs(i);
        long alloc = 0;
        for (int j = 0; j < out.size(); j++) {
            alloc += graph.bytes(out.get(j));
        }
        if (model.inplace()) {
            int victim = MemorySimulator.inplaceCandidate(graph, i);
            if (victim >= 0 && remaining[victim] == 1 && !graph.isGraphOutput(victim)) {
                alloc -= graph.bytes(out.get(0));
            }
        }
        return alloc;
    }

    /** The footprint of running operator {@code i} next: live bytes, its allocation and its workspace. */
    long footprint(int i) {
        return live + allocated(i) + (model.workspace() ? graph.op(i).workspaceBytes() : 0);
    }

    /** Bytes that leave the live set after operator {@code i} runs (inputs it reads last, unread outputs). */
    long freed(int i) {
        long freed = 0;
        Ints in = graph.opInputs(i);
        stampId++;
        for (int j = 0; j < in.size(); j++) {
            int t = in.get(j);
            if (stamp[t] != stampId) {
                stamp[t] = stampId;
                if (remaining[t] == 1 && !graph.isGraphOutput(t)) {
                    freed += graph.bytes(t);
                }
            }
        }
        Ints out = graph.opOutputs(i);
        for (int j = 0; j < out.size(); j++) {
            int t = out.get(j);
            if (graph.consumers(t).isEmpty() && !graph.isGraphOutput(t)) {
                freed += graph.bytes(t);
            }
        }
        if (steps == 0) {
            Ints ins = graph.inputIndices();
            for (int k = 0; k < ins.size(); k++) {
                int t = ins.get(k);
                if (graph.consumers(t).isEmpty() && !graph.isGraphOutput(t)) {
                    freed += graph.bytes(t);
                }
            }
        }
        return freed;
    }

    /** Bytes produced by operator {@code i}'s outputs. */
    long outputBytes(int i) {
        Ints out = graph.opOutputs(i);
        long b = 0;
        for (int j = 0; j < out.size(); j++) {
            b += graph.bytes(out.get(j));
        }
        return b;
    }

    /** Runs the ready operator at position {@code r}: updates live bytes, consumer counts and the ready list. */
    int run(int r) {
        int i = ready[r];
        live += outputBytes(i) - freed(i);
        steps++;
        ready[r] = ready[--readyCount];
        Ints in = graph.opInputs(i);
        stampId++;
        for (int j = 0; j < in.size(); j++) {
            int t = in.get(j);
            if (stamp[t] != stampId) {
                stamp[t] = stampId;
                remaining[t]--;
            }
        }
        Ints s = graph.successors(i);
        for (int j = 0; j < s.size(); j++) {
            if (--indeg[s.get(j)] == 0) {
                ready[readyCount++] = s.get(j);
            }
        }
        return i;
    }
}
