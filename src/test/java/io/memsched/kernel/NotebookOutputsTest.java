package io.memsched.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The outputs of executed notebooks render when the notebook is opened untrusted (Jupyter), on GitHub and nbviewer:
 * every picture is an {@code image/svg+xml} output (not also {@code text/html}), no {@code text/html} output holds
 * an {@code <svg>}, and the notebooks hold pictures and HTML tables. Runs on {@code -Dmemsched.notebooks=DIR}
 * (default {@code notebooks/}, the committed ones); {@code scripts/run-notebooks} runs it on the freshly executed
 * notebooks (tagged {@code notebook-outputs} so that run can select it).
 */
@Tag("notebook-outputs")
class NotebookOutputsTest {
    static Stream<Path> notebooks() throws IOException {
        Path dir = Path.of(System.getProperty("memsched.notebooks", "notebooks"));
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> nbs = files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
            assertFalse(nbs.isEmpty(), "no notebook in " + dir.toAbsolutePath());
            return nbs.stream();
        }
    }

    private static String text(JsonNode n) {
        if (n == null) {
            return "";
        }
        if (n.isArray()) {
            StringBuilder b = new StringBuilder();
            n.forEach(x -> b.append(x.asText()));
            return b.toString();
        }
        return n.asText();
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void everyOutputRendersUntrusted(Path notebook) throws IOException {
        JsonNode nb = new ObjectMapper().readTree(Files.readString(notebook));
        List<String> problems = new ArrayList<>();
        int pictures = 0;
        int tables = 0;
        int cell = 0;
        for (JsonNode c : nb.get("cells")) {
            cell++;
            for (JsonNode out : c.path("outputs")) {
                JsonNode data = out.path("data");
                String html = text(data.get("text/html"));
                if (html.toLowerCase().contains("<svg")) {
                    problems.add("cell " + cell + ": SVG inside text/html");
                }
                if (data.has("image/svg+xml")) {
                    pictures++;
                    if (data.has("text/html")) {
                        problems.add("cell " + cell + ": a picture also as text/html");
                    }
                    if (!text(data.get("image/svg+xml")).strip().startsWith("<svg")) {
                        problems.add("cell " + cell + ": image/svg+xml is not an SVG document");
                    }
                }
                tables += html.contains("<table") ? 1 : 0;
            }
        }
        assertTrue(problems.isEmpty(), notebook + ": " + problems);
        assertTrue(pictures > 0 && tables > 0, notebook + ": " + pictures + " pictures, " + tables + " tables");
    }
}
