package io.memsched.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.run.Clock;
import io.memsched.run.ProgressListener;
import io.memsched.run.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One progress output per cell, updated in place; nothing for quick work, none when off. */
class NotebookProgressTest {
    private long now;
    private final Clock clock = () -> now;
    private final List<String> shown = new ArrayList<>();
    private final Outbox outbox = new Outbox();
    private final NotebookProgress progress = new NotebookProgress(outbox,
            (id, text, first) -> shown.add((first ? "new " : "update ") + id + " " + text), clock);

    private void advanceMillis(long ms) {
        now += ms * 1_000_000L;
    }

    @Test
    void aLongCellGetsOneOutputUpdatedInPlaceAndTheNextCellANewOne() {
        outbox.open(1);
        progress.started("darts-cifar", "ilp");
        progress.tick();
        assertEquals(List.of(), shown, "nothing within the first second");
        advanceMillis(1200);
        progress.tick();
        advanceMillis(300);
        progress.incumbent("cpsat", 2 << 20, 1.5);
        progress.finished("darts-cifar", "ilp", Status.OPTIMAL, 2 << 20, 1.5);
        outbox.close();
        assertEquals(3, shown.size(), shown.toString());
        String id = shown.get(0).split(" ")[1];
        assertTrue(shown.get(0).startsWith("new " + id + " darts-cifar · ilp · 1.2 s"), shown.get(0));
        assertTrue(shown.get(1).startsWith("update " + id + " darts-cifar · ilp · best 2 MB"), shown.get(1));
        assertTrue(shown.get(2).startsWith("update " + id + " darts-cifar · ilp · optimal · best 2 MB"), shown.get(2));
        outbox.open(2);
        progress.started("resnet18", "dp");
        advanceMillis(2000);
        progress.tick();
        outbox.close();
        assertTrue(shown.get(3).startsWith("new "), shown.get(3));
        assertNotEquals(id, shown.get(3).split(" ")[1], "a new output for the new cell");
    }

    @Test
    void eventsOutsideACellAndWhenOffShowNothing() {
        progress.started("g", "dp");
        advanceMillis(5000);
        progress.tick();
        assertEquals(List.of(), shown, "no cell open");
        progress.enable(false);
        assertEquals(ProgressListener.NONE, progress.forCell());
        progress.enable(true);
        assertEquals(progress, progress.forCell());
    }
}
