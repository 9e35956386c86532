package io.memsched.arena;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MiniMalloc's CSV format of arena problems (github.com/google/minimalloc): a header naming the columns {@code id},
 * {@code lower}, {@code upper} and {@code size} (in any order; also {@code buffer}, {@code start}, {@code end} as
 * in the suite's older files; other columns are ignored), then one buffer per row,
 * alive on the half-open interval {@code [lower, upper)} and needing {@code size} bytes. A buffer becomes an
 * {@link ArenaProblem.Buffer} named by its id, alive on steps {@code lower .. upper - 1}. Solutions are written as the
 * same rows plus an {@code offset} column.
 * <pre>{@code
 * ArenaProblem p = MiniMallocCsv.read(Path.of("examples/arena/minimalloc/A.1048576.csv"));
 * MiniMallocCsv.capacityInName(path);            // 1048576, the suite's convention
 * MiniMallocCsv.write(plan, Path.of("A.out.csv"));
 * }</pre>
 * A bad file (a missing column, a value that is not a non-negative integer, {@code upper <= lower}, a duplicate id)
 * is refused with an {@link ArenaFormatException} naming the file and the row; nothing is half-read.
 */
public final class MiniMallocCsv {
    private static final List<List<String>> COLUMNS = List.of(List.of("id", "buffer"), List.of("lower", "start"),
            List.of("upper", "end"), List.of("size"));
    private static final Pattern CAPACITY = Pattern.compile("\\.(\\d+)\\.csv$");

    private MiniMallocCsv() {
    }

    /** The problem in {@code file}, named after the file (without {@code .csv}). */
    public static ArenaProblem read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ArenaFormatException(file + ": cannot read: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ArenaFormatException(file + ": cannot read: not UTF-8 text", e);
        }
        String name = file.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
        return parse(file.toString(), name, text);
    }

    /** The problem in {@code text}; {@code source} names it in messages. */
    public static ArenaProblem parse(String source, String name, String text) {
        String[] lines = text.split("\r?\n", -1);
        int row = 0;
        while (row < lines.length && lines[row].isBlank()) {
            row++;
        }
        if (row == lines.length) {
            throw new ArenaFormatException(source + ": empty file (expected the header id,lower,upper,size)");
        }
        String[] header = lines[row].split(",", -1);
        int[] col = new int[COLUMNS.size()];
        for (int c = 0; c < COLUMNS.size(); c++) {
            col[c] = -1;
            for (int h = 0; h < header.length; h++) {
                if (COLUMNS.get(c).contains(header[h].strip().toLowerCase(Locale.ROOT))) {
                    col[c] = h;
                }
            }
            if (col[c] < 0) {
                throw new ArenaFormatException(source + ": row " + (row + 1) + ": the header has no column '"
                        + COLUMNS.get(c).get(0) + "' (expected id,lower,upper,size)");
            }
        }
        List<ArenaProblem.Buffer> buffers = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int r = row + 1; r < lines.length; r++) {
            if (lines[r].isBlank()) {
                continue;
            }
            String[] cells = lines[r].split(",", -1);
            String where = source + ": row " + (r + 1);
            if (cells.length != header.length) {
                throw new ArenaFormatException(where + ": " + cells.length + " columns, the header has "
                        + header.length);
            }
            String id = cells[col[0]].strip();
            where += " (id '" + id + "')";
            if (id.isEmpty()) {
                throw new ArenaFormatException(where + ": empty id");
            }
            long lower = number(where, "lower", cells[col[1]]);
            long upper = number(where, "upper", cells[col[2]]);
            long size = number(where, "size", cells[col[3]]);
            if (upper <= lower) {
                throw new ArenaFormatException(where + ": upper " + upper + " is not above lower " + lower);
            }
            if (upper > Integer.MAX_VALUE) {
                throw new ArenaFormatException(where + ": upper " + upper + " is beyond " + Integer.MAX_VALUE);
            }
            Integer before = seen.putIfAbsent(id, r + 1);
            if (before != null) {
                throw new ArenaFormatException(where + ": duplicate id (first on row " + before + ")");
            }
            buffers.add(ArenaProblem.Buffer.named(buffers.size(), id, size, (int) lower, (int) upper - 1));
        }
        return ArenaProblem.of(name, buffers);
    }

    private static long number(String where, String column, String cell) {
        String s = cell.strip();
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new ArenaFormatException(where + ": " + column + " '" + s + "' is not a number", e);
        }
        if (v < 0) {
            throw new ArenaFormatException(where + ": " + column + " " + v + " is negative");
        }
        if (column.equals("size") && v > Long.MAX_VALUE / 4) {
            throw new ArenaFormatException(where + ": size " + v + " is too large");
        }
        return v;
    }

    /** The capacity in a MiniMalloc file name ({@code A.1048576.csv} -> 1048576), if it has one. */
    public static OptionalLong capacityInName(Path file) {
        Matcher m = CAPACITY.matcher(file.getFileName().toString().toLowerCase(Locale.ROOT));
        if (!m.find() || m.group(1).length() > 18) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(m.group(1)));
    }

    /** The rows {@code id,lower,upper,size,offset} of {@code plan}'s buffers, in buffer order. */
    public static String format(ArenaPlan plan) {
        StringBuilder sb = new StringBuilder("id,lower,upper,size,offset\n");
        for (ArenaProblem.Buffer b : plan.problem().buffers()) {
            sb.append(b.name()).append(',').append(b.firstStep()).append(',').append(b.lastStep() + 1L).append(',')
                    .append(b.bytes()).append(',').append(plan.offset(b.index())).append('\n');
        }
        return sb.toString();
    }

    /** Writes {@link #format(ArenaPlan)} to {@code file} (through a temporary file: nothing half-written). */
    public static void write(ArenaPlan plan, Path file) {
        Path abs = file.toAbsolutePath();
        try {
            Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, format(plan), StandardCharsets.UTF_8);
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new ArenaFormatException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
