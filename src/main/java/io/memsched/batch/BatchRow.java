package io.memsched.batch;

import java.io.Serializable;
import java.util.List;

/**
 * One graph's result in a batch; a graph that failed has its {@code error} and no peak.
 *
 * @param index position in the job (rows are ordered by it)
 * @param graph the source: zoo name or file path
 * @param architecture the NAS-Bench-201 architecture string, or {@code ""}
 * @param ops operators of the graph ({@code null} when it could not be loaded)
 * @param method scheduler id
 * @param memoryModel memory model id
 * @param peak peak bytes of the order found ({@code null} on error)
 * @param lowerBound the lower bound in bytes ({@code null} on error)
 * @param optimal whether the order is proven optimal ({@code null} on error)
 * @param status how the run ended ({@code OPTIMAL}, {@code FEASIBLE}, {@code TIME_LIMIT}, ...; {@code ERROR})
 * @param arena arena bytes of the order, when an arena plan was asked for ({@code null} otherwise)
 * @param seconds wall-clock seconds for loading and scheduling this graph
 * @param error one line, or {@code ""}
 */
public record BatchRow(int index, String graph, String architecture, Integer ops, String method, String memoryModel,
                       Long peak, Long lowerBound, Boolean optimal, String status, Long arena, double seconds,
                       String error) implements Serializable {
    /** The column names of tables, CSV and Parquet output, in this order (without {@code index}). */
    public static final List<String> COLUMNS = List.of("graph", "architecture", "ops", "method", "memory_model",
            "peak", "lower_bound", "optimal", "status", "arena", "seconds", "error");

    /** The status of a row whose graph failed. */
    public static final String ERROR = "ERROR";

    /** Whether the graph failed. */
    public boolean failed() {
        return ERROR.equals(status);
    }
}
