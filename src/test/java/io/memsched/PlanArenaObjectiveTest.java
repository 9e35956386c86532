package io.memsched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.arena.ArenaOrderChoice;
import io.memsched.graph.BadInputException;
import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.zoo.RandomDags;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code Plan.Builder.objective(ARENA)}: the plan's order is the chosen one, within the tolerance, never worse. */
class PlanArenaObjectiveTest {
    @Test
    void theChosenOrderIsThePlansOrderAndNeverWorseThanThePeakObjective() {
        for (long seed = 0; seed < 60; seed++) {
            Graph g = RandomDags.generate(seed, 6 + (int) (seed % 10), 0.3);
            MemoryModel m = seed % 2 == 0 ? MemoryModel.DEFAULT : MemoryModel.INPLACE;
            double tol = seed % 3 == 0 ? 0 : 0.2;
            Plan peak = Memsched.plan(g).memoryModel(m).method("dp").timeLimit(Duration.ofSeconds(30)).run();
            Plan arena = Memsched.plan(g).memoryModel(m).method("dp").timeLimit(Duration.ofSeconds(30))
                    .objective(Objective.ARENA).peakTolerance(tol).arenaPlanner("exact").run();
            assertEquals(Objective.PEAK, peak.objective());
            assertTrue(peak.arenaChoice().isEmpty());
            assertEquals(Objective.ARENA, arena.objective());
            ArenaOrderChoice c = arena.arenaChoice().orElseThrow();
            String what = "seed " + seed + ": " + c;
            assertEquals(arena.order(), io.memsched.schedule.Schedule.of(g, c.order().toArray()).opNames(), what);
            assertEquals(arena.peakBytes(), MemorySimulator.simulate(g, m, arena.order()).peakBytes(), what);
            assertTrue(arena.peakBytes() <= peak.peakBytes() + (long) Math.floor(peak.peakBytes() * tol), what);
            assertEquals(peak.lowerBoundBytes(), arena.lowerBoundBytes(), "the method's bound still holds");
            assertTrue(c.arenaBytes() <= peak.arena("exact").arenaBytes(), what);
            assertEquals(c.arenaBytes(), arena.arena("exact").arenaBytes(), "Plan.arena plans the chosen order");
            assertTrue(arena.toString().contains("arena-order"), arena.toString());
        }
    }

    @Test
    void badObjectivesAndTolerancesAreRefused() {
        Graph g = RandomDags.generate(1, 5, 0.3);
        assertThrows(BadInputException.class, () -> Memsched.plan(g).objective("smallest"));
        assertThrows(BadInputException.class, () -> Memsched.plan(g).peakTolerance(-0.5));
        assertThrows(BadInputException.class, () -> Memsched.plan(g).peakTolerance(Double.NaN));
        assertThrows(BadInputException.class, () -> Memsched.plan(g).arenaPlanner("nope"));
        assertEquals(Objective.ARENA, Objective.of("ARENA"));
        assertEquals("arena", Objective.ARENA.id());
    }
}
