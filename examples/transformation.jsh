// Prototype a graph transformation in JShell and see the peak change:
//   jshell --class-path target/memsched-all.jar examples/transformation.jsh
// The transformation splits a producer/consumer pair into k slices joined by a Concat, so the big
// intermediate tensor is never alive in full. Wrapped as a Pass, it composes with the built-in passes.
import io.memsched.*;
import io.memsched.graph.*;
import io.memsched.pass.*;
import io.memsched.report.*;
import java.util.*;
import static io.memsched.graph.Sizes.*;

Graph split(Graph g, String producer, String consumer, int k) {
    var b = Graph.builder(g.name() + "-split-" + producer);
    for (String in : g.inputs()) b.input(in, g.bytes(g.tensorIndex(in)));
    int p = g.opIndex(producer), c = g.opIndex(consumer);
    String mid = g.tensor(g.opOutputs(p).get(0)).name();
    String out = g.tensor(g.opOutputs(c).get(0)).name();
    long midBytes = g.bytes(g.tensorIndex(mid)), outBytes = g.bytes(g.tensorIndex(out));
    for (int i = 0; i < g.opCount(); i++) {
        Op op = g.op(i);
        if (i == p) {
            for (int s = 0; s < k; s++) {
                b.op(op.name() + "_" + s, op.type()).reads(op.inputs().toArray(new String[0])).writes(mid + "_" + s, midBytes / k);
                b.op(consumer + "_" + s, g.op(c).type()).reads(mid + "_" + s).writes(out + "_" + s, outBytes / k);
            }
            String[] parts = new String[k];
            for (int s = 0; s < k; s++) parts[s] = out + "_" + s;
            b.op(consumer + "_concat", "Concat").reads(parts).writes(out, outBytes);
        } else if (i != c) {
            b.op(op.name(), op.type()).reads(op.inputs().toArray(new String[0]));
            for (String o : op.outputs()) b.writes(o, g.bytes(g.tensorIndex(o)));
            if (op.workspaceBytes() > 0) b.workspace(op.workspaceBytes());
        }
    }
    return b.output(g.outputs().toArray(new String[0])).build();
}

// The transformation as a pass: a name and a graph-to-graph function (provenance goes by operator name).
Pass splitA = Passes.rewriting("split-a1-a2", g -> split(g, "a1", "a2", 4));

Graph g = Memsched.zoo("toy-cell");
Plan before = Memsched.plan(g).method("greedy").run();
Plan after = Memsched.plan(g).passes(splitA).method("greedy").run();
System.out.println("before: " + before);
System.out.println("after:  " + after);
if (after.peakBytes() >= before.peakBytes()) throw new AssertionError("the split should lower the peak");
System.out.println(after.passes().get(0).stats());

// It composes with the built-in passes: split, then fuse, then the exact DP.
Plan fused = Memsched.plan(g).passes(splitA, Passes.fusion()).method("dp").run();
System.out.println("split + fusion + dp: " + fused);
System.out.println(before.compare("dp").table().print());
System.out.println(after.compare("dp").table().print());
/exit
