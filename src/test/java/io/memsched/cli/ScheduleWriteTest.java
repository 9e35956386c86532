package io.memsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schedule MODEL --write OUT}: the written model re-imports with the plan's peak under {@code program}. */
class ScheduleWriteTest {
    static final String MODEL = "examples/models/darts_cifar.onnx";

    @TempDir
    Path dir;

    @Test
    void writesTheModelWhoseProgramOrderHasThePlansPeak() throws Exception {
        Path out = dir.resolve("darts-planned.onnx");
        MainTest.Run r = MainTest.run("schedule", MODEL, "--method", "greedy", "--memory-model", "inplace",
                "--arena", "greedy", "--json", "--write", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode planned = new ObjectMapper().readTree(r.out());
        assertEquals(out.toString(), planned.get("written").asText());
        MainTest.Run back = MainTest.run("schedule", out.toString(), "--method", "program", "--memory-model",
                "inplace", "--json");
        assertEquals(0, back.code(), back.err());
        JsonNode program = new ObjectMapper().readTree(back.out());
        assertEquals(planned.get("peak").asLong(), program.get("peak").asLong());
        assertEquals(planned.get("order"), program.get("order"));
    }

    @Test
    void aRewrittenPlanOrAnUnknownFormatIsRefusedInOneLineAndNothingIsWritten() {
        for (String[] args : new String[][] {
                {"schedule", MODEL, "--rewrite", "serenity", "--write", dir.resolve("a.onnx").toString()},
                {"schedule", MODEL, "--method", "rpo", "--write", dir.resolve("a.tflite2").toString()}}) {
            MainTest.Run r = MainTest.run(args);
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.errLines().size(), r.err());
        }
        assertFalse(Files.exists(dir.resolve("a.onnx")));
        assertTrue(Files.notExists(dir.resolve("a.tflite2")));
    }
}
