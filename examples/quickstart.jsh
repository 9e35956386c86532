// memsched quickstart for JShell:
//   mvn -q -B -DskipTests -pl core -am package
//   jshell --class-path target/memsched-all.jar examples/quickstart.jsh
import io.memsched.*;
import io.memsched.graph.*;
import io.memsched.memory.*;
import io.memsched.registry.Registry;
import io.memsched.report.*;
import java.nio.file.*;
import java.time.*;
import static io.memsched.graph.Sizes.*;

// A small cell: a stem, three branches of different sizes, a concat.
Graph g = Graph.builder("quickstart").
    input("x", kb(32)).
    op("stem", "Conv").reads("x").writes("s", kb(32)).
    op("wide", "Conv").reads("s").writes("w", kb(96)).
    op("narrow", "Conv").reads("w").writes("n", kb(16)).
    op("pool", "MaxPool").reads("s").writes("p", kb(16)).
    op("side", "Conv").reads("s").writes("d", kb(8)).
    op("cat", "Concat").reads("n", "p", "d").writes("y", kb(40)).
    output("y").
    build();
System.out.println(GraphSvg.summary(g));

// Plan it: the default method is "best" (fusion, heuristics, exact DP, ILP); the order is verified by the simulator.
Plan p = Memsched.plan(g).seed(1).timeLimit(Duration.ofSeconds(20)).run();
System.out.println(p);
System.out.println("order " + p.order() + ", peak " + format(p.peakBytes()) + ", optimal " + p.optimal());
System.out.println(p.timeline().table().print());
System.out.println(p.timeline().lifetimes().sortDescendingOn("bytes").first(3).print());

// The same graph under every registered method (Registry lists them), as one table.
System.out.println(Registry.schedulers().ids());
Comparison c = Memsched.compare(g);
System.out.println(c.table().print());
System.out.println(p.compare("program", "rpo", "greedy").table().print());

// One standalone HTML file with the drawing, the result, the timeline and how to rerun it.
Path out = p.report().save(Path.of(System.getProperty("java.io.tmpdir"), "memsched-quickstart-report.html"));
System.out.println("report written to " + out);
/exit
