package io.memsched.cli;

import io.memsched.registry.Registry;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memsched.graph.Graph;
import io.memsched.graph.Sizes;
import io.memsched.Memsched;
import io.memsched.io.OrderFile;
import io.memsched.memory.LowerBounds;
import io.memsched.memory.MemoryModel;
import io.memsched.memory.MemorySimulator;
import io.memsched.memory.MemoryTimeline;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code memsched peak FILE --order ORDERFILE}: evaluates a given order with the shared simulator. */
@Command(name = "peak", mixinStandardHelpOptions = true, description = "Evaluate the peak memory of a given order.")
final class PeakCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Graph file.")
    Path file;

    @Option(names = "--order", required = true, paramLabel = "ORDERFILE", description = "One op name per line.")
    Path orderFile;

    @Option(names = "--memory-model", defaultValue = "default", description = "default or inplace (default: ${DEFAULT-VALUE}).")
    String memoryModel;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    @Override
    public Integer call() {
        MemoryModel model = Registry.memoryModel(memoryModel);
        Graph g = Memsched.load(file);
        List<String> order = OrderFile.read(orderFile);
        MemoryTimeline t = MemorySimulator.simulate(g, model, order);
        long bound = LowerBounds.simple(g, model);
        var out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = JsonOutput.MAPPER.createObjectNode();
            o.put("graph", g.name());
            o.put("peak", t.peakBytes());
            o.put("peakStep", t.peakStep());
            o.put("lowerBound", bound);
            o.put("memoryModel", model.id());
            var arr = o.putArray("order");
            order.forEach(arr::add);
            out.println(JsonOutput.line(o));
        } else {
            out.println(g.name() + ": peak " + Sizes.format(t.peakBytes()) + " (" + t.peakBytes() + " B) at step "
                    + t.peakStep() + (t.peakStep() > 0 ? " (" + order.get(t.peakStep() - 1) + ")" : "")
                    + ", lower bound " + bound + " B, model " + model.id());
        }
        return 0;
    }
}
