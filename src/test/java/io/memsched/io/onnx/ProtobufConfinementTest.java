package io.memsched.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Protobuf stays in {@code io.memsched.io.onnx} (STYLE: each library in one place). */
class ProtobufConfinementTest {
    @Test
    void onlyTheOnnxPackageImportsProtobuf() throws IOException {
        Path root = Path.of("src/main/java");
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !root.relativize(f).startsWith(Path.of("io/memsched/io/onnx")))
                    .filter(f -> {
                        try {
                            return Files.readString(f).contains("com.google.protobuf");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
        assertEquals(List.of(), offenders);
        assertFalse(Files.readString(root.resolve("io/memsched/io/onnx/OnnxWireReader.java")).isEmpty());
    }
}
