package io.memsched.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress line's content and when it is drawn, on a clock the test moves. */
class ProgressLineTest {
    /** A clock that stands still until the test moves it. */
    static final class ManualClock implements Clock {
        long now = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return now;
        }

        void advanceMillis(long ms) {
            now += ms * 1_000_000L;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final List<String> drawn = new ArrayList<>();
    private final ProgressLine line = new ProgressLine(drawn::add, b -> b / 1024 + " KB", clock,
            Duration.ofSeconds(1), Duration.ofMillis(250));

    @Test
    void quickWorkShowsNothing() {
        line.started("tiny", "dp");
        clock.advanceMillis(300);
        line.incumbent("dp", 3072, 0.3);
        line.finished("tiny", "dp", Status.OPTIMAL, 3072, 0.3);
        assertEquals(List.of(), drawn);
        assertFalse(line.shown());
    }

    @Test
    void longWorkShowsGraphMethodStageBestBoundAndElapsed() {
        line.started("darts-cifar", "ilp");
        line.stage("ilp", "fusion");
        clock.advanceMillis(1500);
        line.stage("ilp", "solve");
        assertEquals(List.of("darts-cifar · ilp · solve · 1.5 s"), drawn);
        clock.advanceMillis(100);
        line.incumbent("cpsat", 2048 * 1024, 1.6);
        assertEquals(1, drawn.size(), "not redrawn within the interval");
        clock.advanceMillis(200);
        line.bound("cpsat", 1024 * 1024, 1.8);
        assertEquals("darts-cifar · ilp · solve · best 2048 KB · bound 1024 KB · 1.8 s", drawn.get(1));
        line.incumbent("cpsat", 4096 * 1024, 1.8);
        assertTrue(line.line().contains("best 2048 KB"), "the best peak only goes down: " + line.line());
        clock.advanceMillis(250);
        line.tick();
        assertEquals("darts-cifar · ilp · solve · best 2048 KB · bound 1024 KB · 2.1 s", drawn.get(2));
        line.finished("darts-cifar", "ilp", Status.TIME_LIMIT, 1536 * 1024, 2.1);
        assertEquals("darts-cifar · ilp · time limit · best 1536 KB · bound 1024 KB · 2.1 s", drawn.get(3),
                "the end is always drawn once the line shows");
        clock.advanceMillis(5000);
        line.tick();
        assertEquals(4, drawn.size(), "no ticks after the work finished");
    }

    @Test
    void theNextMethodOfAComparisonStartsAFreshLine() {
        line.started("g", "rpo");
        clock.advanceMillis(1200);
        line.tick();
        line.finished("g", "rpo", Status.FEASIBLE, 2048, 1.2);
        line.started("g", "dp");
        assertEquals("g · dp · 0.0 s", drawn.get(drawn.size() - 1), "redrawn at once: the line is visible");
    }

    @Test
    void stagesOfAClockReachTheListener() {
        List<String> stages = new ArrayList<>();
        ProgressListener l = new ProgressListener() {
            @Override
            public void stage(String method, String stage) {
                stages.add(method + ":" + stage);
            }
        };
        Deadline d = Deadline.after(Duration.ofSeconds(5), l.stagesOf(clock, "best"));
        d.stage("heuristics");
        d.stage("dp");
        assertEquals(List.of("best:heuristics", "best:dp"), stages);
        assertTrue(ProgressListener.NONE.stagesOf(clock, "x") == clock, "no wrapper without a listener");
    }

    @Test
    void theAmbientListenerIsBoundForABodyAndItsThreads() throws Exception {
        assertEquals(ProgressListener.NONE, ProgressListener.ambient());
        ProgressListener mine = new ProgressListener() {
        };
        ProgressListener[] seen = new ProgressListener[2];
        ProgressListener.bind(mine, () -> {
            seen[0] = ProgressListener.ambient();
            Thread t = new Thread(() -> seen[1] = ProgressListener.ambient());
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(mine, seen[0]);
        assertEquals(mine, seen[1], "inherited by threads started inside");
        assertEquals(ProgressListener.NONE, ProgressListener.ambient(), "restored");
    }
}
