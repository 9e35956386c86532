package io.memsched.kernel;

import io.memsched.run.Clock;
import io.memsched.run.ProgressListener;
import io.memsched.solver.OrToolsNatives;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;

/**
 * The memsched Jupyter kernel: JJava's protocol layer ({@link BaseKernel}) evaluating cells with an in-process JShell
 * ({@link JShellEvaluator}), so the renderers of {@link MemschedExtension} see the real objects. On start it puts
 * this JVM's class path (memsched and its libraries) on JShell's class path and imports the DSL.
 *
 * <p>A cell's code runs on its own thread; everything it sends (printed text, displays, the progress line) goes
 * through an {@link Outbox} to the thread that serves the request, so an interrupt never reaches the sockets and
 * nothing of a cell arrives after its reply. A value shows as its renderer's outputs (a {@code Plan} as its table
 * and its timeline picture). The stop button ends the cell after the running solve returns; the cell shows one
 * "Interrupted" line. Errors are Jupyter error outputs whose frames name the cell and line. Magics: see
 * {@link Magics}. Shift-Tab shows the signature and the first sentence of memsched's javadoc ({@link JavadocIndex}).
 *
 * <p>Started by Jupyter through the kernelspec that {@code kernel/install} writes:
 * {@code java -cp memsched-all.jar io.memsched.kernel.MemschedKernel CONNECTION_FILE}. OR-Tools' native libraries
 * start loading in the background when the kernel starts, so a notebook's first solve finds them ready.
 */
public final class MemschedKernel extends BaseKernel implements Magics.Target {
    /** JJava's magic syntax: {@code %name args} on a line of its own (or after {@code =}), {@code %%name} cells. */
    private static final String LINE_MAGIC = "(?<=(?:^|=))\\s*%";
    private static final String CELL_MAGIC = "%%";

    private final Outbox outbox;
    private final JShellEvaluator evaluator;
    private final CellStreams streams;
    private final NotebookProgress progress;
    private final JavadocIndex docs = JavadocIndex.load();
    private final List<Path> added = new CopyOnWriteArrayList<>();
    /** Where the cell being served sends (set and read on the serving thread, and by the outbox tasks it runs). */
    private volatile Channel channel;

    private MemschedKernel(String name, String version, HistoryManager history, JupyterIO io, CommManager comms,
                           Renderer renderer, MagicsRegistry magics, boolean extensionsEnabled, StringStyler errorStyler,
                           List<String> classPath, MavenResolver maven) {
        super(name, version, languageInfo(), List.of(), history, io, comms, renderer,
                new MagicParser(LINE_MAGIC, CELL_MAGIC, new MagicTranspiler()), magics, extensionsEnabled, errorStyler);
        NotebookProgress[] line = new NotebookProgress[1];
        this.outbox = new Outbox(() -> line[0].tick());
        this.progress = new NotebookProgress(outbox, this::showProgress, Clock.system());
        line[0] = progress;
        this.evaluator = new JShellEvaluator(classPath, outbox,
                body -> () -> ProgressListener.bind(progress.forCell(), body));
        this.streams = new CellStreams(outbox, (err, text) -> {
            Channel c = channel;
            if (c != null) {
                c.stream(err, text);
            }
        });
        Magics.register(magics, this, maven);
    }

    /** A kernel whose JShell sees {@code classPath}. */
    public static MemschedKernel create(List<String> classPath) {
        return new Builder(classPath, MavenResolver.system()).build();
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

    /** Where the messages of a served cell go: the request's reply environment, or a list in tests. */
    interface Channel {
        /** Text the cell printed. */
        void stream(boolean err, String text);

        /** A new output (with a display id when {@code data} has one). */
        void display(DisplayData data);

        /** New content for the output with {@code data}'s display id. */
        void update(DisplayData data);

        /** The cell's value. */
        void result(int count, DisplayData data);

        /** The cell's error. */
        void error(String name, String message, List<String> traceback);
    }

    /** The channel of one request: IOPub messages through JJava's reply environment. */
    private static Channel channelOf(ShellReplyEnvironment env) {
        return new Channel() {
            @Override
            public void stream(boolean err, String text) {
                env.publish(new PublishStream(err ? PublishStream.StreamType.ERR : PublishStream.StreamType.OUT, text));
            }

            @Override
            public void display(DisplayData data) {
                env.publish(new PublishDisplayData(data));
            }

            @Override
            public void update(DisplayData data) {
                env.publish(new PublishUpdateDisplayData(data));
            }

            @Override
            public void result(int count, DisplayData data) {
                env.publish(new PublishExecuteResult(count, data));
            }

            @Override
            public void error(String name, String message, List<String> traceback) {
                env.publish(new PublishError(name, message, traceback));
            }
        };
    }

    /** Serves one execute request: {@link #execute} on the request's channel, then the reply. */
    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        int count = executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        Optional<ErrorReply> error = execute(request.getCode(), count, channelOf(env));
        if (error.isPresent()) {
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), error.get());
        } else {
            env.defer().reply(new ExecuteReply(count, Map.of()));
        }
    }

    /**
     * Runs cell {@code count}: its code (magics turned into calls) with {@code System.out}/{@code err} and displays
     * going through the outbox to {@code channel}; then its value's outputs (all but the last as displays, the last
     * as the result) or its error. Returns the error reply, if any.
     */
    synchronized Optional<ErrorReply> execute(String code, int count, Channel channel) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        this.channel = channel;
        System.setOut(streams.out);
        System.setErr(streams.err);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        try {
            List<DisplayData> outputs = evaluate(code, count);
            for (int i = 0; i < outputs.size(); i++) {
                if (i < outputs.size() - 1) {
                    channel.display(outputs.get(i));
                } else {
                    channel.result(count, outputs.get(i));
                }
            }
            return Optional.empty();
        } catch (CellException e) {
            return Optional.of(error(channel, count, simpleName(e.kind()), e.getMessage(), formatError(e)));
        } catch (RuntimeException e) {
            return Optional.of(error(channel, count, e.getClass().getSimpleName(), String.valueOf(e.getMessage()),
                    formatError(e)));
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
            this.channel = null;
        }
    }

    private static ErrorReply error(Channel channel, int count, String name, String message, List<String> lines) {
        channel.error(name, message, lines);
        ErrorReply reply = new ErrorReply(name, message, lines);
        reply.setExecutionCount(count);
        return reply;
    }

    private static String simpleName(String kind) {
        return kind.substring(kind.lastIndexOf('.') + 1);
    }

    /** The outputs of cell {@code count}'s value (none when it has no value). */
    List<DisplayData> evaluate(String code, long count) {
        JShellEvaluator.Result r = evaluator.eval(magicParser.resolveMagics(code), count);
        if (!r.hasValue() || r.value() == null) {
            return List.of();
        }
        return r.value() instanceof DisplayData d ? List.of(d) : MemschedExtension.parts(renderer, r.value());
    }

    /** Shows {@code data} below the running cell (from any of its threads; dropped when no cell runs). */
    @Override
    public void display(DisplayData data) {
        outbox.post(() -> {
            Channel c = channel;
            if (c != null) {
                c.display(data);
            }
        });
    }

    private void showProgress(String id, String text, boolean first) {
        Channel c = channel;
        if (c == null) {
            return;
        }
        DisplayData d = new DisplayData(text);
        d.setDisplayId(id);
        if (first) {
            c.display(d);
        } else {
            c.update(d);
        }
    }

    /** Evaluates {@code code} as a cell of its own (JJava's {@code eval}); not from inside a running cell. */
    @Override
    public Object evalRaw(String code) {
        if (outbox.isOpen()) {
            throw new IllegalStateException("eval(...) cannot run inside a cell; put the code in the cell itself");
        }
        JShellEvaluator.Result r = evaluator.eval(magicParser.resolveMagics(code), executionCount.get() - 1);
        return r.hasValue() ? r.value() : null;
    }

    /** Signatures of what is at the cursor, each with the first sentence of its javadoc when memsched has one. */
    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        List<JShellEvaluator.Doc> found = evaluator.documentation(code, at);
        if (found.isEmpty()) { // JShell documents a method with the cursor after its '(': put it there
            int end = at;
            while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
                end++;
            }
            found = evaluator.documentation(code.substring(0, end) + "(", end + 1);
        }
        if (found.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (JShellEvaluator.Doc d : found) {
            Optional<String> sentence = docs.firstSentence(d.signature());
            String doc = sentence.orElse(d.javadoc() == null ? "" : firstSentence(d.javadoc()));
            parts.add(d.signature() + (doc.isEmpty() ? "" : "\n" + doc));
        }
        return new DisplayData(String.join("\n\n", parts));
    }

    /** The first sentence of a javadoc text (up to the first period followed by white space). */
    static String firstSentence(String javadoc) {
        String text = javadoc.replaceAll("\\s+", " ").strip();
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        JShellEvaluator.Completion c = evaluator.complete(code, at);
        return c.candidates().isEmpty() ? null : new ReplacementOptions(c.candidates(), c.start(), c.end());
    }

    @Override
    public String isComplete(String code) {
        return switch (evaluator.isComplete(magicParser.resolveMagics(code))) {
            case "complete" -> IS_COMPLETE_YES;
            case "incomplete" -> "    ";
            default -> IS_COMPLETE_BAD;
        };
    }

    @Override
    public void interrupt() {
        evaluator.interrupt();
    }

    /** A cell's error in red: the exception line bold, then the frames (cell frames as "cell N, line L"). */
    @Override
    public List<String> formatError(Throwable e) {
        List<String> raw = e instanceof CellException ce ? ce.lines() : List.of(e.toString());
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            lines.add((i == 0 ? TextColor.BOLD_RED_FG : TextColor.RED_FG) + raw.get(i) + TextColor.RESET_ALL);
        }
        return lines;
    }

    /** The class loader of the cells (where %jars and %maven add), so extensions see the cells' classes. */
    @Override
    protected ClassLoader getClassLoader() {
        return evaluator.cellClassLoader().orElse(super.getClassLoader());
    }

    @Override
    public void addToClasspath(List<Path> entries) {
        for (Path p : entries) {
            evaluator.addToClasspath(p.toString());
            added.add(p);
        }
        installExtensions(getClassLoader());
    }

    @Override
    public List<Path> addedClasspath() {
        return List.copyOf(added);
    }

    @Override
    public void progress(boolean on) {
        progress.enable(on);
    }

    @Override
    public boolean progress() {
        return progress.enabled();
    }

    @Override
    public MagicsRegistry magics() {
        return magicsRegistry;
    }

    /** Builds the kernel with JJava's defaults (name, version, IO encoding, renderer, error styles). */
    static final class Builder extends BaseKernelBuilder<Builder, MemschedKernel> {
        private final List<String> classPath;
        private final MavenResolver maven;

        Builder(List<String> classPath, MavenResolver maven) {
            this.classPath = List.copyOf(classPath);
            this.maven = maven;
            name("memsched");
            version(versionOf());
        }

        @Override
        public MemschedKernel build() {
            return new MemschedKernel(buildName(), buildVersion(), buildHistoryManager(),
                    buildJupyterIO(buildJupyterIOEncoding()), buildCommManager(), buildRenderer(), buildMagicsRegistry(),
                    buildExtensionsEnabled(), buildErrorStyler(), classPath, maven);
        }
    }
}
