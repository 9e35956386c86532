package io.memsched.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * {@code System.out} and {@code System.err} of the cells: text is collected per stream and each flush is sent
 * through the {@link Outbox}, so it is delivered by the serving thread, in order, before the cell's reply; text from a thread
 * of a finished cell is dropped.
 */
final class CellStreams {
    private final Outbox outbox;
    private final BiConsumer<Boolean, String> publish;
    /** The cells' standard output. */
    final PrintStream out;
    /** The cells' standard error. */
    final PrintStream err;

    /** Streams whose text goes to {@code publish(isErr, text)} on the outbox's serving thread. */
    CellStreams(Outbox outbox, BiConsumer<Boolean, String> publish) {
        this.outbox = outbox;
        this.publish = publish;
        this.out = new PrintStream(new Sink(false), true, StandardCharsets.UTF_8);
        this.err = new PrintStream(new Sink(true), true, StandardCharsets.UTF_8);
    }

    /** Collects bytes; a flush hands the text collected so far over, as one delivery, in order. */
    private final class Sink extends OutputStream {
        private final boolean isErr;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        Sink(boolean isErr) {
            this.isErr = isErr;
        }

        @Override
        public synchronized void write(int b) {
            buffer.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
        }

        @Override
        public synchronized void flush() {
            if (buffer.size() == 0) {
                return;
            }
            String text = buffer.toString(StandardCharsets.UTF_8);
            buffer.reset();
            outbox.post(() -> publish.accept(isErr, text)); // dropped when this thread may not send
        }
    }
}
