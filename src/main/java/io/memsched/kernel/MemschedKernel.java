package io.memsched.kernel;

import io.memsched.solver.OrToolsNatives;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * The memsched Jupyter kernel: JJava's protocol layer ({@link BaseKernel}) evaluating cells with an in-process JShell
 * ({@link JShellEvaluator}), so the renderers of {@link MemschedExtension} see the real objects. On start it puts
 * this JVM's class path (memsched and its libraries) on JShell's class path and imports the DSL.
 *
 * <p>Started by Jupyter through the kernelspec that {@code kernel/install} writes:
 * {@code java -cp memsched-all.jar io.memsched.kernel.MemschedKernel CONNECTION_FILE}. Interrupts arrive as
 * messages ({@code interrupt_mode: message}) and interrupt the cell's thread; schedulers poll for it and return
 * their best order so far. OR-Tools' native libraries start loading in the background when the kernel starts, so a
 * notebook's first solve finds them ready (or waits for them only within its time limit).
 */
public final class MemschedKernel extends BaseKernel {
    private final JShellEvaluator evaluator;

    private MemschedKernel(String name, String version, HistoryManager history, JupyterIO io, CommManager comms,
                           Renderer renderer, MagicsRegistry magics, boolean extensionsEnabled, StringStyler errorStyler,
                           JShellEvaluator evaluator) {
        super(name, version, languageInfo(), List.of(), history, io, comms, renderer, null, magics, extensionsEnabled,
                errorStyler);
        this.evaluator = evaluator;
    }

    /** A kernel whose JShell sees {@code classPath}. */
    public static MemschedKernel create(List<String> classPath) {
        return new Builder(classPath).build();
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo("java", Integer.toString(Runtime.version().feature()), "text/x-java-source",
                ".jshell", "java", "java", null);
    }

    /** Starts the kernel on the connection file given by Jupyter and serves until shutdown. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: MemschedKernel CONNECTION_FILE (given " + args.length + " arguments)");
        }
        // a notebook's first ilp/best/exact cell should not wait for the natives: load them while Jupyter connects
        OrToolsNatives.shared().preload();
        String json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        KernelConnectionProperties props = KernelConnectionProperties.parse(json);
        JupyterConnection connection = new JupyterConnection(props);
        MemschedKernel kernel = create(JShellEvaluator.jvmClassPath());
        kernel.becomeHandlerForConnection(connection);
        kernel.onStartup();
        connection.connect();
        connection.waitUntilClose();
        kernel.evaluator.close();
    }

    @Override
    public String getBanner() {
        return "memsched " + versionOf() + " on Java " + Runtime.version();
    }

    private static String versionOf() {
        String v = MemschedKernel.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public Object evalRaw(String code) {
        JShellEvaluator.Result r = evaluator.eval(code);
        return r.hasValue() ? r.value() : null;
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return evaluator.documentation(code, at).map(DisplayData::new).orElse(null);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        JShellEvaluator.Completion c = evaluator.complete(code, at);
        return c.candidates().isEmpty() ? null : new ReplacementOptions(c.candidates(), c.start(), c.end());
    }

    @Override
    public String isComplete(String code) {
        return switch (evaluator.isComplete(code)) {
            case "complete" -> IS_COMPLETE_YES;
            case "incomplete" -> "    ";
            default -> IS_COMPLETE_BAD;
        };
    }

    @Override
    public void interrupt() {
        evaluator.interrupt();
    }

    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof CellException ce) {
            List<String> lines = new ArrayList<>();
            for (String l : ce.lines()) {
                lines.add(errorStyler.primary(l));
            }
            return lines;
        }
        return super.formatError(e);
    }

    /** Builds the kernel with JJava's defaults (name, version, IO encoding, renderer, error styles). */
    static final class Builder extends BaseKernelBuilder<Builder, MemschedKernel> {
        private final List<String> classPath;

        Builder(List<String> classPath) {
            this.classPath = List.copyOf(classPath);
            name("memsched");
            version(versionOf());
        }

        @Override
        public MemschedKernel build() {
            return new MemschedKernel(buildName(), buildVersion(), buildHistoryManager(),
                    buildJupyterIO(buildJupyterIOEncoding()), buildCommManager(), buildRenderer(), buildMagicsRegistry(),
                    buildExtensionsEnabled(), buildErrorStyler(), new JShellEvaluator(classPath));
        }
    }
}
