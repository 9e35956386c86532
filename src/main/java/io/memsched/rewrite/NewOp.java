package io.memsched.rewrite;

import io.memsched.graph.GraphBuilder;
import io.memsched.graph.Tensor;
import java.util.List;

/**
 * An operator a built-in rule adds, written into the rewritten graph's builder by {@link #emit}; {@code origin} names
 * the removed operator it derives from (its provenance).
 */
record NewOp(String name, String type, List<String> reads, Tensor output, long workspaceBytes, boolean inplace,
             String origin) {

    NewOp {
        reads = List.copyOf(reads);
    }

    /** The replacement that removes {@code removed} and adds {@code ops}, each tracing back to its origin. */
    static Replacement replacement(java.util.Set<String> removed, List<NewOp> ops, String summary) {
        java.util.Map<String, String> origins = new java.util.HashMap<>();
        ops.forEach(op -> origins.put(op.name, op.origin));
        return new Replacement(removed, java.util.Map.of(), b -> emit(b, ops), summary, origins);
    }

    static void emit(GraphBuilder b, List<NewOp> ops) {
        for (NewOp op : ops) {
            b.op(op.name, op.type).reads(op.reads.toArray(String[]::new)).writes(op.output)
                    .workspace(op.workspaceBytes).inplace(op.inplace);
        }
    }
}
