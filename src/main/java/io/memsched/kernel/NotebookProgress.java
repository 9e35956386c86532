package io.memsched.kernel;

import io.memsched.graph.Sizes;
import io.memsched.run.Clock;
import io.memsched.run.ProgressLine;
import io.memsched.run.ProgressListener;
import io.memsched.run.Status;
import java.time.Duration;
import java.util.UUID;

/**
 * The notebook's progress display: one output line per cell that is updated in place (Jupyter display updates)
 * while a plan, a comparison or any other long work reports progress: graph, method, stage, best peak so far,
 * bound, elapsed. It appears once work has run for a second, so quick cells show nothing, and ticks while the
 * cell runs. The kernel binds it as each cell's {@link ProgressListener#ambient()} listener; {@code %progress off}
 * turns it off. Events from any thread go through the cell's {@link Outbox}; those of finished cells are dropped.
 */
final class NotebookProgress implements ProgressListener {
    static final Duration DELAY = Duration.ofSeconds(1);
    static final Duration INTERVAL = Duration.ofMillis(250);

    private final Outbox outbox;
    private final Output show;
    private final Clock clock;
    private ProgressLine line;
    private long cell = -1;
    private volatile boolean enabled = true;

    /** Where a line is shown: a new output the first time ({@code first}), then updates of display {@code id}. */
    @FunctionalInterface
    interface Output {
        void show(String id, String text, boolean first);
    }

    /** A display whose lines go to {@code show} on the outbox's serving thread, timed by {@code clock}. */
    NotebookProgress(Outbox outbox, Output show, Clock clock) {
        this.outbox = outbox;
        this.show = show;
        this.clock = clock;
    }

    /** Turns the display on or off (for the cells that start afterwards). */
    void enable(boolean on) {
        enabled = on;
    }

    /** Whether the display is on. */
    boolean enabled() {
        return enabled;
    }

    /** The listener to bind to a cell: this display, or none when it is off. */
    ProgressListener forCell() {
        return enabled ? this : ProgressListener.NONE;
    }

    /** The current cell's line (a new one when the cell changed), or null for a thread that may not send. */
    private synchronized ProgressLine line() {
        if (!outbox.accepts(Thread.currentThread())) {
            return null;
        }
        long open = outbox.cell();
        if (line == null || cell != open) {
            cell = open;
            boolean[] first = {true};
            String id = UUID.randomUUID().toString();
            line = new ProgressLine(text -> outbox.post(() -> {
                show.show(id, text, first[0]);
                first[0] = false;
            }), Sizes::format, clock, DELAY, INTERVAL);
        }
        return line;
    }

    /** Redraws the current cell's line when due (the outbox calls it while it waits). */
    void tick() {
        ProgressLine l;
        synchronized (this) {
            l = cell == outbox.cell() ? line : null;
        }
        if (l != null) {
            l.tick();
        }
    }

    @Override
    public void started(String graph, String method) {
        ProgressLine l = line();
        if (l != null) {
            l.started(graph, method);
        }
    }

    @Override
    public void stage(String method, String stage) {
        ProgressLine l = line();
        if (l != null) {
            l.stage(method, stage);
        }
    }

    @Override
    public void incumbent(String method, long peakBytes, double seconds) {
        ProgressLine l = line();
        if (l != null) {
            l.incumbent(method, peakBytes, seconds);
        }
    }

    @Override
    public void bound(String method, long lowerBoundBytes, double seconds) {
        ProgressLine l = line();
        if (l != null) {
            l.bound(method, lowerBoundBytes, seconds);
        }
    }

    @Override
    public void message(String method, String text) {
        ProgressLine l = line();
        if (l != null) {
            l.message(method, text);
        }
    }

    @Override
    public void finished(String graph, String method, Status status, long peakBytes, double seconds) {
        ProgressLine l = line();
        if (l != null) {
            l.finished(graph, method, status, peakBytes, seconds);
        }
    }

    @Override
    public String toString() {
        return "notebook progress line" + (enabled ? "" : " (off)");
    }
}
