package io.memsched.rewrite;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link RewriteRule} answers for one anchor operator: no match, a match it declines (with the reason), or a
 * replacement to apply.
 *
 * @param replacement the replacement, when the rule applies
 * @param skipReason why a rule that recognised its pattern declines to apply it
 */
public record Match(Optional<Replacement> replacement, Optional<String> skipReason) {
    private static final Match NONE = new Match(Optional.empty(), Optional.empty());

    /** Checks that at most one of the two is present. */
    public Match {
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(skipReason, "skipReason");
        if (replacement.isPresent() && skipReason.isPresent()) {
            throw new IllegalArgumentException("a match either replaces or skips, not both");
        }
    }

    /** The pattern does not occur at this anchor. */
    public static Match none() {
        return NONE;
    }

    /** The pattern occurs but the rule declines, for {@code reason} (reported in {@link RewriteResult#skipped()}). */
    public static Match skip(String reason) {
        return new Match(Optional.empty(), Optional.of(Objects.requireNonNull(reason, "reason")));
    }

    /** The rule applies: replace as described. */
    public static Match replace(Replacement replacement) {
        return new Match(Optional.of(Objects.requireNonNull(replacement, "replacement")), Optional.empty());
    }

    /** Whether the rule applies. */
    public boolean applies() {
        return replacement.isPresent();
    }
}
