package io.memsched.schedule;

import io.memsched.run.Status;

import io.memsched.registry.Registry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.run.Status;
import io.memsched.testing.Oracles;
import io.memsched.testing.TestClock;
import io.memsched.zoo.LargeGraphs;
import io.memsched.zoo.Zoo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The limits contract, proven without timing anything: every registered method (plus {@code ilp} with the ojAlgo
 * backend) reads time only through the options' clock, so a {@link TestClock} decides when its deadline passes (at
 * the N-th poll, or when a stage is entered) or when its thread is interrupted. Then the method stops at its next
 * poll and returns its best valid order so far, re-simulated by the independent oracle, with status
 * {@link Status#TIME_LIMIT} or {@link Status#INTERRUPTED}, never a partial order. One-pass heuristics never poll:
 * they return their one order whatever the clock. A method registered without an entry here fails
 * {@link #everyMethodHasAContract()}. The wall-clock side (how long a run takes for a given limit) is measured by
 * {@code memsched bench --limits}, not asserted here.
 */
class LimitsContractTest {
    /** Heuristics finish in one pass and never poll the deadline. */
    static final Set<String> ONE_PASS = Set.of("program", "rpo", "greedy", "dfs", "lpmf");
    /**
     * Polls at which the searching methods are stopped on {@link #hard()} (each method polls at least that often
     * before it would finish: the ILP methods poll a dozen times before their first solve).
     */
    static final Map<String, long[]> POLLS = Map.of(
            "dp", new long[] {1, 5, 50, 500},
            "hmcos", new long[] {1, 5, 50, 500},
            "best", new long[] {1, 5, 50, 500},
            "ilp", new long[] {1, 3, 8},
            "ilp-ojalgo", new long[] {1, 3, 8});
    /** The stages each searching method enters on {@link #hard()}. */
    static final Map<String, List<String>> STAGES = Map.of(
            "dp", List.of("dp"),
            "hmcos", List.of("hmcos"),
            "best", List.of("fusion", "heuristics", "dp"),
            "ilp", List.of("fusion", "split", "ilp", "build", "regions", "solve", "natives"),
            // ojAlgo refuses the regions' programs as too large for its dense tableaux: it never reaches a solve
            "ilp-ojalgo", List.of("fusion", "split", "ilp", "regions"));
    /**
     * Most polls after the trigger: every stage still to come (or the loop around the one that stopped) checks its
     * deadline once and gives up; a search that went on would poll on and on.
     */
    static final long MAX_POLLS_AFTER_TRIGGER = 16;
    /**
     * The options' limit. The test clock stands still until its trigger, so before it every deadline has its whole
     * limit left; only a solver with a wall-clock limit of its own (CP-SAT, ojAlgo) spends it for real.
     */
    static final Duration LIMIT = Duration.ofSeconds(1);

    static Map<String, Function<SchedulerOptions, Scheduler>> methods() {
        Map<String, Function<SchedulerOptions, Scheduler>> m = new LinkedHashMap<>();
        for (String id : Registry.schedulers().ids()) {
            m.put(id, o -> Registry.scheduler(id, o));
        }
        m.putIfAbsent("dp", DpScheduler::new);
        // the registered ilp uses CP-SAT; the pure-Java backend is the CLI's --solver ojalgo
        m.put("ilp-ojalgo", o -> io.memsched.schedule.ilp.IlpScheduler.withFusion(o,
                io.memsched.registry.Registry.solver("ojalgo")));
        return m;
    }

    static Stream<String> ids() {
        return methods().keySet().stream();
    }

    static Stream<String> onePass() {
        return ids().filter(ONE_PASS::contains);
    }

    static Stream<String> searching() {
        return ids().filter(id -> !ONE_PASS.contains(id));
    }

    static Stream<Arguments> pollCases() {
        return searching().flatMap(id -> java.util.Arrays.stream(POLLS.get(id)).mapToObj(n -> Arguments.of(id, n)));
    }

    static Stream<Arguments> stageCases() {
        List<Arguments> out = new ArrayList<>();
        searching().forEach(id -> STAGES.get(id).forEach(s -> out.add(Arguments.of(id, s))));
        return out.stream();
    }

    /** A randomly wired graph no exact method finishes. */
    static Graph hard() {
        return LargeGraphs.randomlyWired(3_000, 11);
    }

    static SchedulerOptions options(TestClock clock) {
        return SchedulerOptions.defaults().withTimeLimit(LIMIT).withThreads(2).withClock(clock);
    }

    static ScheduleResult run(String id, Graph g, SchedulerOptions o) {
        return methods().get(id).apply(o).schedule(g);
    }

    /** Runs and clears the interrupt flag the clock (or the test) set on this thread, whatever happens. */
    static ScheduleResult runClearingInterrupt(String id, Graph g, SchedulerOptions o) {
        try {
            return run(id, g, o);
        } finally {
            Thread.interrupted();
        }
    }

    static void assertStopped(String id, Graph g, ScheduleResult r, TestClock clock, Status expected) {
        assertTrue(clock.triggered(), id + " ended before the trigger: " + clock);
        Oracles.assertValidResult(g, r);
        assertEquals(expected, r.status(), id + " after the trigger: " + clock);
        assertFalse(r.optimal(), id);
        assertTrue(clock.pollsAfterTrigger() <= MAX_POLLS_AFTER_TRIGGER, id + " went on after the trigger: " + clock);
    }

    @Test
    void everyMethodHasAContract() {
        for (String id : methods().keySet()) {
            assertTrue(ONE_PASS.contains(id) || POLLS.containsKey(id) && STAGES.containsKey(id),
                    id + " has no limits contract: add it to ONE_PASS, or to POLLS and STAGES");
        }
    }

    @ParameterizedTest(name = "{0} expires at poll {1}")
    @MethodSource("pollCases")
    void stopsAtTheNextPollAfterExpiry(String id, long n) {
        Graph g = hard();
        TestClock clock = TestClock.expiringAtPoll(n);
        ScheduleResult r = run(id, g, options(clock));
        assertStopped(id, g, r, clock, Status.TIME_LIMIT);
        assertTrue(clock.polls() >= n, clock.toString());
    }

    @ParameterizedTest(name = "{0} expires at stage {1}")
    @MethodSource("stageCases")
    void stopsWhenTimeIsUpAtAnyStage(String id, String stage) {
        Graph g = hard();
        TestClock clock = TestClock.expiringAtStage(stage);
        ScheduleResult r = run(id, g, options(clock));
        assertStopped(id, g, r, clock, Status.TIME_LIMIT);
        assertTrue(clock.stages().contains(stage), clock.toString());
    }

    @ParameterizedTest(name = "{0} interrupted at poll {1}")
    @MethodSource("pollCases")
    void interruptAtAPollReturnsTheBestOrderSoFar(String id, long n) {
        Graph g = hard();
        TestClock clock = TestClock.interruptingAtPoll(n);
        ScheduleResult r = runClearingInterrupt(id, g, options(clock).withMemoryModel(MemoryModel.INPLACE));
        assertStopped(id, g, r, clock, Status.INTERRUPTED);
        assertSame(Thread.currentThread(), clock.triggerThread());
    }

    @ParameterizedTest(name = "{0} interrupted at stage {1}")
    @MethodSource("stageCases")
    void interruptAtAnyStageReturnsTheBestOrderSoFar(String id, String stage) {
        Graph g = hard();
        TestClock clock = TestClock.interruptingAtStage(stage);
        ScheduleResult r = runClearingInterrupt(id, g, options(clock));
        assertStopped(id, g, r, clock, Status.INTERRUPTED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("searching")
    void interruptBeforeTheCallReturnsAValidOrderAtOnce(String id) {
        Graph g = hard();
        TestClock clock = TestClock.frozen();
        Thread.currentThread().interrupt();
        ScheduleResult r = runClearingInterrupt(id, g, options(clock));
        Oracles.assertValidResult(g, r);
        assertEquals(Status.INTERRUPTED, r.status(), id + ": " + clock);
        assertTrue(clock.polls() <= MAX_POLLS_AFTER_TRIGGER, id + " went on after the interrupt: " + clock);
    }

    /** One-pass heuristics never poll: an expired clock or an interrupt leaves their one order as it is. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("onePass")
    void onePassHeuristicsReturnTheirOrderWhateverTheClock(String id) {
        Graph g = hard();
        ScheduleResult plain = run(id, g, options(TestClock.frozen()));
        TestClock clock = TestClock.expiringAtPoll(1);
        Thread.currentThread().interrupt();
        ScheduleResult r = runClearingInterrupt(id, g, options(clock));
        Oracles.assertValidResult(g, r);
        assertEquals(plain.schedule(), r.schedule(), id);
        assertNotEquals(Status.TIME_LIMIT, r.status(), id);
        assertEquals(0, clock.polls(), id + " polled: " + clock);
    }

    /** {@code best} reaches its ILP stage when the DP runs out of states and the fused graph fits one program. */
    @Test
    void bestStopsWhenTimeIsUpAtItsIlpStage() {
        Graph g = Zoo.get("nasnet-cifar");
        for (boolean interrupt : new boolean[] {false, true}) {
            TestClock clock = interrupt ? TestClock.interruptingAtStage("ilp") : TestClock.expiringAtStage("ilp");
            ScheduleResult r = runClearingInterrupt("best", g, options(clock).withStateLimit(10_000));
            assertStopped("best", g, r, clock, interrupt ? Status.INTERRUPTED : Status.TIME_LIMIT);
            assertTrue(clock.stages().contains("ilp"), clock.toString());
        }
    }

    /** Every method on the 10,000-operator graphs, stopped at its third poll: graceful, never out of memory. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void largeGraphsStopAtExpiry(String id) {
        for (Graph g : List.of(LargeGraphs.randomlyWired(10_000, 2), LargeGraphs.multiScale(10_000, 2))) {
            checkLarge(id, g, 3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    @Tag("slow")
    void hundredThousandOperatorsStopAtExpiry(String id) {
        for (Graph g : List.of(LargeGraphs.randomlyWired(100_000, 2), LargeGraphs.multiScale(100_000, 2))) {
            checkLarge(id, g, 3);
        }
    }

    /**
     * Stops {@code id} on {@code g} at poll {@code n}: a valid order of every operator whose peak the simulator
     * confirms; a searching method either stopped there (TIME_LIMIT) or refused the graph before searching (BUDGET:
     * its tables or programs would not fit).
     */
    static void checkLarge(String id, Graph g, long n) {
        TestClock clock = TestClock.expiringAtPoll(n);
        SchedulerOptions o = options(clock);
        ScheduleResult r = run(id, g, o);
        assertEquals(g.opCount(), r.schedule().size());
        assertEquals(MemorySimulator.peak(g, o.memoryModel(), r.schedule().indicesIn(g)), r.peakBytes());
        Oracles.assertValidResult(g, r);
        if (ONE_PASS.contains(id)) {
            assertEquals(0, clock.polls(), id + " on " + g.name() + ": " + clock);
        } else if (clock.triggered()) {
            assertEquals(Status.TIME_LIMIT, r.status(), id + " on " + g.name() + ": " + clock);
            assertTrue(clock.pollsAfterTrigger() <= MAX_POLLS_AFTER_TRIGGER, id + " on " + g.name() + ": " + clock);
        } else {
            assertEquals(Status.BUDGET, r.status(), id + " on " + g.name() + " ended without a stop: " + clock);
        }
    }

    /** The old wall-clock check, for a quiet machine only (excluded by default; bench --limits measures it). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    @Tag("slow")
    void wallClockLimitIsHonouredOnAQuietMachine(String id) {
        Graph g = hard();
        Duration limit = Duration.ofMillis(1500);
        SchedulerOptions o = SchedulerOptions.defaults().withTimeLimit(limit).withThreads(2);
        long start = System.nanoTime();
        ScheduleResult r = methods().get(id).apply(o).schedule(g);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds <= 1.5 * 1.1 + 0.5, id + " took " + seconds + " s with a 1.5 s limit");
        Oracles.assertValidResult(g, r);
        if (!ONE_PASS.contains(id)) {
            assertTrue(r.status() == Status.TIME_LIMIT || r.status() == Status.BUDGET || r.optimal(),
                    id + ": " + r.status());
        }
    }
}
