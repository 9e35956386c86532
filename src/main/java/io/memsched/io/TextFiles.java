package io.memsched.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes text files whole or not at all: into a temporary file beside the target, then moved over it. */
public final class TextFiles {
    private TextFiles() {
    }

    /** Replaces {@code file} with {@code text}; the file is unchanged when writing fails. */
    public static void replace(Path file, String text) {
        Path tmp = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            tmp = Files.createTempFile(parent, ".memsched", ".tmp");
            Files.writeString(tmp, text);
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
