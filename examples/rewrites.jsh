// SERENITY's graph rewrites and arena planning on a NAS network, in JShell:
//   jshell --class-path target/memsched-all.jar examples/rewrites.jsh
// The rewrites change the graph (not only the order) so that the optimal peak goes down; the arena planners then
// give every tensor an address, and a rule of your own is a few lines.
import io.memsched.*;
import io.memsched.graph.*;
import io.memsched.memory.*;
import io.memsched.arena.*;
import io.memsched.pass.*;
import io.memsched.rewrite.*;
import io.memsched.report.*;
import java.time.*;
import java.util.*;

Graph g = Memsched.load("examples/models/darts_cifar.onnx");

// Two plans of the same graph under the in-place model: as it is, and after the SERENITY rewrites.
Plan plain = Memsched.plan(g).memoryModel(MemoryModel.INPLACE).method("dp").timeLimit(Duration.ofSeconds(30)).run();
Plan rewritten = Memsched.plan(g).memoryModel(MemoryModel.INPLACE).
    passes(Passes.serenity()).
    method("dp").timeLimit(Duration.ofSeconds(30)).
    run();
System.out.println("without rewrites: " + plain);
System.out.println("with rewrites:    " + rewritten);
PassResult serenity = rewritten.passes().get(0);
System.out.println(serenity.stats());
serenity.stats().skipped().stream().limit(3).forEach(s -> System.out.println("  skipped " + s));
if (rewritten.peakBytes() >= plain.peakBytes()) throw new AssertionError("the rewrites did not help");

// Tensor offsets in one arena for the rewritten plan's order.
ArenaPlan arena = rewritten.arena("greedy");
System.out.println(arena);
System.out.println(ArenaReport.table(arena).sortDescendingOn("bytes").first(5).print());

// A rule of your own: drop Identity ops by redirecting their readers. A Rewriter of rules is a Pass.
RewriteRule dropIdentity = RewriteRule.of("drop-identity", "removes Identity ops", (gr, i) -> {
    Op op = gr.op(i);
    if (!op.type().equals("Identity") || op.inputs().size() != 1 || op.outputs().size() != 1) return Match.none();
    if (gr.isGraphOutput(gr.opOutputs(i).get(0))) return Match.skip("its output is a graph output");
    return Match.replace(new Replacement(Set.of(op.name()), Map.of(op.outputs().get(0), op.inputs().get(0)),
            b -> { }, "removed " + op.name()));
});
Graph small = Graph.builder("ids").input("x", 10).
    op("i1", "Identity").reads("x").writes("a", 10).
    op("c", "Conv").reads("a").writes("y", 10).
    output("y").build();
Plan cleaned = Memsched.plan(small).passes(new Rewriter("drop-identity", List.of(dropIdentity))).method("dp").run();
System.out.println(cleaned.graph().ops());
System.out.println(cleaned.passes());
/exit
