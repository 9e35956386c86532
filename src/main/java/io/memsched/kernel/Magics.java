package io.memsched.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;

/**
 * The line magics of the memsched kernel, as in JJava: {@code %maven group:artifact:version ...} (with their
 * dependencies), {@code %jars PATH...} and {@code %classpath [PATH...]} (globs allowed; without arguments
 * {@code %classpath} lists what was added), {@code %lsmagic}, and {@code %progress on|off} (the progress line).
 * They are registered in JJava's {@link MagicsRegistry}; JJava's {@code MagicParser} turns a magic line into a
 * call of it, and JJava's {@link PathsHandler} expands the globs. Extensions in added jars are installed.
 */
final class Magics {
    private Magics() {
    }

    /** What the magics act on (the kernel). */
    interface Target {
        /** Adds {@code entries} to the cells' class path and installs the JJava extensions they carry. */
        void addToClasspath(List<Path> entries);

        /** Everything added so far, in order. */
        List<Path> addedClasspath();

        /** Turns the progress line on or off. */
        void progress(boolean on);

        /** Whether the progress line is on. */
        boolean progress();

        /** The registry the magics are in. */
        MagicsRegistry magics();
    }

    /** Registers the magics on {@code registry}, acting on {@code target}, resolving {@code %maven} with {@code maven}. */
    static void register(MagicsRegistry registry, Target target, MavenResolver maven) {
        registry.registerLineMagic("maven", (kernel, args) -> {
            List<Path> jars = maven.resolve(args);
            target.addToClasspath(jars);
            System.out.println("added " + jars.size() + " jar" + (jars.size() == 1 ? "" : "s") + " to the class path: "
                    + String.join(", ", jars.stream().map(p -> p.getFileName().toString()).toList()));
            return null;
        });
        registry.registerLineMagic("jars", (kernel, args) -> {
            List<Path> jars = resolve(args, "%jars");
            for (Path p : jars) {
                if (!Files.isRegularFile(p)) {
                    throw new IllegalArgumentException("%jars: not a file: " + p);
                }
            }
            target.addToClasspath(jars);
            System.out.println("added " + jars.size() + " jar" + (jars.size() == 1 ? "" : "s") + " to the class path");
            return null;
        });
        registry.registerLineMagic("classpath", (kernel, args) -> {
            if (args.isEmpty()) {
                List<Path> added = target.addedClasspath();
                System.out.println(added.isEmpty() ? "nothing added to the class path (memsched and its libraries are on it)"
                        : String.join("\n", added.stream().map(Path::toString).toList()));
                return null;
            }
            List<Path> entries = resolve(args, "%classpath");
            target.addToClasspath(entries);
            System.out.println("added " + entries.size() + " entr" + (entries.size() == 1 ? "y" : "ies")
                    + " to the class path");
            return null;
        });
        registry.registerLineMagic("lsmagic", (kernel, args) -> {
            System.out.println(list(target.magics()));
            return null;
        });
        registry.registerLineMagic("progress", (kernel, args) -> {
            if (args.size() == 1 && args.get(0).toLowerCase(Locale.ROOT).matches("on|off")) {
                target.progress(args.get(0).equalsIgnoreCase("on"));
            } else if (!args.isEmpty()) {
                throw new IllegalArgumentException("%progress takes on or off, was " + String.join(" ", args));
            }
            System.out.println("progress line " + (target.progress() ? "on" : "off"));
            return null;
        });
    }

    /** The {@code %lsmagic} text: line and cell magics, sorted. */
    static String list(MagicsRegistry registry) {
        List<String> line = new ArrayList<>(new TreeSet<>(registry.getLineMagicNames()));
        List<String> cell = new ArrayList<>(new TreeSet<>(registry.getCellMagicNames()));
        return "Available line magics:\n" + String.join("  ", line.stream().map(n -> "%" + n).toList())
                + "\n\nAvailable cell magics:\n" + (cell.isEmpty() ? "(none)" : String.join("  ",
                        cell.stream().map(n -> "%%" + n).toList()));
    }

    /** The paths {@code args} name, globs expanded by JJava; a pattern that matches nothing is refused. */
    static List<Path> resolve(List<String> args, String magic) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(magic + " needs at least one path");
        }
        List<Path> out = new ArrayList<>();
        for (String a : args) {
            List<Path> found = PathsHandler.splitAndResolveGlobs(a);
            if (found.isEmpty()) {
                throw new IllegalArgumentException(magic + ": nothing matches " + a);
            }
            out.addAll(found.stream().map(p -> p.toAbsolutePath().normalize()).toList());
        }
        return out;
    }
}
