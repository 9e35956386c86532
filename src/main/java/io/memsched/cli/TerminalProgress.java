package io.memsched.cli;

import io.memsched.graph.Sizes;
import io.memsched.run.Clock;
import io.memsched.run.ProgressLine;
import io.memsched.run.ProgressListener;
import io.memsched.run.Status;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The terminal's progress display: one line on stderr rewritten in place ({@code \r}, clear to the end of the line)
 * with graph, method, stage, best peak so far, bound and elapsed time ({@link ProgressLine}), ticking while work
 * runs. Log lines printed with {@link #println} go above it. Off ({@link #off}) when stderr is not a terminal or
 * with {@code --no-progress}: then it is {@link ProgressListener#NONE} and log lines are printed as they are.
 */
final class TerminalProgress implements ProgressListener, AutoCloseable {
    private static final String CLEAR = "\r\u001b[K";

    private final PrintWriter err;
    private final ProgressLine line;
    private final ScheduledExecutorService ticker;
    private String drawn = "";

    /** A display on {@code err}, on or off, timed by {@code clock} (shown after 0.5 s, redrawn every 0.2 s). */
    TerminalProgress(PrintWriter err, boolean on, Clock clock) {
        this.err = err;
        this.line = on ? new ProgressLine(this::draw, Sizes::format, clock, Duration.ofMillis(500),
                Duration.ofMillis(200)) : null;
        if (on) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "memsched-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(line::tick, 250, 250, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    /**
     * Tests only: when set, {@link #on} acts as if stderr were a terminal and times the line by this clock (a test
     * clock makes the line show at once, without waiting).
     */
    static volatile Clock assumeTerminal;

    /** The display on {@code err}: on when {@code wanted} and this process runs on a terminal. */
    static TerminalProgress on(PrintWriter err, boolean wanted) {
        Clock forced = assumeTerminal;
        if (forced != null) {
            return new TerminalProgress(err, wanted, forced);
        }
        return new TerminalProgress(err, wanted && System.console() != null, Clock.system());
    }

    /** A display that only passes log lines through. */
    static TerminalProgress off(PrintWriter err) {
        return new TerminalProgress(err, false, Clock.system());
    }

    /** What listeners should get: this display when it is on, else {@link ProgressListener#NONE}. */
    ProgressListener listener() {
        return line == null ? ProgressListener.NONE : this;
    }

    private synchronized void draw(String text) {
        drawn = text;
        err.print(CLEAR + text);
        err.flush();
    }

    /** Prints a log line above the progress line (which is redrawn under it). */
    synchronized void println(String text) {
        if (line != null && !drawn.isEmpty()) {
            err.print(CLEAR);
        }
        err.println(text);
        if (line != null && !drawn.isEmpty()) {
            err.print(drawn);
        }
        err.flush();
    }

    @Override
    public void started(String graph, String method) {
        line.started(graph, method);
    }

    @Override
    public void stage(String method, String stage) {
        line.stage(method, stage);
    }

    @Override
    public void incumbent(String method, long peakBytes, double seconds) {
        line.incumbent(method, peakBytes, seconds);
    }

    @Override
    public void bound(String method, long lowerBoundBytes, double seconds) {
        line.bound(method, lowerBoundBytes, seconds);
    }

    @Override
    public void message(String method, String text) {
        line.message(method, text);
    }

    @Override
    public void finished(String graph, String method, Status status, long peakBytes, double seconds) {
        line.finished(graph, method, status, peakBytes, seconds);
    }

    /** Stops ticking and clears the line. */
    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (line != null && !drawn.isEmpty()) {
            err.print(CLEAR);
            err.flush();
            drawn = "";
        }
    }
}
