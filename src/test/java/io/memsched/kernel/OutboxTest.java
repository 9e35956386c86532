package io.memsched.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What cells send reaches the notebook only from the serving thread, in order, and only while the cell is open. */
class OutboxTest {
    private final List<String> sent = new ArrayList<>(); // touched only by the serving (test) thread
    private final Outbox outbox = new Outbox();
    private final CellStreams streams = new CellStreams(outbox, (err, text) -> sent.add((err ? "err:" : "out:") + text));

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aCellThreadsTextIsDeliveredByTheServingThreadInOrder() {
        Thread serving = Thread.currentThread();
        outbox.open(1);
        List<Thread> deliveredOn = new ArrayList<>();
        CellThread cell = new CellThread(() -> {
            streams.out.println("one");
            streams.err.println("two");
            outbox.post(() -> deliveredOn.add(Thread.currentThread()));
            streams.out.print("three");
            streams.out.flush();
        }, 1);
        cell.start();
        outbox.serveUntilDone(cell);
        outbox.close();
        assertEquals(List.of(serving), deliveredOn, "tasks run on the serving thread");
        assertEquals(List.of("out:one\n", "err:two\n", "out:three"), sent);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFinishedCellsThreadsReachNoLaterCell() throws Exception {
        CountDownLatch cellTwoOpen = new CountDownLatch(1);
        CountDownLatch staleDone = new CountDownLatch(1);
        outbox.open(1);
        CellThread stale = new CellThread(() -> { // goes on after its cell ended (as a stopped runaway would)
            try {
                cellTwoOpen.await();
            } catch (InterruptedException e) {
                return;
            }
            streams.out.println("late text of cell 1");
            assertFalse(outbox.post(() -> sent.add("late display of cell 1")), "refused");
            staleDone.countDown();
        }, 1);
        stale.start();
        outbox.close();
        outbox.open(2);
        cellTwoOpen.countDown();
        assertTrue(staleDone.await(60, TimeUnit.SECONDS));
        CellThread current = new CellThread(() -> streams.out.println("text of cell 2"), 2);
        current.start();
        outbox.serveUntilDone(current);
        outbox.close();
        assertEquals(List.of("out:text of cell 2\n"), sent);
        assertFalse(outbox.post(() -> sent.add("after the cell")), "closed outbox refuses");
        streams.out.println("between cells");
        assertEquals(List.of("out:text of cell 2\n"), sent);
    }
}
