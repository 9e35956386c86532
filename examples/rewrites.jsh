// SERENITY's graph rewrites and arena planning on a NAS network, in JShell:
//   jshell --class-path target/memsched-all.jar examples/rewrites.jsh
// The rewrites change the graph (not only the order) so that the optimal peak goes down; the arena planners then
// give every tensor an address, and a rule of your own is a few lines.
import io.memsched.graph.*;
import io.memsched.memory.*;
import io.memsched.rewrite.*;
import io.memsched.schedule.*;
import io.memsched.report.*;
import io.memsched.zoo.*;
import java.util.*;

Graph g = Zoo.get("darts-cifar");
MemoryModel m = MemoryModel.INPLACE;
RewriteResult r = SerenityRewrites.apply(g, m);
System.out.println(r);
r.applied().stream().limit(2).forEach(a -> System.out.println("  " + a.summary()));
r.skipped().forEach(s -> System.out.println("  skipped at " + s.anchor() + ": " + s.reason()));

var opts = SchedulerOptions.defaults().withMemoryModel(m);
ScheduleResult before = new GreedyScheduler(opts).schedule(g);
ScheduleResult after = new GreedyScheduler(opts).schedule(r.graph());
System.out.println("greedy peak without rewrites " + before.peakBytes() + " B, with " + after.peakBytes() + " B");
if (after.peakBytes() >= before.peakBytes()) throw new AssertionError("the rewrites did not help");

ArenaPlan plan = Registry.arenaPlanner("greedy").plan(r.graph(), m, after.schedule().indicesIn(r.graph()));
System.out.println(plan);
System.out.println(ArenaReport.table(plan).sortDescendingOn("bytes").first(5).print());

// a rule of your own: drop Identity ops by redirecting their readers
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
System.out.println(new Rewriter(List.of(dropIdentity)).apply(small).graph().ops());
/exit
