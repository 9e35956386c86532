package io.memsched.cli;

import io.memsched.graph.Graph;
import io.memsched.io.GraphFiles;
import io.memsched.io.GraphJson;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code memsched convert IN OUT}: writes a graph (ONNX or JSON) as memsched-graph/1 JSON. */
@Command(name = "convert", mixinStandardHelpOptions = true, description = "Convert a model (ONNX) to memsched-graph/1 JSON.")
final class ConvertCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT")
    Path out;

    @Override
    public Integer call() {
        Graph g = GraphFiles.read(in);
        GraphJson.write(g, out);
        spec.commandLine().getErr().println("wrote " + out + ": " + g);
        return 0;
    }
}
