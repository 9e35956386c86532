package io.memsched.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel as a front end meets it, without sockets: each cell runs through {@link MemschedKernel#execute} into a
 * channel that records the messages (the real transport: kernel/check_kernel.py).
 */
class MemschedKernelTest {
    @TempDir
    static Path tmp;
    private static MemschedKernel kernel;
    private static int count;

    /** The messages of one cell, as text. */
    static final class Recorded implements MemschedKernel.Channel {
        final List<String> messages = new ArrayList<>();
        final List<DisplayData> data = new ArrayList<>();

        @Override
        public void stream(boolean err, String text) {
            messages.add((err ? "stderr: " : "stdout: ") + text);
        }

        @Override
        public void display(DisplayData d) {
            messages.add("display " + d.getData(MIMEType.TEXT_PLAIN) + " " + (d.hasDataForType(MIMEType.IMAGE_SVG) ? "svg" : "")
                    + (d.hasDataForType(MIMEType.TEXT_HTML) ? "html" : ""));
            data.add(d);
        }

        @Override
        public void update(DisplayData d) {
            messages.add("update " + d.getDisplayId());
        }

        @Override
        public void result(int n, DisplayData d) {
            messages.add("result " + d.getData(MIMEType.TEXT_PLAIN));
            data.add(d);
        }

        @Override
        public void error(String name, String message, List<String> traceback) {
            messages.add("error " + name + ": " + String.join(" | ", traceback));
        }

        String streams() {
            return String.join("", messages.stream().filter(m -> m.startsWith("std")).map(m -> m.substring(8)).toList());
        }
    }

    private static Recorded run(String code) {
        Recorded r = new Recorded();
        kernel.execute(code, ++count, r);
        return r;
    }

    @BeforeAll
    static void start() throws IOException {
        // the javadoc index the jar carries (mvn package writes it; unit tests build it here)
        JavadocIndex.main(new String[] {"src/main/java", "target/test-classes/" + JavadocIndex.RESOURCE});
        Path fakeMvn = tmp.resolve("fake-mvn");
        Files.writeString(fakeMvn, "#!/bin/sh\n"
                + "for a in \"$@\"; do case \"$a\" in -Dmdep.outputFile=*) out=\"${a#-Dmdep.outputFile=}\";; esac; done\n"
                + "for a in \"$@\"; do case \"$a\" in -f) ;; esac; done\n"
                + "grep -q '<artifactId>hello</artifactId>' pom.xml || { echo '[ERROR] Could not resolve' ; exit 1; }\n"
                + "printf '%s' \"" + tmp.resolve("hello.jar") + "\" > \"$out\"\n");
        Files.setPosixFilePermissions(fakeMvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar(tmp.resolve("hello.jar"), "Hello", "hi from a jar");
        jar(tmp.resolve("other.jar"), "Other", "other jar");
        kernel = new MemschedKernel.Builder(JShellEvaluator.jvmClassPath(), new MavenResolver(List.of(fakeMvn.toString())))
                .build();
        kernel.onStartup();
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    /** A jar with {@code hello.NAME.hi()} returning {@code text}. */
    private static void jar(Path jar, String name, String text) throws IOException {
        Path src = tmp.resolve("src-" + name + "/hello/" + name + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package hello; public class " + name + " { public static String hi() { return \"" + text
                + "\"; } }\n");
        Path classes = tmp.resolve("classes-" + name);
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString());
        assertEquals(0, rc, "javac");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("hello/" + name + ".class"));
            out.write(Files.readAllBytes(classes.resolve("hello/" + name + ".class")));
            out.closeEntry();
        }
    }

    @Test
    void printedTextComesBeforeTheValueAndAPlanIsATableThenAPicture() {
        Recorded r = run("System.out.println(\"hi\");\nSystem.err.println(\"careful\");\n"
                + "Memsched.plan(Memsched.zoo(\"toy-cell\")).method(\"greedy\").run()");
        assertEquals("stdout: hi\n", r.messages.get(0));
        assertEquals("stderr: careful\n", r.messages.get(1));
        assertEquals("display null html", r.messages.get(2), "the result table");
        assertTrue(r.messages.get(3).startsWith("result greedy on toy-cell"), r.messages.toString());
        assertTrue(r.data.get(1).hasDataForType(MIMEType.IMAGE_SVG), "the timeline picture is the result");
        assertEquals(4, r.messages.size(), r.messages.toString());
        assertEquals(List.of("result 2"), run("1 + 1").messages);
    }

    @Test
    void displayShowsEveryPartAndSvgIsAPicture() {
        Recorded r = run("display(Memsched.zoo(\"tiny\"));\nsvg(\"<svg xmlns='http://www.w3.org/2000/svg'></svg>\");\n"
                + "html(\"<p>text</p><svg></svg>\");");
        assertEquals(4, r.data.size(), r.messages.toString());
        for (DisplayData d : r.data) {
            MemschedExtensionTest.assertRenderableUntrusted(d, r.messages.toString());
        }
    }

    @Test
    void anExceptionIsARedErrorNamedAfterItsClass() {
        Recorded r = run("int x = 1;\nZoo.get(\"no-such-net\");");
        assertEquals(1, r.messages.size(), r.messages.toString());
        String e = r.messages.get(0);
        assertTrue(e.startsWith("error BadInputException: \u001b[1m\u001b[31mio.memsched.graph.BadInputException: unknown"),
                "the exception line in bold red: " + e);
        assertTrue(e.contains("at cell " + count + ", line 2"), e);
        ErrorReply reply = kernel.execute("String s = 42;", ++count, new Recorded()).orElseThrow();
        assertEquals("CompilationError", reply.getErrorName());
    }

    @Test
    void lsmagicListsTheMagics() {
        String out = run("%lsmagic").streams();
        for (String m : List.of("%maven", "%jars", "%classpath", "%lsmagic", "%progress")) {
            assertTrue(out.contains(m), out);
        }
    }

    @Test
    void jarsAndClasspathAddJarsTheNextCellsUse() {
        Recorded added = run("%jars " + tmp.resolve("other.jar"));
        assertEquals("added 1 jar to the class path\n", added.streams(), added.messages.toString());
        assertEquals(List.of("result other jar"), run("hello.Other.hi()").messages);
        assertTrue(run("%classpath").streams().contains(tmp.resolve("other.jar").toString()));
        Recorded missing = run("%jars " + tmp.resolve("nothing-*.jar"));
        assertTrue(missing.messages.get(0).contains("nothing matches"), missing.messages.toString());
    }

    @Test
    void mavenResolvesThroughMavenAndAddsTheJars() {
        Recorded r = run("%maven org.example:hello:1.0");
        assertEquals("added 1 jar to the class path: hello.jar\n", r.streams(), r.messages.toString());
        assertEquals(List.of("result hi from a jar"), run("hello.Hello.hi()").messages);
        Recorded bad = run("%maven not-a-coordinate");
        assertTrue(bad.messages.get(0).contains("not a Maven coordinate: 'not-a-coordinate'"), bad.messages.toString());
        Recorded unresolved = run("%maven org.example:missing:1.0");
        assertTrue(unresolved.messages.get(0).contains("cannot resolve org.example:missing:1.0: [ERROR] Could not resolve"),
                unresolved.messages.toString());
    }

    @Test
    void progressCanBeTurnedOffAndOn() {
        assertEquals("progress line off\n", run("%progress off").streams());
        assertFalse(kernel.progress());
        assertEquals("progress line on\n", run("%progress on").streams());
        assertTrue(run("%progress sideways").messages.get(0).contains("on or off"));
    }

    @Test
    void inspectShowsTheSignatureAndTheFirstSentenceOfTheJavadoc() {
        for (int at : new int[] {"Memsched.pl".length(), "Memsched.plan(".length()}) {
            DisplayData d = kernel.inspect("Memsched.plan(g)", at, false);
            String text = String.valueOf(d.getData(MIMEType.TEXT_PLAIN));
            assertTrue(text.contains("Memsched.plan(Graph graph)") && text.contains("Starts a plan of graph"), text);
        }
        String type = String.valueOf(kernel.inspect("Plan", 4, false).getData(MIMEType.TEXT_PLAIN));
        assertTrue(type.contains("A schedule of a graph with everything that led to it"), type);
    }

    @Test
    @Tag("slow")
    void mavenResolvesARealArtifactOffline() {
        List<java.nio.file.Path> jars = new MavenResolver(List.of("mvn", "-o"))
                .resolve(List.of("org.apache.maven.surefire:surefire-logger-api:3.5.2"));
        assertTrue(jars.stream().anyMatch(p -> p.getFileName().toString().equals("surefire-logger-api-3.5.2.jar")
                && Files.isRegularFile(p)), jars.toString());
    }

    @Test
    void mavenPomNamesTheCoordinates() {
        String pom = MavenResolver.pom(List.of("g:a:1", "g:b:jar:tests:2"));
        assertTrue(pom.contains("<groupId>g</groupId><artifactId>a</artifactId><version>1</version>"), pom);
        assertTrue(pom.contains("<artifactId>b</artifactId><version>2</version><type>jar</type><classifier>tests</classifier>"),
                pom);
        assertEquals(StandardCharsets.UTF_8.name(), "UTF-8");
    }
}
