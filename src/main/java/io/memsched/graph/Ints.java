package io.memsched.graph;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * An immutable sequence of {@code int}s (operator or tensor indices), read without boxing.
 * Loop with {@code for (int k = 0; k < s.size(); k++) s.get(k)}.
 */
public final class Ints {
    private static final Ints EMPTY = new Ints(new int[0]);
    private final int[] values;

    private Ints(int[] values) {
        this.values = values;
    }

    /** A sequence holding a copy of {@code values}. */
    public static Ints of(int... values) {
        return values.length == 0 ? EMPTY : new Ints(values.clone());
    }

    /** Wraps an array the caller hands over and never touches again (no copy). */
    static Ints wrap(int[] values) {
        return values.length == 0 ? EMPTY : new Ints(values);
    }

    /** Number of elements. */
    public int size() {
        return values.length;
    }

    /** Element {@code k}. */
    public int get(int k) {
        return values[k];
    }

    /** Whether the sequence is empty. */
    public boolean isEmpty() {
        return values.length == 0;
    }

    /** Whether {@code v} occurs. */
    public boolean contains(int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** A fresh copy of the elements. */
    public int[] toArray() {
        return values.clone();
    }

    /** The elements as a stream. */
    public IntStream stream() {
        return Arrays.stream(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ints other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
