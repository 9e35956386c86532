package io.memsched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.run.ProgressListener;
import io.memsched.run.Status;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.zoo.Zoo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plans and comparisons tell their listener what runs: start, stages (passes included), end. */
class PlanProgressTest {
    /** Records the events as text. */
    static final class Recorder implements ProgressListener {
        final List<String> events = new ArrayList<>();

        @Override
        public synchronized void started(String graph, String method) {
            events.add("start " + graph + " " + method);
        }

        @Override
        public synchronized void stage(String method, String stage) {
            events.add("stage " + method + " " + stage);
        }

        @Override
        public synchronized void finished(String graph, String method, Status status, long peakBytes, double seconds) {
            events.add("end " + graph + " " + method + " " + status + " " + peakBytes);
        }
    }

    @Test
    void aPlanReportsItsStartPassesStagesAndEnd() {
        Recorder r = new Recorder();
        Plan p = Memsched.plan(Zoo.get("toy-cell")).passes(Passes.fusion()).method("best").progress(r).run();
        assertEquals("start toy-cell best", r.events.get(0));
        assertEquals("stage best pass fusion", r.events.get(1));
        assertTrue(r.events.stream().anyMatch(e -> e.startsWith("stage best ") && !e.contains("pass")),
                "the method's own stages: " + r.events);
        assertEquals("end toy-cell best " + p.status() + " " + p.peakBytes(), r.events.get(r.events.size() - 1));
    }

    @Test
    void withoutAListenerTheAmbientOneHearsItAndNoneTurnsItOff() {
        Graph g = Zoo.get("diamond");
        Recorder ambient = new Recorder();
        ProgressListener.bind(ambient, () -> Memsched.plan(g).method("dp").run());
        assertEquals("start diamond dp", ambient.events.get(0));
        int before = ambient.events.size();
        ProgressListener.bind(ambient, () -> Memsched.plan(g).method("dp").progress(ProgressListener.NONE).run());
        assertEquals(before, ambient.events.size(), "progress(NONE) is off");
    }

    @Test
    void aComparisonReportsEachMethod() {
        Recorder r = new Recorder();
        var c = Memsched.compare(Zoo.get("diamond"), SchedulerOptions.defaults().withProgress(r), List.of("rpo", "dp"));
        List<String> ends = r.events.stream().filter(e -> !e.startsWith("stage")).toList();
        assertEquals(List.of("start diamond rpo", "end diamond rpo " + c.results().get(0).status() + " "
                + c.results().get(0).peakBytes(), "start diamond dp", "end diamond dp " + c.results().get(1).status()
                + " " + c.results().get(1).peakBytes()), ends);
        Recorder ambient = new Recorder();
        ProgressListener.bind(ambient, () -> Memsched.plan(Zoo.get("diamond")).method("greedy")
                .progress(ProgressListener.NONE).run().compare("rpo"));
        assertEquals(List.of(), ambient.events, "a plan run without progress compares without it too");
    }
}
