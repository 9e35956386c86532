package io.memsched.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** JJava (and JShell) types appear only in io.memsched.kernel; the report package stays free of Jupyter. */
class JJavaConfinementTest {
    @Test
    void onlyTheKernelPackageUsesJJavaOrJShell() throws IOException {
        Path root = Path.of("src/main/java/io/memsched");
        try (Stream<Path> files = Files.walk(root)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(root.resolve("kernel")))
                    .filter(p -> {
                        try {
                            String s = Files.readString(p);
                            return s.contains("org.dflib.jjava") || s.contains("jdk.jshell");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString).toList();
            assertEquals(List.of(), offenders);
        }
    }
}
