package io.memsched.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The state table against a {@link LinkedHashMap} model: order, in-place improvement, beam cuts, growth. */
class SetStateTableTest {
    /** The model's row: peak, live, one aux long, a payload. */
    private static final class Row {
        long peak;
        long live;
        long aux;
        String payload;

        Row(long peak, long live, long aux, String payload) {
            this.peak = peak;
            this.live = live;
            this.aux = aux;
            this.payload = payload;
        }
    }

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void behavesLikeALinkedHashMapWithBeamCuts(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int words = 1 + r.nextInt(3);
        int keyBits = 2 + r.nextInt(10);
        SetStateTable<String> t = new SetStateTable<>(words, 2, true, r.nextInt(6));
        Map<List<Long>, Row> model = new LinkedHashMap<>();
        for (int step = 0; step < 600; step++) {
            long[] key = new long[words];
            key[r.nextInt(words)] = r.nextInt(1 << keyBits);
            long peak = r.nextInt(50);
            long live = r.nextInt(5);
            List<Long> k = boxed(key);
            int i = t.insert(key, peak, live);
            Row row = model.get(k);
            if (row == null) {
                assertTrue(i >= 0, "seed " + seed + ": a new key is added");
                assertEquals(model.size(), i);
                t.setAux(i, 1, step);
                t.setPayload(i, "p" + step);
                model.put(k, new Row(peak, live, step, "p" + step));
            } else {
                int old = -i - 1;
                assertTrue(i < 0, "seed " + seed + ": a known key is found");
                assertEquals(indexIn(model, k), old);
                assertEquals(peak < row.peak, t.improve(old, peak));
                if (peak < row.peak) {
                    row.peak = peak;
                    t.setAux(old, 1, step);
                    row.aux = step;
                }
            }
            if (r.nextInt(100) == 0) {
                int width = 1 + r.nextInt(Math.max(1, model.size()));
                boolean byLive = r.nextBoolean();
                t.keep(width, byLive ? SetStateTable.Rank.PEAK_THEN_LIVE : SetStateTable.Rank.PEAK);
                model = keep(model, width, byLive);
            }
            if (step % 50 == 0) {
                assertSame(model, t, words, "seed " + seed + " step " + step);
            }
        }
        assertSame(model, t, words, "seed " + seed);
    }

    @Test
    void auxWordsAndKeysRoundTrip() {
        SetStateTable<Void> t = new SetStateTable<>(2, 3, false, 1);
        int i = t.insert(new long[] {5, 7}, 10, 3);
        t.setAuxWords(i, 1, new long[] {8, 9}, 2);
        long[] dst = new long[2];
        t.auxWords(i, 1, dst, 2);
        assertArrayEquals(new long[] {8, 9}, dst);
        assertEquals(0, t.aux(i, 0));
        t.key(i, dst);
        assertArrayEquals(new long[] {5, 7}, dst);
        assertEquals(-1, t.indexOf(new long[] {5, 8}));
        assertEquals(i, t.indexOf(new long[] {5, 7}));
        assertFalse(t.improve(i, 10));
        assertTrue(t.improve(i, 9));
        assertEquals(9, t.peak(i));
        // room for 4 rows of 2 key words, peak, live and 3 aux longs, and a 16-slot index
        assertEquals(4 * (8 * 2 + 16 + 8 * 3) + 16 * 4, t.bytes());
        assertEquals(8 * 2 + 16 + 8 * 3 + 8, SetStateTable.bytesPerState(2, 3, false));
    }

    @Test
    void keepBreaksTiesByInsertionAndOptionallyByLive() {
        SetStateTable<String> t = new SetStateTable<>(1, 0, true, 4);
        long[][] rows = {{1, 5, 9}, {2, 3, 2}, {3, 5, 1}, {4, 1, 7}, {5, 3, 1}};
        for (long[] row : rows) {
            int i = t.insert(new long[] {row[0]}, row[1], row[2]);
            t.setPayload(i, "k" + row[0]);
        }
        SetStateTable<String> byPeak = copy(t);
        byPeak.keep(3, SetStateTable.Rank.PEAK);
        assertEquals(List.of("k4", "k2", "k5"), payloads(byPeak));
        t.keep(4, SetStateTable.Rank.PEAK_THEN_LIVE);
        assertEquals(List.of("k4", "k5", "k2", "k3"), payloads(t));
        assertEquals(1, t.indexOf(new long[] {5}));
        assertNull(new SetStateTable<String>(1, 0, true, 1).payload(0));
    }

    @Test
    void memoryBudgetIsAtLeastOneMegabyte() {
        assertTrue(SetStateTable.memoryBudget() >= 1L << 20);
    }

    private static SetStateTable<String> copy(SetStateTable<String> t) {
        SetStateTable<String> c = new SetStateTable<>(t.words(), 0, true, 1);
        long[] k = new long[t.words()];
        for (int i = 0; i < t.size(); i++) {
            t.key(i, k);
            c.setPayload(c.insert(k, t.peak(i), t.live(i)), t.payload(i));
        }
        return c;
    }

    private static List<String> payloads(SetStateTable<String> t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            out.add(t.payload(i));
        }
        return out;
    }

    private static Map<List<Long>, Row> keep(Map<List<Long>, Row> model, int width, boolean byLive) {
        if (model.size() <= width) {
            return model;
        }
        List<Map.Entry<List<Long>, Row>> e = new ArrayList<>(model.entrySet());
        Comparator<Map.Entry<List<Long>, Row>> c = Comparator.comparingLong(x -> x.getValue().peak);
        if (byLive) {
            c = c.thenComparingLong(x -> x.getValue().live);
        }
        e.sort(c); // stable: ties keep insertion order
        Map<List<Long>, Row> out = new LinkedHashMap<>();
        for (int k = 0; k < width; k++) {
            out.put(e.get(k).getKey(), e.get(k).getValue());
        }
        return out;
    }

    private static void assertSame(Map<List<Long>, Row> model, SetStateTable<String> t, int words, String at) {
        assertEquals(model.size(), t.size(), at);
        int i = 0;
        long[] k = new long[words];
        for (Map.Entry<List<Long>, Row> e : model.entrySet()) {
            t.key(i, k);
            assertEquals(e.getKey(), boxed(k), at + ": key of row " + i);
            assertEquals(e.getValue().peak, t.peak(i), at);
            assertEquals(e.getValue().live, t.live(i), at);
            assertEquals(e.getValue().aux, t.aux(i, 1), at);
            assertEquals(e.getValue().payload, t.payload(i), at);
            assertEquals(i, t.indexOf(k), at);
            i++;
        }
    }

    private static int indexIn(Map<List<Long>, Row> model, List<Long> key) {
        int i = 0;
        for (List<Long> k : model.keySet()) {
            if (k.equals(key)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static List<Long> boxed(long[] a) {
        List<Long> l = new ArrayList<>();
        for (long v : a) {
            l.add(v);
        }
        return l;
    }
}
