package io.memsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memsched.run.Clock;
import io.memsched.run.ProgressListener;
import io.memsched.run.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The terminal's progress line is rewritten in place and log lines go above it; off, only the log lines. */
class TerminalProgressTest {
    private static final String CLEAR = "\r\u001b[K";
    private long now;
    private final Clock clock = () -> now;

    @Test
    void theLineIsRewrittenInPlaceAndLogLinesGoAboveIt() {
        StringWriter text = new StringWriter();
        try (TerminalProgress display = new TerminalProgress(new PrintWriter(text), true, clock)) {
            ProgressListener p = display.listener();
            p.started("[1/2] darts-cifar default", "ilp");
            now += 600_000_000L;
            p.stage("ilp", "solve");
            p.finished("[1/2] darts-cifar default", "ilp", Status.OPTIMAL, 1024 * 1024, 0.6);
            display.println("bench [1/2] darts-cifar: done");
        }
        assertEquals(CLEAR + "[1/2] darts-cifar default · ilp · solve · 0.6 s"
                + CLEAR + "[1/2] darts-cifar default · ilp · optimal · best 1 MB · 0.6 s"
                + CLEAR + "bench [1/2] darts-cifar: done" + System.lineSeparator()
                + "[1/2] darts-cifar default · ilp · optimal · best 1 MB · 0.6 s"
                + CLEAR, text.toString());
    }

    @Test
    void offItIsNoListenerAndPrintsLogLinesAsTheyAre() {
        StringWriter text = new StringWriter();
        try (TerminalProgress display = TerminalProgress.off(new PrintWriter(text))) {
            assertEquals(ProgressListener.NONE, display.listener());
            display.println("bench [1/1] tiny: done");
        }
        assertEquals("bench [1/1] tiny: done" + System.lineSeparator(), text.toString());
    }
}
