package io.memsched.graph;

/**
 * Byte-size helpers for the DSL and for printing: {@code kb(64)} is 64 KiB. Import statically in JShell:
 * {@code import static io.memsched.graph.Sizes.*;}. All units are binary (1 KB = 1024 bytes).
 */
public final class Sizes {
    private Sizes() {
    }

    /** {@code n} bytes. */
    public static long bytes(long n) {
        return n;
    }

    /** {@code n} KiB in bytes. */
    public static long kb(double n) {
        return Math.round(n * 1024);
    }

    /** {@code n} MiB in bytes. */
    public static long mb(double n) {
        return Math.round(n * 1024 * 1024);
    }

    /** {@code bytes} in KiB. */
    public static double toKb(long bytes) {
        return bytes / 1024.0;
    }

    /** A short human-readable size: {@code 2 PB}, {@code 1.5 MB}, {@code 64 KB}, {@code 12 B}. */
    public static String format(long bytes) {
        if (Math.abs(bytes) >= 1L << 50) {
            return trim(bytes / (double) (1L << 50)) + " PB";
        }
        if (Math.abs(bytes) >= 1L << 40) {
            return trim(bytes / (double) (1L << 40)) + " TB";
        }
        if (Math.abs(bytes) >= 1024L * 1024 * 1024) {
            return trim(bytes / (1024.0 * 1024 * 1024)) + " GB";
        }
        if (Math.abs(bytes) >= 1024L * 1024) {
            return trim(bytes / (1024.0 * 1024)) + " MB";
        }
        if (Math.abs(bytes) >= 1024L) {
            return trim(bytes / 1024.0) + " KB";
        }
        return bytes + " B";
    }

    private static String trim(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
