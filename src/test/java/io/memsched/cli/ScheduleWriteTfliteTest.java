package io.memsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memsched.io.tflite.TfliteWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schedule MODEL.tflite --arena A --write OUT.tflite}: the plan and its offline arena plan in the model. */
class ScheduleWriteTfliteTest {
    static final String MODEL = "examples/models/tflite/person_detect.tflite";

    @TempDir
    Path dir;

    @Test
    void writesTheOrderAndTheOfflineArenaPlan() throws Exception {
        Path out = dir.resolve("person-planned.tflite");
        MainTest.Run r = MainTest.run("schedule", MODEL, "--method", "best", "--arena", "greedy", "--json",
                "--write", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode planned = new ObjectMapper().readTree(r.out());
        assertEquals(out.toString(), planned.get("written").asText());
        MainTest.Run back = MainTest.run("schedule", out.toString(), "--method", "program", "--json");
        assertEquals(0, back.code(), back.err());
        JsonNode program = new ObjectMapper().readTree(back.out());
        assertEquals(planned.get("peak").asLong(), program.get("peak").asLong());
        int[] words = TfliteWriter.offlineMemoryAllocation(out).orElseThrow();
        assertEquals(3 + 89, words.length, "person_detect has 89 tensors in one subgraph");
        long arena = 0;
        for (int i = 3; i < words.length; i++) {
            arena = Math.max(arena, words[i]);
        }
        assertTrue(arena < planned.get("arena").asLong(), "every offset lies inside the arena");
    }

    @Test
    void aTfliteModelIsWrittenOnlyFromATfliteModel() {
        Path out = dir.resolve("a.tflite");
        MainTest.Run r = MainTest.run("schedule", "examples/models/darts_cifar.onnx", "--method", "rpo", "--write",
                out.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("a TFLite model can only be written from a TFLite model"), r.err());
        assertFalse(Files.exists(out));
    }
}
