package io.memsched.cli;

import io.memsched.graph.BadInputException;
import io.memsched.graph.Graph;
import io.memsched.Memsched;
import io.memsched.io.onnx.OnnxImporter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code memsched convert IN OUT}: writes a graph (ONNX or JSON) as memsched-graph/1 JSON or Graphviz DOT. */
@Command(name = "convert", mixinStandardHelpOptions = true, description = "Convert a model (ONNX, JSON) to memsched-graph/1 JSON (.json) or Graphviz DOT (.dot), by OUT's extension.")
final class ConvertCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT")
    Path out;

    @Option(names = "--resident-weights", description = "ONNX only: add all weights as one tensor "
            + "'weights' that stays live for the whole schedule (default: weights are not counted).")
    boolean residentWeights;

    @Override
    public Integer call() {
        Graph g;
        if (residentWeights) {
            if (!in.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
                throw new BadInputException("--resident-weights applies to ONNX input only, not " + in);
            }
            g = OnnxImporter.read(in, OnnxImporter.Options.defaults().withResidentWeights(true));
        } else {
            g = Memsched.load(in);
        }
        Memsched.save(g, out);
        spec.commandLine().getErr().println("wrote " + out + ": " + g);
        return 0;
    }
}
