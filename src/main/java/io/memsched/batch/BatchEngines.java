package io.memsched.batch;

import io.memsched.graph.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The batch engines on the class path by id: {@code serial} always, others through {@link ServiceLoader}. */
public final class BatchEngines {
    private BatchEngines() {
    }

    /** Every engine, {@code serial} first. */
    public static List<BatchEngine> all() {
        Map<String, BatchEngine> m = new LinkedHashMap<>();
        m.put("serial", new SerialEngine());
        for (BatchEngine e : ServiceLoader.load(BatchEngine.class)) {
            m.putIfAbsent(e.id(), e);
        }
        return new ArrayList<>(m.values());
    }

    /** The engine {@code id}, if it is on the class path. */
    public static Optional<BatchEngine> find(String id) {
        return all().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The engine {@code id}; a {@link BadInputException} naming the ones there are otherwise. */
    public static BatchEngine get(String id) {
        return find(id).orElseThrow(() -> new BadInputException("batch engine '" + id + "' is not available ("
                + String.join(", ", all().stream().map(BatchEngine::id).toList())
                + (id.equals("spark") ? "; run batch through ./memsched, which puts the Spark module on the class"
                        + " path" : "") + ")"));
    }

    /** The default engine: {@code spark} when it is on the class path, {@code serial} otherwise. */
    public static BatchEngine preferred() {
        return find("spark").orElseGet(SerialEngine::new);
    }
}
