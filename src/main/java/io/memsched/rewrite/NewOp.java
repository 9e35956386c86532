package io.memsched.rewrite;

import io.memsched.graph.GraphBuilder;
import io.memsched.graph.Tensor;
import java.util.List;

/** An operator a built-in rule adds, written into the rewritten graph's builder by {@link #emit}. */
record NewOp(String name, String type, List<String> reads, Tensor output, long workspaceBytes, boolean inplace) {

    NewOp {
        reads = List.copyOf(reads);
    }

    static void emit(GraphBuilder b, List<NewOp> ops) {
        for (NewOp op : ops) {
            b.op(op.name, op.type).reads(op.reads.toArray(String[]::new)).writes(op.output)
                    .workspace(op.workspaceBytes).inplace(op.inplace);
        }
    }
}
