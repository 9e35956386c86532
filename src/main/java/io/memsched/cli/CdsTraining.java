package io.memsched.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run of the class-data-sharing archive that {@code mvn package} builds next to the jar
 * ({@code target/memsched-all.jsa}, used by the {@code memsched} launcher): runs the common commands once in one
 * JVM started with {@code -XX:DumpLoadedClassList}, so the archive holds the classes they load (picocli, the
 * readers, the schedulers, the JSON writer, OR-Tools' Java side). Never fails the build: a command that fails only
 * leaves its classes out, with a warning.
 *
 * <p>Usage: {@code java -XX:DumpLoadedClassList=LIST -cp memsched-all.jar io.memsched.cli.CdsTraining WORKDIR ONNX}.
 */
final class CdsTraining {
    private CdsTraining() {
    }

    /** Runs the training commands; {@code args}: a scratch directory and an ONNX model. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: CdsTraining WORKDIR MODEL.onnx");
            return;
        }
        Path work = Files.createDirectories(Path.of(args[0]));
        String onnx = args[1];
        String json = work.resolve("cds-training.json").toString();
        List<String[]> commands = new ArrayList<>();
        commands.add(new String[] {"--help"});
        commands.add(new String[] {"zoo", "darts-imagenet", "--export", json});
        commands.add(new String[] {"schedule", onnx, "--method", "best", "--memory-model", "inplace"});
        commands.add(new String[] {"schedule", json, "--method", "best", "--memory-model", "inplace", "--json"});
        commands.add(new String[] {"schedule", json, "--method", "ilp", "--time-limit", "1", "--json"});
        commands.add(new String[] {"schedule", onnx, "--method", "rpo", "--arena", "greedy"});
        Path csv = work.resolve("cds-training.csv");
        Files.writeString(csv, "id,lower,upper,size\nb1,0,3,4\nb2,3,9,4\nb3,0,9,4\nb4,9,21,4\nb5,0,21,4\n");
        commands.add(new String[] {"arena", csv.toString(), "--capacity", "12", "--json"});
        for (String[] c : commands) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(c, new PrintWriter(out), new PrintWriter(err));
            if (code != 0) {
                System.err.println("memsched CDS training: '" + String.join(" ", c) + "' exited " + code + ": "
                        + Main.oneLine(err.toString()));
            }
        }
    }
}
