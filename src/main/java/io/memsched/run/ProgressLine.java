package io.memsched.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * A progress display as one line of text that is rewritten in place: graph, method, stage, best peak so far,
 * lower bound and elapsed time, e.g. {@code darts-cifar · ilp · solve · best 1.35 MB · bound 1.20 MB · 12.4 s}.
 * The line goes to a sink (the terminal's carriage-return line, a notebook's updating output). It appears only
 * once work has run for {@code delay} (quick runs show nothing) and is redrawn at most every {@code interval},
 * except when work starts or finishes. All time is read from a {@link Clock}, so tests decide every redraw.
 */
public final class ProgressLine implements ProgressListener {
    private final Consumer<String> sink;
    private final LongFunction<String> bytes;
    private final Clock clock;
    private final long delayNanos;
    private final long intervalNanos;

    private String graph = "";
    private String method = "";
    private String stage = "";
    private long best = -1;
    private long bound = -1;
    private long startNanos;
    private long lastDrawn;
    private boolean running;
    private boolean shown;

    /**
     * A line drawn into {@code sink}, bytes written by {@code bytes} (e.g. {@code Sizes::format}), time from
     * {@code clock}; shown after {@code delay}, redrawn at most every {@code interval}.
     */
    public ProgressLine(Consumer<String> sink, LongFunction<String> bytes, Clock clock, Duration delay, Duration interval) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.delayNanos = delay.toNanos();
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public synchronized void started(String graphName, String methodId) {
        graph = graphName;
        method = methodId;
        stage = "";
        best = -1;
        bound = -1;
        startNanos = clock.nanoTime();
        running = true;
        draw(shown);
    }

    @Override
    public synchronized void stage(String methodId, String name) {
        stage = name;
        draw(false);
    }

    @Override
    public synchronized void incumbent(String methodId, long peakBytes, double seconds) {
        best = best < 0 ? peakBytes : Math.min(best, peakBytes);
        draw(false);
    }

    @Override
    public synchronized void bound(String methodId, long lowerBoundBytes, double seconds) {
        bound = Math.max(bound, lowerBoundBytes);
        draw(false);
    }

    @Override
    public synchronized void message(String methodId, String text) {
        stage = text;
        draw(false);
    }

    @Override
    public synchronized void finished(String graphName, String methodId, Status status, long peakBytes, double seconds) {
        best = peakBytes;
        stage = status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        draw(shown);
        running = false;
    }

    /** Redraws when the line is due (call it now and then so the elapsed time moves while nothing else does). */
    public synchronized void tick() {
        if (running) {
            draw(false);
        }
    }

    /** Whether the line has been drawn at least once. */
    public synchronized boolean shown() {
        return shown;
    }

    /** The line as it would be drawn now. */
    public synchronized String line() {
        List<String> parts = new ArrayList<>();
        for (String s : List.of(graph, method, stage)) {
            if (!s.isEmpty()) {
                parts.add(s);
            }
        }
        if (best >= 0) {
            parts.add("best " + bytes.apply(best));
        }
        if (bound >= 0) {
            parts.add("bound " + bytes.apply(bound));
        }
        parts.add(String.format(Locale.ROOT, "%.1f s", (clock.nanoTime() - startNanos) / 1e9));
        return String.join(" · ", parts);
    }

    private void draw(boolean force) {
        long now = clock.nanoTime();
        if (!force && (now - startNanos < delayNanos || shown && now - lastDrawn < intervalNanos)) {
            return;
        }
        lastDrawn = now;
        shown = true;
        sink.accept(line());
    }
}
