// memsched quickstart for JShell:
//   mvn -q -B -DskipTests package
//   jshell --class-path target/memsched-all.jar examples/quickstart.jsh
import io.memsched.graph.*;
import io.memsched.memory.*;
import io.memsched.schedule.*;
import io.memsched.report.*;
import io.memsched.zoo.*;
import java.nio.file.*;
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

// Every registered method with the same options, then the best one's timeline.
Comparison c = Comparison.run(g, SchedulerOptions.defaults().withSeed(1), Registry.schedulers().ids());
System.out.println(c.table().print());
ScheduleResult best = c.best();
System.out.println("best: " + best);
System.out.println(Tables.timeline(best.timeline(g)).print());
System.out.println(Tables.lifetimes(best.timeline(g)).sortDescendingOn("bytes").first(3).print());

// One standalone HTML file with the drawing, the comparison, the timeline and how to rerun it.
Path out = Report.of(c).save(Path.of(System.getProperty("java.io.tmpdir"), "memsched-quickstart-report.html"));
System.out.println("report written to " + out);
/exit
