package io.memsched.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.memory.StepCosts;
import io.memsched.zoo.LargeGraphs;
import io.memsched.zoo.Zoo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The priority-queue {@link GreedyScheduler} makes exactly the choices of the straightforward O(n * ready) scan it
 * replaced (kept here as the reference), on zoo and generated graphs under both memory models.
 */
class GreedySchedulerTest extends SchedulerContract {
    @Override
    Scheduler create(SchedulerOptions options) {
        return new GreedyScheduler(options);
    }

    /** The original scan: every step rescans the ready set and recomputes each key. */
    static int[] order(Graph graph, boolean inplace) {
        int n = graph.opCount();
        int nt = graph.tensorCount();
        int[] remaining = new int[nt];
        for (int t = 0; t < nt; t++) {
            remaining[t] = graph.consumers(t).size();
        }
        int[] indeg = new int[n];
        int[] ready = new int[n];
        int nr = 0;
        for (int i = 0; i < n; i++) {
            indeg[i] = graph.predecessors(i).size();
            if (indeg[i] == 0) {
                ready[nr++] = i;
            }
        }
        int[] stamp = new int[nt];
        java.util.Arrays.fill(stamp, -1);
        int stampId = 0;
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            int bestPos = -1;
            long bestNet = Long.MAX_VALUE;
            long bestAlloc = Long.MAX_VALUE;
            for (int r = 0; r < nr; r++) {
                int i = ready[r];
                long alloc = 0;
                Ints out = graph.opOutputs(i);
                for (int j = 0; j < out.size(); j++) {
                    alloc += graph.bytes(out.get(j));
                }
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
                for (int j = 0; j < out.size(); j++) {
                    int t = out.get(j);
                    if (graph.consumers(t).isEmpty() && !graph.isGraphOutput(t)) {
                        freed += graph.bytes(t);
                    }
                }
                if (inplace) {
                    int victim = StepCosts.inplaceCandidate(graph, i);
                    if (victim >= 0 && remaining[victim] == 1 && !graph.isGraphOutput(victim)) {
                        alloc -= graph.bytes(out.get(0));
                    }
                }
                long net = alloc - freed;
                if (net < bestNet || net == bestNet && (alloc < bestAlloc || alloc == bestAlloc && i < ready[bestPos])) {
                    bestNet = net;
                    bestAlloc = alloc;
                    bestPos = r;
                }
            }
            int i = ready[bestPos];
            ready[bestPos] = ready[--nr];
            order[k] = i;
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
                    ready[nr++] = s.get(j);
                }
            }
        }
        return order;
    }

    @Test
    void sameOrderAsTheReferenceScan() {
        List<Graph> graphs = new ArrayList<>();
        Zoo.entries().stream().filter(Zoo.Entry::inSuite).forEach(e -> graphs.add(e.generator().get()));
        for (long seed = 0; seed < 15; seed++) {
            graphs.add(LargeGraphs.randomlyWired(100 + 40 * (int) seed, seed));
            graphs.add(LargeGraphs.multiScale(100 + 40 * (int) seed, seed));
        }
        graphs.addAll(io.memsched.schedule.EdgeCaseGraphsTest.cases().keySet());
        for (Graph g : graphs) {
            for (MemoryModel m : new MemoryModel[] {MemoryModel.DEFAULT, MemoryModel.INPLACE}) {
                int[] expected = order(g, m.inplace());
                int[] actual = new GreedyScheduler(SchedulerOptions.defaults().withMemoryModel(m)).order(g);
                assertArrayEquals(expected, actual, g.name() + " " + m);
                MemorySimulator.validate(g, actual);
            }
        }
    }
}
