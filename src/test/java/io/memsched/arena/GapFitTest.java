package io.memsched.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import org.junit.jupiter.api.Test;

/**
 * The one-pass placement ({@code greedy}, {@code bestfit}) through neighbour lists gives exactly the layout of the
 * scan over every placed buffer (empty buffers aside: they go to offset 0), for first fit and best fit, on thousands of seeded random problems (identical and
 * empty buffers included) and on DNN-like medium ones.
 */
class GapFitTest {
    private static final Comparator<ArenaProblem.Buffer> BY_SIZE =
            Comparator.comparingLong(ArenaProblem.Buffer::bytes).reversed()
                    .thenComparingInt(ArenaProblem.Buffer::firstStep);
    private static final Comparator<ArenaProblem.Buffer> BY_BIRTH =
            Comparator.comparingInt(ArenaProblem.Buffer::firstStep)
                    .thenComparing(Comparator.comparingLong(ArenaProblem.Buffer::bytes).reversed());

    @Test
    void neighbourListsGiveTheScansLayoutOnTinyProblems() {
        for (long seed = 0; seed < 3_000; seed++) {
            ArenaProblem p = ArenaBruteForce.random(seed, 1 + (int) (seed % 12), 2 + (int) (seed % 7), 6);
            check(p, "seed " + seed);
        }
    }

    @Test
    void neighbourListsGiveTheScansLayoutOnMediumProblems() {
        for (long seed = 0; seed < 40; seed++) {
            check(ContentionArenaPlannerTest.medium(seed, 300 + (int) seed * 20), "medium " + seed);
        }
    }

    private static void check(ArenaProblem p, String what) {
        for (boolean bestFit : new boolean[] {false, true}) {
            for (Comparator<ArenaProblem.Buffer> order : java.util.List.of(BY_SIZE, BY_BIRTH)) {
                long[] scan = GapFit.placeByScan(p, order, bestFit);
                long[] fast = GapFit.place(p, order, bestFit);
                for (ArenaProblem.Buffer b : p.buffers()) {
                    // an empty buffer takes no room: the neighbour lists put it at 0, the scan's best fit in the
                    // smallest (empty) gap
                    assertEquals(b.bytes() == 0 ? 0 : scan[b.index()], fast[b.index()],
                            what + (bestFit ? " best fit" : " first fit") + ", buffer " + b.index());
                }
            }
        }
    }
}
