package io.memsched.arena;

import io.memsched.graph.Ints;
import io.memsched.run.Status;
import java.util.Locale;
import java.util.Objects;

/**
 * The order an {@link ArenaOrderSearch} chose and its layout.
 *
 * @param search the search's id
 * @param order the chosen order (operator indices; valid, its peak at most {@code peakLimitBytes})
 * @param plan the chosen order's layout (by the strongest planner that ran on it)
 * @param startPeakBytes the peak of the starting order
 * @param peakLimitBytes the largest peak allowed: the starting peak plus the tolerance
 * @param peakLowerBoundBytes the lower bound on every order's peak the search was given
 * @param startArenaBytes the arena of the starting order (by the strong planner when it ran on it, else the fast one)
 * @param proof what was proven about the chosen arena
 * @param status how the search ended: {@link Status#OPTIMAL} when proven, {@link Status#TIME_LIMIT} or
 *     {@link Status#INTERRUPTED} when the deadline stopped it, else {@link Status#FEASIBLE}
 * @param ordersTried distinct orders simulated
 * @param ordersPlanned orders within the peak limit that got a layout
 * @param exhaustive whether every order of the graph was enumerated
 */
public record ArenaOrderChoice(String search, Ints order, ArenaPlan plan, long startPeakBytes, long peakLimitBytes,
                               long peakLowerBoundBytes, long startArenaBytes, ArenaProof proof, Status status,
                               long ordersTried, long ordersPlanned, boolean exhaustive) {

    /** Checks the invariants: the order's peak within the limit, a proof only with status optimal. */
    public ArenaOrderChoice {
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(status, "status");
        if (plan.peakBytes() > peakLimitBytes) {
            throw new IllegalStateException(search + " on '" + plan.problem().name() + "': peak " + plan.peakBytes()
                    + " above the limit " + peakLimitBytes);
        }
        if ((proof != ArenaProof.NONE) != (status == Status.OPTIMAL)) {
            throw new IllegalStateException(search + ": proof " + proof + " with status " + status);
        }
        if (proof == ArenaProof.AT_PEAK_BOUND && plan.arenaBytes() != peakLowerBoundBytes) {
            throw new IllegalStateException(search + ": arena " + plan.arenaBytes() + " claimed at the peak bound "
                    + peakLowerBoundBytes);
        }
    }

    /** The chosen order's peak. */
    public long peakBytes() {
        return plan.peakBytes();
    }

    /** The chosen arena. */
    public long arenaBytes() {
        return plan.arenaBytes();
    }

    /** Whether the arena is proven the smallest among the orders within the peak limit. */
    public boolean proven() {
        return proof != ArenaProof.NONE;
    }

    /** One line: arena, peak, limit, fragmentation, proof. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s on %s: arena %d B, peak %d B (limit %d B), fragmentation %.3f, %s, "
                        + "%d orders tried, %d planned", search, plan.problem().name(), arenaBytes(), peakBytes(),
                peakLimitBytes, plan.fragmentation(), proven() ? "proven (" + proof + ")" : "not proven",
                ordersTried, ordersPlanned);
    }
}
