package io.memsched.arena;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Shared placement loop of the one-pass planners: buffers in a given order, each into a gap of the placed ones. */
final class GapFit {
    private GapFit() {
    }

    /** Above this many overlapping pairs the placement scans the placed buffers instead of building neighbour lists. */
    static final long MAX_PAIRS = ContentionArenaPlanner.MAX_PAIRS;

    /**
     * Offsets for the buffers of {@code problem}, placed in {@code order}; each goes into the lowest gap that fits
     * among the placed buffers alive at the same time ({@code bestFit} false) or into the smallest such gap
     * ({@code bestFit} true), else on top of them. Reads each buffer's placed neighbours from the
     * {@link Interference} graph ({@link OffsetFit}): time O(b log b + e log d) for e overlapping pairs and degree d;
     * above {@value #MAX_PAIRS} pairs it scans every placed buffer instead, O(b^2 log b). Both give the same layout
     * (but for empty buffers, which take no room: offset 0 here, the smallest gap in the scan's best fit).
     */
    static long[] place(ArenaProblem problem, Comparator<ArenaProblem.Buffer> order, boolean bestFit) {
        Interference g = Interference.of(problem, MAX_PAIRS);
        return g == null ? placeByScan(problem, order, bestFit)
                : new OffsetFit(g).placeAll(sorted(problem, order).stream().mapToInt(ArenaProblem.Buffer::index)
                        .toArray(), bestFit);
    }

    private static List<ArenaProblem.Buffer> sorted(ArenaProblem problem, Comparator<ArenaProblem.Buffer> order) {
        List<ArenaProblem.Buffer> todo = new ArrayList<>(problem.buffers());
        todo.sort(order.thenComparingInt(ArenaProblem.Buffer::index));
        return todo;
    }

    /** {@link #place} by scanning every placed buffer for each one: O(b^2 log b), no neighbour lists. */
    static long[] placeByScan(ArenaProblem problem, Comparator<ArenaProblem.Buffer> order, boolean bestFit) {
        List<ArenaProblem.Buffer> todo = sorted(problem, order);
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
