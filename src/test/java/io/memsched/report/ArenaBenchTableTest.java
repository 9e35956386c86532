package io.memsched.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.arena.ArenaPlan;
import io.memsched.arena.ArenaProblem;
import io.memsched.arena.BestFitArenaPlanner;
import io.memsched.arena.ContentionArenaPlanner;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The table of {@code bench --arena}: one row per plan, the ratio to the load bound printed with four decimals. */
class ArenaBenchTableTest {
    @Test
    void oneRowPerPlanWithTheRatioToTheLoadBound() {
        // a needs the bottom, b and c share the rest in turn: the load bound 8 is reachable
        ArenaProblem p = ArenaProblem.of("three", List.of(ArenaProblem.Buffer.named(0, "a", 4, 0, 3),
                ArenaProblem.Buffer.named(1, "b", 4, 0, 1), ArenaProblem.Buffer.named(2, "c", 4, 2, 3)));
        ArenaPlan best = new ContentionArenaPlanner().plan(p);
        ArenaPlan fit = new BestFitArenaPlanner().plan(p);
        Table t = ArenaBenchTable.of(List.of(best, fit));
        assertEquals(2, t.rowCount());
        assertEquals(8L, t.longColumn("loadBound").get(0));
        assertEquals(best.arenaBytes() / 8.0, t.doubleColumn("ratio").get(0), 1e-9);
        String printed = t.printAll();
        assertTrue(printed.contains(String.format(java.util.Locale.ROOT, "%.4f", best.arenaBytes() / 8.0)), printed);
        assertTrue(printed.contains("contention") && printed.contains("bestfit"), printed);
    }
}
