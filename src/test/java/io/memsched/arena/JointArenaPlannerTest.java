package io.memsched.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.memory.MemoryTimeline;
import io.memsched.schedule.DpScheduler;
import io.memsched.schedule.SchedulerOptions;
import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JointArenaPlannerTest {
    static LongStream seeds() {
        return LongStream.range(0, 15);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void neverWorseThanPlanningTheProgramOrderAndFindsTheLowestPeak(long seed) {
        Graph g = ArenaPlannerTest.randomDag(seed, 7);
        for (MemoryModel m : new MemoryModel[] {MemoryModel.DEFAULT, MemoryModel.INPLACE}) {
            JointArenaPlanner.Result r = new JointArenaPlanner().plan(g, m);
            assertTrue(r.exhaustive());
            ArenaPlan fixed = new CpSatArenaPlanner(CpSatArenaPlanner.Options.defaults()
                    .withTimeLimit(Duration.ofSeconds(2))).plan(g, m, ArenaPlannerTest.identity(g));
            assertTrue(r.plan().arenaBytes() <= fixed.arenaBytes(), r.plan() + " vs " + fixed);
            assertTrue(r.plan().arenaBytes() >= r.lowestPeakBytes());
            ArenaPlannerTest.assertNoOverlap(g, m, r.order(), r.plan());
            long optimum = new DpScheduler(SchedulerOptions.defaults().withMemoryModel(m).withThreads(1))
                    .schedule(g).peakBytes();
            assertEquals(optimum, r.lowestPeakBytes(), "seed " + seed + " " + m);
        }
    }

    @Test
    void theOrderLimitIsReported() {
        Graph g = ArenaPlannerTest.randomDag(3, 12);
        JointArenaPlanner.Result r = new JointArenaPlanner(new JointArenaPlanner.Options(5,
                new GreedyBySizeArenaPlanner(), new BestFitArenaPlanner(), 2)).plan(g, MemoryModel.DEFAULT);
        assertEquals(5, r.ordersTried());
        assertFalse(r.exhaustive());
        assertFalse(r.provenOptimal());
    }
}
