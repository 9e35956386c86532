package io.memsched.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memsched.schedule.ScheduleResult;
import java.util.Map;

/** One-line JSON objects of docs/ARCHITECTURE.md, "Command line". */
final class JsonOutput {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonOutput() {
    }

    static ObjectNode result(ScheduleResult r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("graph", r.graphName());
        o.put("method", r.method());
        o.put("peak", r.peakBytes());
        ArrayNode order = o.putArray("order");
        r.schedule().opNames().forEach(order::add);
        o.put("optimal", r.optimal());
        o.put("lowerBound", r.lowerBoundBytes());
        o.put("seconds", Math.round(r.seconds() * 1e6) / 1e6);
        o.put("status", r.status().name());
        o.put("memoryModel", r.memoryModel().id());
        ObjectNode stats = o.putObject("stats");
        for (Map.Entry<String, Object> e : r.stats().asMap().entrySet()) {
            stats.putPOJO(e.getKey(), e.getValue());
        }
        return o;
    }

    static String line(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
