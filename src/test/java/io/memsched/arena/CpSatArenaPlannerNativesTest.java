package io.memsched.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.memory.MemoryTimeline;
import io.memsched.solver.Readiness;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The exact arena planner when the native libraries are not ready in time (readiness injected, no timing). */
class CpSatArenaPlannerNativesTest {
    @Test
    void notReadyInTimeGivesTheBestHeuristicLayout() {
        for (Readiness readiness : new Readiness[] {Readiness.NOT_READY, Readiness.INTERRUPTED}) {
            AtomicInteger asked = new AtomicInteger();
            CpSatArenaPlanner exact = new CpSatArenaPlanner(CpSatArenaPlanner.Options.defaults()
                    .withTimeLimit(Duration.ofSeconds(30)), timeout -> {
                        asked.incrementAndGet();
                        assertTrue(timeout.compareTo(Duration.ofSeconds(30)) <= 0, timeout.toString());
                        return readiness;
                    });
            int waited = 0;
            for (long seed = 0; seed < 40; seed++) {
                Graph g = ArenaPlannerTest.randomDag(seed, 16);
                int[] order = ArenaPlannerTest.identity(g);
                ArenaPlan greedy = new GreedyBySizeArenaPlanner().plan(g, MemoryModel.DEFAULT, order);
                ArenaPlan bestFit = new BestFitArenaPlanner().plan(g, MemoryModel.DEFAULT, order);
                int before = asked.get();
                ArenaPlan p = exact.plan(g, MemoryModel.DEFAULT, order);
                assertEquals(Math.min(greedy.arenaBytes(), bestFit.arenaBytes()), p.arenaBytes(), "seed " + seed);
                if (asked.get() > before) {
                    waited++;
                    assertTrue(!p.optimal(), "no solver ran, so no proof: seed " + seed + " " + p);
                }
            }
            assertTrue(waited >= 5, readiness + ": only " + waited + " problems reached the native stage");
        }
    }
}
