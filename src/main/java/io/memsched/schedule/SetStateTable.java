package io.memsched.schedule;

import java.util.Arrays;

/**
 * One layer of a dynamic programme over sets of operators (or units) already run, shared by the exact DP
 * ({@code dp}) and HMCOS's set DP ({@code hmcos}): a row per distinct set, keyed by the set as a bitset of
 * {@link #words()} longs, holding the lowest peak found for the set, its live bytes, a fixed number of auxiliary
 * longs and, optionally, an object payload. Rows keep their insertion order (as a {@code LinkedHashMap} would), and
 * an improvement updates a row in place without moving it.
 *
 * <p>Storage is flat arrays (one {@code long[]} per column, one for the keys, one for the auxiliary longs) with an
 * open-addressing hash index on the keys (linear probing, at most half full), so a layer of S sets of w words takes
 * about {@code S * (8w + 16 + 8a + 8)} bytes ({@link #bytes()}) and no object per row unless a payload is kept.
 * {@link #keep} cuts a layer to its best rows (a beam), {@link #memoryBudget()} is the one rule for how much heap the
 * tables of one search may take.
 *
 * <p>Lookups and insertions take expected O(w); growing doubles the arrays (amortised O(w) per row).
 *
 * @param <P> the payload type ({@code Void} when rows keep none)
 */
public final class SetStateTable<P> {
    /** The order {@link #keep} ranks rows by; ties always go to the row inserted first. */
    public enum Rank {
        /** The lower peak first. */
        PEAK,
        /** The lower peak first, then the lower live bytes. */
        PEAK_THEN_LIVE
    }

    private final int words;
    private final int aux;
    private final boolean payloads;
    private long[] keys;
    private long[] peak;
    private long[] live;
    private long[] auxData;
    private Object[] payload;
    private int count;
    private int[] table;
    private int mask;

    /**
     * An empty table.
     *
     * @param words longs per key (sets of up to {@code 64 * words} elements)
     * @param aux auxiliary longs per row
     * @param payloads whether rows keep a payload
     * @param capacity rows to make room for at first (grows as needed)
     */
    public SetStateTable(int words, int aux, boolean payloads, int capacity) {
        if (words < 0 || aux < 0) {
            throw new IllegalArgumentException("words and aux must not be negative, were " + words + " and " + aux);
        }
        this.words = words;
        this.aux = aux;
        this.payloads = payloads;
        allocate(Math.max(4, capacity));
    }

    private void allocate(int capacity) {
        keys = new long[capacity * words];
        peak = new long[capacity];
        live = new long[capacity];
        auxData = new long[capacity * aux];
        payload = payloads ? new Object[capacity] : null;
        int tc = Integer.highestOneBit(Math.max(8, capacity * 2 - 1)) << 1;
        table = new int[tc];
        mask = tc - 1;
        count = 0;
    }

    /** Longs per key. */
    public int words() {
        return words;
    }

    /** Number of rows. */
    public int size() {
        return count;
    }

    private int hash(long[] k, int ko) {
        long h = 0x9E3779B97F4A7C15L;
        for (int q = 0; q < words; q++) {
            h = (h ^ k[ko + q]) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return (int) (h ^ (h >>> 32));
    }

    /** The row of set {@code key} (its first {@link #words()} longs), or -1. */
    public int indexOf(long[] key) {
        int slot = hash(key, 0) & mask;
        while (true) {
            int s = table[slot];
            if (s == 0) {
                return -1;
            }
            if (Arrays.equals(keys, (s - 1) * words, s * words, key, 0, words)) {
                return s - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Adds set {@code key} with {@code peak} and {@code live} as the last row when it is not in the table (auxiliary
     * longs 0, no payload) and returns the new row; when it is, changes nothing and returns {@code -(row + 1)}.
     */
    public int insert(long[] key, long peak, long live) {
        int slot = hash(key, 0) & mask;
        while (true) {
            int s = table[slot];
            if (s == 0) {
                break;
            }
            if (Arrays.equals(keys, (s - 1) * words, s * words, key, 0, words)) {
                return -s;
            }
            slot = (slot + 1) & mask;
        }
        if (count == this.peak.length) {
            grow();
            return insert(key, peak, live);
        }
        System.arraycopy(key, 0, keys, count * words, words);
        this.peak[count] = peak;
        this.live[count] = live;
        table[slot] = ++count;
        return count - 1;
    }

    private void grow() {
        int cap = peak.length * 2;
        keys = Arrays.copyOf(keys, cap * words);
        peak = Arrays.copyOf(peak, cap);
        live = Arrays.copyOf(live, cap);
        auxData = Arrays.copyOf(auxData, cap * aux);
        if (payloads) {
            payload = Arrays.copyOf(payload, cap);
        }
        table = new int[table.length * 2];
        mask = table.length - 1;
        reindex();
    }

    private void reindex() {
        for (int i = 0; i < count; i++) {
            int slot = hash(keys, i * words) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = i + 1;
        }
    }

    /** Copies the set of row {@code i} into {@code dst[0 .. words)}. */
    public void key(int i, long[] dst) {
        System.arraycopy(keys, i * words, dst, 0, words);
    }

    /** The peak of row {@code i}. */
    public long peak(int i) {
        return peak[i];
    }

    /** The live bytes of row {@code i}. */
    public long live(int i) {
        return live[i];
    }

    /** Lowers the peak of row {@code i} to {@code p} if that is lower; returns whether it did. */
    public boolean improve(int i, long p) {
        if (p < peak[i]) {
            peak[i] = p;
            return true;
        }
        return false;
    }

    /** Sets the live bytes of row {@code i}. */
    public void setLive(int i, long v) {
        live[i] = v;
    }

    /** Auxiliary long {@code k} of row {@code i}. */
    public long aux(int i, int k) {
        return auxData[i * aux + k];
    }

    /** Sets auxiliary long {@code k} of row {@code i}. */
    public void setAux(int i, int k, long v) {
        auxData[i * aux + k] = v;
    }

    /** Copies auxiliary longs {@code k .. k + n) of row {@code i} into {@code dst[0 .. n)}. */
    public void auxWords(int i, int k, long[] dst, int n) {
        System.arraycopy(auxData, i * aux + k, dst, 0, n);
    }

    /** Sets auxiliary longs {@code k .. k + n) of row {@code i} from {@code src[0 .. n)}. */
    public void setAuxWords(int i, int k, long[] src, int n) {
        System.arraycopy(src, 0, auxData, i * aux + k, n);
    }

    /** The payload of row {@code i} (null until set). */
    @SuppressWarnings("unchecked")
    public P payload(int i) {
        return (P) payload[i];
    }

    /** Sets the payload of row {@code i}; the table must keep payloads. */
    public void setPayload(int i, P p) {
        payload[i] = p;
    }

    /**
     * Keeps the {@code width} best rows by {@code rank} (ties to the row inserted first), in that order; does
     * nothing when there are at most {@code width}. Time O(S log S).
     */
    public void keep(int width, Rank rank) {
        if (count <= width) {
            return;
        }
        Integer[] idx = new Integer[count];
        for (int i = 0; i < count; i++) {
            idx[i] = i;
        }
        long[] pk = peak;
        long[] lv = live;
        if (rank == Rank.PEAK) {
            Arrays.sort(idx, (a, b) -> pk[a] != pk[b] ? Long.compare(pk[a], pk[b]) : Integer.compare(a, b));
        } else {
            Arrays.sort(idx, (a, b) -> pk[a] != pk[b] ? Long.compare(pk[a], pk[b])
                    : lv[a] != lv[b] ? Long.compare(lv[a], lv[b]) : Integer.compare(a, b));
        }
        long[] oldKeys = keys;
        long[] oldAux = auxData;
        Object[] oldPayload = payload;
        allocate(Math.max(4, width));
        for (int r = 0; r < width; r++) {
            int i = idx[r];
            System.arraycopy(oldKeys, i * words, keys, r * words, words);
            peak[r] = pk[i];
            live[r] = lv[i];
            System.arraycopy(oldAux, i * aux, auxData, r * aux, aux);
            if (payloads) {
                payload[r] = oldPayload[i];
            }
        }
        count = width;
        reindex();
    }

    /** Bytes the table's arrays take (payload objects not counted, only their references). */
    public long bytes() {
        return (long) peak.length * bytesPerRow(words, aux, payloads) + table.length * 4L;
    }

    /**
     * Bytes a row of a table with these dimensions takes, its share of the hash index included (the index has 2 to
     * 4 slots a row).
     */
    public static long bytesPerState(int words, int aux, boolean payloads) {
        return bytesPerRow(words, aux, payloads) + 8;
    }

    private static long bytesPerRow(int words, int aux, boolean payloads) {
        return 8L * words + 16 + 8L * aux + (payloads ? 8 : 0);
    }

    /**
     * The one memory rule of the set DPs: the bytes the state tables of one search may take, 60% of the heap still
     * free when it is asked (at least 1 MB). A search asks once, at its start, and stops growing its tables (or ends
     * with status {@code BUDGET}) when they would exceed it.
     */
    public static long memoryBudget() {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return Math.max(1L << 20, (long) (free * 0.6));
    }
}
