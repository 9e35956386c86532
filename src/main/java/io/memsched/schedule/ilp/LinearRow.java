package io.memsched.schedule.ilp;

/**
 * One linear constraint {@code lo <= sum coefs[k] * x[vars[k]] <= hi} of a {@link TimeIndexedModel}
 * ({@link Long#MIN_VALUE} / {@link Long#MAX_VALUE} for an open side).
 *
 * @param vars variable indices
 * @param coefs their coefficients
 * @param lo lower side
 * @param hi upper side
 */
public record LinearRow(int[] vars, long[] coefs, long lo, long hi) {
}
