package io.memsched.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed notebooks were executed on the memsched kernel (scripts/run-notebooks --update): every code cell
 * has outputs from a run, none is an error, and the outputs hold HTML tables and SVG images.
 */
class NotebooksTest {
    private static final Path DIR = Path.of("notebooks");

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
    @ValueSource(strings = {"01-quickstart", "02-reproduce-the-paper", "03-prototype-a-transformation", "04-onnx-models"})
    void notebookIsCommittedExecutedWithoutErrors(String name) throws Exception {
        JsonNode nb = new ObjectMapper().readTree(Files.readString(DIR.resolve(name + ".ipynb")));
        assertEquals("memsched", nb.at("/metadata/kernelspec/name").asText(), "kernelspec");
        int code = 0;
        for (JsonNode cell : nb.get("cells")) {
            if (!cell.get("cell_type").asText().equals("code")) {
                continue;
            }
            code++;
            assertFalse(cell.get("execution_count").isNull(), name + ": a code cell was not executed: " + text(cell.get("source")));
            for (JsonNode out : cell.get("outputs")) {
                assertFalse(out.get("output_type").asText().equals("error"),
                        name + ": error output " + out.path("evalue").asText());
            }
        }
        assertTrue(code > 0, name + " has code");
    }

    @ParameterizedTest
    @ValueSource(strings = {"01-quickstart", "02-reproduce-the-paper", "03-prototype-a-transformation"})
    void outputsHoldHtmlTablesAndSvgImages(String name) throws Exception {
        JsonNode nb = new ObjectMapper().readTree(Files.readString(DIR.resolve(name + ".ipynb")));
        int tables = 0;
        int svgs = 0;
        for (JsonNode cell : nb.get("cells")) {
            for (JsonNode out : cell.path("outputs")) {
                String html = text(out.path("data").get("text/html"));
                String svg = text(out.path("data").get("image/svg+xml"));
                tables += html.contains("<table") ? 1 : 0;
                svgs += svg.startsWith("<svg") || html.contains("<svg") ? 1 : 0;
            }
        }
        assertTrue(tables > 0, name + ": no HTML table in the outputs");
        assertTrue(svgs > 0, name + ": no SVG image in the outputs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"01-quickstart"})
    void quickstartShowsATimelineWithItsPeakAndUnits(String name) throws Exception {
        String all = Files.readString(DIR.resolve(name + ".ipynb"));
        for (String s : List.of("memory (KB)", "peak ", "stroke-dasharray")) {
            assertTrue(all.contains(s), name + " lacks " + s);
        }
    }
}
