package io.memsched.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An arena layout: an offset for every buffer of an {@link ArenaProblem} such that buffers alive at a common step
 * never share an address. Build one with {@link #verified}, which checks exactly that.
 *
 * @param planner the planner's id ({@code greedy}, {@code bestfit}, {@code exact})
 * @param problem the buffers placed
 * @param offsets byte offset of each buffer, by buffer index
 * @param arenaBytes the arena size: the largest {@code offset + bytes}
 * @param lowerBoundBytes a size no layout of this problem goes below (at least the peak)
 * @param optimal whether {@code arenaBytes == lowerBoundBytes}
 * @param elapsed planning time
 */
public record ArenaPlan(String planner, ArenaProblem problem, List<Long> offsets, long arenaBytes,
                        long lowerBoundBytes, boolean optimal, Duration elapsed) {

    /** Checks the invariants. */
    public ArenaPlan {
        Objects.requireNonNull(planner, "planner");
        Objects.requireNonNull(problem, "problem");
        offsets = List.copyOf(offsets);
        Objects.requireNonNull(elapsed, "elapsed");
        if (offsets.size() != problem.buffers().size()) {
            throw new IllegalArgumentException(planner + ": " + offsets.size() + " offsets for "
                    + problem.buffers().size() + " buffers");
        }
        if (lowerBoundBytes > arenaBytes || optimal != (lowerBoundBytes == arenaBytes)) {
            throw new IllegalStateException(planner + " on " + problem.graphName() + ": arena " + arenaBytes
                    + ", bound " + lowerBoundBytes + ", optimal=" + optimal);
        }
    }

    /**
     * A plan after checking that no two buffers alive at a common step overlap in memory and that offsets are not
     * negative; the arena size is computed, the bound is at least the peak.
     *
     * @throws IllegalStateException naming the planner, both buffers and the step when the layout is invalid (a bug
     *     of the planner)
     */
    public static ArenaPlan verified(String planner, ArenaProblem problem, long[] offsets, long provenBoundBytes,
                                     Duration elapsed) {
        check(planner, problem, offsets);
        long arena = 0;
        for (ArenaProblem.Buffer b : problem.buffers()) {
            arena = Math.max(arena, offsets[b.index()] + b.bytes());
        }
        long bound = Math.max(problem.peakBytes(), provenBoundBytes);
        if (arena < bound) {
            throw new IllegalStateException(planner + " on graph '" + problem.graphName() + "': arena " + arena
                    + " is below the bound " + bound);
        }
        List<Long> list = new ArrayList<>(offsets.length);
        for (long o : offsets) {
            list.add(o);
        }
        return new ArenaPlan(planner, problem, list, arena, bound, arena == bound, elapsed);
    }

    /**
     * Checks that {@code offsets} is a valid layout of {@code problem}: a sweep over steps compares each buffer with
     * its neighbour in address order among the buffers alive at that step. Time O(s * b log b).
     *
     * @throws IllegalStateException naming both buffers and the step when two live buffers overlap
     */
    public static void check(String planner, ArenaProblem problem, long[] offsets) {
        List<ArenaProblem.Buffer> bs = problem.buffers();
        if (offsets.length != bs.size()) {
            throw new IllegalStateException(planner + ": " + offsets.length + " offsets for " + bs.size() + " buffers");
        }
        List<List<ArenaProblem.Buffer>> byStep = new ArrayList<>();
        for (int s = 0; s <= problem.steps(); s++) {
            byStep.add(new ArrayList<>());
        }
        for (ArenaProblem.Buffer b : bs) {
            if (offsets[b.index()] < 0) {
                throw new IllegalStateException(planner + " on graph '" + problem.graphName() + "': buffer '" + b.name()
                        + "' has a negative offset " + offsets[b.index()]);
            }
            if (b.bytes() > 0) {
                for (int s = b.firstStep(); s <= b.lastStep(); s++) {
                    byStep.get(s).add(b);
                }
            }
        }
        Comparator<ArenaProblem.Buffer> byOffset = Comparator.comparingLong(b -> offsets[b.index()]);
        for (int s = 0; s < byStep.size(); s++) {
            List<ArenaProblem.Buffer> live = byStep.get(s);
            live.sort(byOffset);
            for (int k = 1; k < live.size(); k++) {
                ArenaProblem.Buffer a = live.get(k - 1);
                ArenaProblem.Buffer b = live.get(k);
                if (offsets[a.index()] + a.bytes() > offsets[b.index()]) {
                    throw new IllegalStateException(planner + " on graph '" + problem.graphName() + "': buffers '"
                            + a.name() + "' [" + offsets[a.index()] + ", " + (offsets[a.index()] + a.bytes())
                            + ") and '" + b.name() + "' [" + offsets[b.index()] + ", " + (offsets[b.index()] + b.bytes())
                            + ") overlap at step " + s);
                }
            }
        }
    }

    /** The peak of the order (what an ideal allocator without fragmentation would need). */
    public long peakBytes() {
        return problem.peakBytes();
    }

    /** Arena size over peak: 1.0 means no fragmentation. */
    public double fragmentation() {
        return problem.peakBytes() == 0 ? 1.0 : arenaBytes / (double) problem.peakBytes();
    }

    /** The offset of every tensor (tensors sharing an in-place buffer share its offset), in tensor order. */
    public Map<String, Long> tensorOffsets() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (ArenaProblem.Buffer b : problem.buffers()) {
            if (!b.workspace()) {
                b.tensors().forEach(t -> m.put(t, offsets.get(b.index())));
            }
        }
        return m;
    }

    /** The offset of buffer {@code index}. */
    public long offset(int index) {
        return offsets.get(index);
    }

    /** One line: planner, arena, peak, fragmentation, optimality. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s arena of %s: %d B for a peak of %d B (fragmentation %.3f)%s, %.3f s",
                planner, problem.graphName(), arenaBytes, peakBytes(), fragmentation(),
                optimal ? ", optimal" : "", elapsed.toNanos() / 1e9);
    }
}
