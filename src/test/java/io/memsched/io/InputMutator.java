package io.memsched.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded mutations of reader inputs, for the fuzz tests: byte flips, truncation, deletion, duplication and
 * insertion of ranges, splicing of two inputs, interesting JSON tokens and numbers, deep nesting, swaps of quoted
 * names (which make cycles, duplicate producers and dangling references), and plain garbage. Deterministic for a
 * given {@link Random}.
 */
final class InputMutator {
    private static final String[] TOKENS = {"{", "}", "[", "]", "\"", ",", ":", "null", "true", "-1", "0", "1e400",
        "-0", "1.5", "99999999999999999999999999", "4611686018427387903", "9223372036854775807", "NaN", "\"\"",
        "\"x\"", "{\"name\":\"dup\"}", "\\u0000", "\"\\ud800\"", "\u00e9", "\uffff", "\n", "/*", "'"};
    private static final String[] NUMBERS = {"-1", "0", "1e400", "-1e400", "1e18", "1e300", "0.5", "1E2",
        "4611686018427387904", "9223372036854775807", "18446744073709551616", "-9223372036854775808",
        "123456789012345678901234567890123456789", "2147483648", "1125899906842624", "\"12\"", "null", "[]", "{}"};
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");

    private final Random random;

    InputMutator(Random random) {
        this.random = random;
    }

    /** One to four stacked mutations of {@code input}; {@code other} is a second input to splice from. */
    byte[] mutate(byte[] input, byte[] other) {
        byte[] b = input;
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            b = once(b, other);
        }
        return b;
    }

    private byte[] once(byte[] b, byte[] other) {
        switch (random.nextInt(12)) {
            case 0:
                return flipBits(b);
            case 1:
                return truncate(b);
            case 2:
                return deleteRange(b);
            case 3:
                return duplicateRange(b);
            case 4:
                return insert(b, TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
            case 5:
                return splice(b, other);
            case 6:
                return replaceMatch(b, NUMBER, NUMBERS[random.nextInt(NUMBERS.length)]);
            case 7:
                return swapQuoted(b);
            case 8:
                return insert(b, nesting(1 + random.nextInt(3000)));
            case 9:
                return replaceMatch(b, QUOTED, "\"" + randomName() + "\"");
            case 10:
                return repeatElement(b);
            default:
                return setRandomBytes(b);
        }
    }

    /** Garbage: random bytes, random JSON-ish token soup, or a deep or wide structure. */
    byte[] garbage() {
        switch (random.nextInt(5)) {
            case 0: {
                byte[] b = new byte[random.nextInt(2000)];
                random.nextBytes(b);
                return b;
            }
            case 1: {
                StringBuilder s = new StringBuilder();
                int n = random.nextInt(300);
                for (int k = 0; k < n; k++) {
                    s.append(TOKENS[random.nextInt(TOKENS.length)]);
                }
                return s.toString().getBytes(StandardCharsets.UTF_8);
            }
            case 2: {
                int depth = 1 + random.nextInt(100_000);
                return ("{\"format\":\"memsched-graph/1\",\"tensors\":" + "[".repeat(depth) + "]".repeat(depth) + "}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 3: {
                // many tiny valid-looking ops referring to random tensors
                int n = random.nextInt(3000);
                StringBuilder s = new StringBuilder("{\"format\":\"memsched-graph/1\",\"tensors\":{");
                for (int k = 0; k < n; k++) {
                    s.append(k == 0 ? "" : ",").append("\"t").append(k).append("\":").append(random.nextInt(1000));
                }
                s.append("},\"inputs\":[").append(n > 0 ? "\"t0\"" : "").append("],\"ops\":[");
                for (int k = 1; k < n; k++) {
                    s.append(k == 1 ? "" : ",").append("{\"name\":\"o").append(k).append("\",\"inputs\":[\"t")
                            .append(random.nextInt(n)).append("\"],\"outputs\":[\"t").append(k).append("\"]}");
                }
                return s.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            }
            default: {
                // an ONNX-like protobuf soup: tags and varints with absurd lengths
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int n = random.nextInt(200);
                for (int k = 0; k < n; k++) {
                    out.write(random.nextInt(256));
                    int len = random.nextInt(6);
                    for (int j = 0; j < len; j++) {
                        out.write(0x80 | random.nextInt(128));
                    }
                    out.write(random.nextInt(128));
                }
                return out.toByteArray();
            }
        }
    }

    private byte[] flipBits(byte[] b) {
        if (b.length == 0) {
            return b;
        }
        byte[] c = b.clone();
        int n = 1 + random.nextInt(8);
        for (int k = 0; k < n; k++) {
            c[random.nextInt(c.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return c;
    }

    private byte[] setRandomBytes(byte[] b) {
        if (b.length == 0) {
            return b;
        }
        byte[] c = b.clone();
        int n = 1 + random.nextInt(4);
        for (int k = 0; k < n; k++) {
            c[random.nextInt(c.length)] = (byte) random.nextInt(256);
        }
        return c;
    }

    private byte[] truncate(byte[] b) {
        return b.length == 0 ? b : java.util.Arrays.copyOf(b, random.nextInt(b.length));
    }

    private byte[] deleteRange(byte[] b) {
        if (b.length < 2) {
            return b;
        }
        int from = random.nextInt(b.length);
        int to = Math.min(b.length, from + 1 + random.nextInt(Math.max(1, b.length / 8)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, from);
        out.write(b, to, b.length - to);
        return out.toByteArray();
    }

    private byte[] duplicateRange(byte[] b) {
        if (b.length < 2) {
            return b;
        }
        int from = random.nextInt(b.length);
        int to = Math.min(b.length, from + 1 + random.nextInt(Math.max(1, b.length / 4)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, to);
        out.write(b, from, b.length - from);
        return out.toByteArray();
    }

    private byte[] insert(byte[] b, byte[] what) {
        int at = b.length == 0 ? 0 : random.nextInt(b.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.write(what, 0, what.length);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    private byte[] splice(byte[] b, byte[] other) {
        if (b.length == 0 || other.length == 0) {
            return b;
        }
        int at = random.nextInt(b.length);
        int from = random.nextInt(other.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.write(other, from, other.length - from);
        return out.toByteArray();
    }

    private byte[] nesting(int depth) {
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return (open.repeat(depth) + "1" + (random.nextBoolean() ? close.repeat(depth) : ""))
                .getBytes(StandardCharsets.UTF_8);
    }

    private String randomName() {
        String[] names = {"x", "y", "a", "b", "", "convA", "cat", "in", "out", "\\n", "\\u0000", "t1", "\u00fc"};
        return names[random.nextInt(names.length)];
    }

    private byte[] replaceMatch(byte[] b, Pattern p, String replacement) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        List<int[]> spans = spans(p, s);
        if (spans.isEmpty()) {
            return b;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return (s.substring(0, span[0]) + new String(replacement.getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1) + s.substring(span[1])).getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] swapQuoted(byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        List<int[]> spans = spans(QUOTED, s);
        if (spans.size() < 2) {
            return b;
        }
        int[] target = spans.get(random.nextInt(spans.size()));
        int[] source = spans.get(random.nextInt(spans.size()));
        return (s.substring(0, target[0]) + s.substring(source[0], source[1]) + s.substring(target[1]))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] repeatElement(byte[] b) {
        // repeat one {...} object (an op) in place: duplicate names and producers
        String s = new String(b, StandardCharsets.ISO_8859_1);
        List<Integer> opens = new ArrayList<>();
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) == '{') {
                opens.add(k);
            }
        }
        if (opens.isEmpty()) {
            return b;
        }
        int start = opens.get(random.nextInt(opens.size()));
        int end = s.indexOf('}', start);
        if (end < 0) {
            return b;
        }
        String element = s.substring(start, end + 1);
        return (s.substring(0, end + 1) + ("," + element).repeat(1 + random.nextInt(3)) + s.substring(end + 1))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<int[]> spans(Pattern p, String s) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = p.matcher(s);
        while (m.find() && spans.size() < 10_000) {
            spans.add(new int[] {m.start(), m.end()});
        }
        return spans;
    }
}
