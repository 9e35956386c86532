package io.memsched.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files whole or not at all: into a temporary file beside the target, then moved over it. */
public final class TextFiles {
    private TextFiles() {
    }

    /** Replaces {@code file} with {@code text} (UTF-8); the file is unchanged when writing fails. */
    public static void replace(Path file, String text) {
        replace(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Replaces {@code file} with {@code bytes}; the file is unchanged when writing fails. */
    public static void replace(Path file, byte[] bytes) {
        Path tmp = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            tmp = Files.createTempFile(parent, ".memsched", ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file stays; the target is untouched
                }
            }
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
