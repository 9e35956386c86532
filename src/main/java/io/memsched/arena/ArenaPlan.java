package io.memsched.arena;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

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
 * @param status how the planner's run ended ({@link ArenaStatus#OPTIMAL} only when {@code optimal};
 *     {@link ArenaStatus#INFEASIBLE} exactly when the bound is above the capacity)
 * @param capacityBytes the capacity the planner was asked to fit, if any
 * @param elapsed planning time
 */
public record ArenaPlan(String planner, ArenaProblem problem, List<Long> offsets, long arenaBytes,
                        long lowerBoundBytes, boolean optimal, ArenaStatus status, OptionalLong capacityBytes,
                        Duration elapsed) {

    /** Checks the invariants. */
    public ArenaPlan {
        Objects.requireNonNull(planner, "planner");
        Objects.requireNonNull(problem, "problem");
        offsets = List.copyOf(offsets);
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(capacityBytes, "capacityBytes");
        if (status == ArenaStatus.OPTIMAL && !optimal) {
            throw new IllegalStateException(planner + " on " + problem.name() + ": status " + status
                    + " but optimal=" + optimal);
        }
        if (status == ArenaStatus.INFEASIBLE && (capacityBytes.isEmpty() || arenaBytes <= capacityBytes.getAsLong()
                || lowerBoundBytes <= capacityBytes.getAsLong())) {
            throw new IllegalStateException(planner + " on " + problem.name() + ": infeasible, but arena "
                    + arenaBytes + ", bound " + lowerBoundBytes + ", capacity " + capacityBytes);
        }
        if (offsets.size() != problem.buffers().size()) {
            throw new IllegalArgumentException(planner + ": " + offsets.size() + " offsets for "
                    + problem.buffers().size() + " buffers");
        }
        if (lowerBoundBytes > arenaBytes || optimal != (lowerBoundBytes == arenaBytes)) {
            throw new IllegalStateException(planner + " on " + problem.name() + ": arena " + arenaBytes
                    + ", bound " + lowerBoundBytes + ", optimal=" + optimal);
        }
    }

    /**
     * A heuristic's plan (no capacity asked) after checking the layout with {@link #check}: the arena size is
     * computed, the bound is the problem's {@link ArenaProblem#lowerBoundBytes()} or {@code provenBoundBytes} if
     * larger; the status is {@link ArenaStatus#OPTIMAL} when they meet, {@link ArenaStatus#FEASIBLE} otherwise.
     *
     * @throws IllegalStateException naming the planner, both buffers and the step when the layout is invalid (a bug
     *     of the planner)
     */
    public static ArenaPlan verified(String planner, ArenaProblem problem, long[] offsets, long provenBoundBytes,
                                     Duration elapsed) {
        return verified(planner, problem, offsets, provenBoundBytes, ArenaStatus.FEASIBLE, OptionalLong.empty(),
                elapsed);
    }

    /**
     * A plan after checking that no two buffers alive at a common step overlap in memory and that offsets are not
     * negative ({@link #check}); the arena size is computed, the bound is at least the problem's
     * {@link ArenaProblem#lowerBoundBytes()}. The status is {@link ArenaStatus#INFEASIBLE} when the bound is above
     * the capacity, else {@link ArenaStatus#OPTIMAL} whenever the arena meets the bound, else {@code status} (which
     * must then not be {@code OPTIMAL}).
     *
     * @throws IllegalStateException naming the planner, both buffers and the step when the layout is invalid (a bug
     *     of the planner), or when the arena is below the bound
     */
    public static ArenaPlan verified(String planner, ArenaProblem problem, long[] offsets, long provenBoundBytes,
                                     ArenaStatus status, OptionalLong capacityBytes, Duration elapsed) {
        check(planner, problem, offsets);
        long arena = 0;
        for (ArenaProblem.Buffer b : problem.buffers()) {
            arena = Math.max(arena, offsets[b.index()] + b.bytes());
        }
        long bound = Math.max(problem.lowerBoundBytes(), provenBoundBytes);
        if (arena < bound) {
            throw new IllegalStateException(planner + " on '" + problem.name() + "': arena " + arena
                    + " is below the bound " + bound);
        }
        if (status == ArenaStatus.OPTIMAL && arena != bound) {
            throw new IllegalStateException(planner + " on '" + problem.name() + "': OPTIMAL with arena " + arena
                    + " above the bound " + bound);
        }
        List<Long> list = new ArrayList<>(offsets.length);
        for (long o : offsets) {
            list.add(o);
        }
        ArenaStatus s = capacityBytes.isPresent() && bound > capacityBytes.getAsLong() ? ArenaStatus.INFEASIBLE
                : arena == bound ? ArenaStatus.OPTIMAL : status == ArenaStatus.INFEASIBLE ? ArenaStatus.FEASIBLE : status;
        return new ArenaPlan(planner, problem, list, arena, bound, arena == bound, s, capacityBytes, elapsed);
    }

    /**
     * Checks that {@code offsets} is a valid layout of {@code problem}: a sweep over lifetimes in time order keeps
     * the live buffers ordered by offset and compares each new buffer with its neighbours there. Time O(b log b).
     *
     * @throws IllegalStateException naming both buffers and a step when two live buffers overlap, or a buffer with
     *     a negative offset
     */
    public static void check(String planner, ArenaProblem problem, long[] offsets) {
        List<ArenaProblem.Buffer> bs = problem.buffers();
        if (offsets.length != bs.size()) {
            throw new IllegalStateException(planner + ": " + offsets.length + " offsets for " + bs.size() + " buffers");
        }
        List<ArenaProblem.Buffer> live = new ArrayList<>();
        for (ArenaProblem.Buffer b : bs) {
            if (offsets[b.index()] < 0) {
                throw new IllegalStateException(planner + " on '" + problem.name() + "': buffer '" + b.name()
                        + "' has a negative offset " + offsets[b.index()]);
            }
            if (b.bytes() > 0) {
                live.add(b);
            }
        }
        live.sort(Comparator.comparingInt(ArenaProblem.Buffer::firstStep));
        java.util.PriorityQueue<ArenaProblem.Buffer> ending = new java.util.PriorityQueue<>(
                Comparator.comparingInt(ArenaProblem.Buffer::lastStep));
        java.util.TreeMap<Long, ArenaProblem.Buffer> byOffset = new java.util.TreeMap<>();
        for (ArenaProblem.Buffer b : live) {
            while (!ending.isEmpty() && ending.peek().lastStep() < b.firstStep()) {
                byOffset.remove(offsets[ending.poll().index()]);
            }
            long o = offsets[b.index()];
            var below = byOffset.floorEntry(o);
            var above = byOffset.ceilingEntry(o);
            ArenaProblem.Buffer clash = below != null && below.getKey() + below.getValue().bytes() > o ? below.getValue()
                    : above != null && above.getKey() < o + b.bytes() ? above.getValue() : null;
            if (clash != null) {
                long oc = offsets[clash.index()];
                throw new IllegalStateException(planner + " on '" + problem.name() + "': buffers '" + clash.name()
                        + "' [" + oc + ", " + (oc + clash.bytes()) + ") and '" + b.name() + "' [" + o + ", "
                        + (o + b.bytes()) + ") overlap at step " + b.firstStep());
            }
            byOffset.put(o, b);
            ending.add(b);
        }
    }

    /**
     * Whether the layout fits the capacity the planner was asked for: empty without a capacity, or when the arena
     * is above it and no proof says that nothing fits; false only when proven ({@link ArenaStatus#INFEASIBLE}).
     */
    public Optional<Boolean> feasible() {
        if (capacityBytes.isEmpty()) {
            return Optional.empty();
        }
        if (arenaBytes <= capacityBytes.getAsLong()) {
            return Optional.of(true);
        }
        return status == ArenaStatus.INFEASIBLE ? Optional.of(false) : Optional.empty();
    }

    /** The peak of the order (what an ideal allocator without fragmentation would need). */
    public long peakBytes() {
        return problem.peakBytes();
    }

    /**
     * Fragmentation: arena size over peak, minus 1 (0 means none; 0.15 an arena 15 % above the peak). The peak is
     * what an ideal allocator would need; 0 for an empty problem.
     */
    public double fragmentation() {
        return problem.peakBytes() == 0 ? 0.0 : arenaBytes / (double) problem.peakBytes() - 1;
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
        return String.format(Locale.ROOT, "%s arena of %s: %d B for a peak of %d B (fragmentation %.3f), %s%s, %.3f s",
                planner, problem.name(), arenaBytes, peakBytes(), fragmentation(), status,
                capacityBytes.isPresent() ? " for capacity " + capacityBytes.getAsLong() : "", elapsed.toNanos() / 1e9);
    }
}
