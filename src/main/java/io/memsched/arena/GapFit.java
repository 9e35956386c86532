package io.memsched.arena;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Shared placement loop of the one-pass planners: buffers in a given order, each into a gap of the placed ones. */
final class GapFit {
    private GapFit() {
    }

    /**
     * Offsets for the buffers of {@code problem}, placed in {@code order}; each goes into the lowest gap that fits
     * among the placed buffers alive at the same time ({@code bestFit} false) or into the smallest such gap
     * ({@code bestFit} true), else on top of them. Time O(b^2 log b).
     */
    static long[] place(ArenaProblem problem, Comparator<ArenaProblem.Buffer> order, boolean bestFit) {
        List<ArenaProblem.Buffer> todo = new ArrayList<>(problem.buffers());
        todo.sort(order.thenComparingInt(ArenaProblem.Buffer::index));
        long[] offsets = new long[todo.size()];
        List<ArenaProblem.Buffer> placed = new ArrayList<>();
        for (ArenaProblem.Buffer b : todo) {
            List<ArenaProblem.Buffer> rivals = new ArrayList<>();
            for (ArenaProblem.Buffer p : placed) {
                if (p.bytes() > 0 && p.overlapsInTime(b)) {
                    rivals.add(p);
                }
            }
            rivals.sort(Comparator.comparingLong(p -> offsets[p.index()]));
            long end = 0;
            long bestOffset = -1;
            long bestGap = Long.MAX_VALUE;
            for (ArenaProblem.Buffer p : rivals) {
                long gap = offsets[p.index()] - end;
                if (gap >= b.bytes() && gap < bestGap) {
                    bestOffset = end;
                    bestGap = gap;
                    if (!bestFit) {
                        break;
                    }
                }
                end = Math.max(end, offsets[p.index()] + p.bytes());
            }
            offsets[b.index()] = bestOffset >= 0 ? bestOffset : end;
            placed.add(b);
        }
        return offsets;
    }
}
