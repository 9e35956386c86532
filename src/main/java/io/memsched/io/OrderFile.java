package io.memsched.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An order file: one operator name per line; blank lines and lines starting with {@code #} are ignored. */
public final class OrderFile {
    private OrderFile() {
    }

    /** The operator names in {@code file}. */
    public static List<String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new GraphFormatException(file + ": cannot read order file: " + e.getMessage(), e);
        }
        List<String> names = new ArrayList<>(lines.size());
        for (String line : lines) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                names.add(s);
            }
        }
        return names;
    }

    /** Writes one operator name per line. */
    public static void write(List<String> opNames, Path file) {
        try {
            Files.write(file, opNames);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
