package io.memsched.cli;

import io.memsched.graph.Graph;
import io.memsched.graph.Sizes;
import io.memsched.io.GraphJson;
import io.memsched.zoo.Zoo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code memsched zoo [NAME --export FILE]}: lists the built-in networks or exports one. */
@Command(name = "zoo", mixinStandardHelpOptions = true, description = "List the built-in networks, or export one as JSON.")
final class ZooCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
    String name;

    @Option(names = "--export", paramLabel = "FILE", description = "Write the network as memsched-graph/1 JSON.")
    Path export;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (name == null) {
            StringColumn names = StringColumn.create("name");
            IntColumn ops = IntColumn.create("ops");
            IntColumn tensors = IntColumn.create("tensors");
            LongColumn bytes = LongColumn.create("activationBytes");
            StringColumn desc = StringColumn.create("description");
            StringColumn suite = StringColumn.create("bench");
            for (Zoo.Entry e : Zoo.entries()) {
                Graph g = e.generator().get();
                names.append(e.name());
                ops.append(g.opCount());
                tensors.append(g.tensorCount());
                bytes.append(g.totalBytes());
                desc.append(e.description());
                suite.append(e.inSuite() ? "yes" : "");
            }
            out.println(Table.create("zoo", names, ops, tensors, bytes, suite, desc).printAll());
            out.println("Families (any member by name, e.g. memsched zoo NAME --export FILE):");
            for (Zoo.Family f : Zoo.families()) {
                out.println("  " + f.pattern() + "  " + f.description() + " (e.g. " + f.example() + ")");
            }
            return 0;
        }
        Graph g = Zoo.get(name);
        if (export != null) {
            GraphJson.write(g, export);
            spec.commandLine().getErr().println("wrote " + export + ": " + g);
        } else {
            out.println(g + ", " + Sizes.format(g.totalBytes()));
        }
        return 0;
    }
}
