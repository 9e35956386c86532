package io.memsched.io.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The FlatBuffers compiler as an independent decoder: {@code flatc --json} turns a {@code .tflite} into JSON with
 * TFLite's schema. CI installs it (Debian's {@code flatbuffers-compiler}, .ci/run), so there a missing flatc fails
 * the test; on a developer machine without it the test is reported as skipped (aborted) with how to install it.
 */
final class Flatc {
    private Flatc() {
    }

    /** Fails in CI, aborts elsewhere, when flatc is not installed. */
    static void require() {
        boolean present;
        try {
            Process p = new ProcessBuilder("flatc", "--version").redirectErrorStream(true).start();
            present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            present = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            present = false;
        }
        if (!present) {
            if (System.getenv("CI") != null) {
                fail("flatc is not installed; .ci/run installs Debian's flatbuffers-compiler");
            }
            Assumptions.abort("flatc is not installed (apt-get install flatbuffers-compiler)");
        }
    }

    /** The JSON flatc decodes from {@code model} (default values included). */
    static JsonNode json(Path model, Path dir) throws IOException, InterruptedException {
        require();
        Path schema = dir.resolve("schema.fbs");
        if (!Files.exists(schema)) {
            // flatc 2.0.8 cannot parse `(deprecated)` on an enum value or a union member: drop those two attributes
            String text = Files.readString(Path.of("src/main/fbs/tflite/schema.fbs"))
                    .replace("  REDUCE_WINDOW = 205 (deprecated),", "  REDUCE_WINDOW = 205,")
                    .replace("  ReduceWindowOptions (deprecated),", "  ReduceWindowOptions,");
            Files.writeString(schema, text);
        }
        Path out = Files.createTempDirectory(dir, "json");
        Process p = new ProcessBuilder(List.of("flatc", "--json", "--strict-json", "--raw-binary", "--defaults-json",
                "-o", out.toString(), schema.toString(), "--", model.toString()))
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "flatc --json " + model + ": " + log);
        String name = model.getFileName().toString().replaceFirst("\\.tflite$", "") + ".json";
        return new ObjectMapper().readTree(out.resolve(name).toFile());
    }
}
