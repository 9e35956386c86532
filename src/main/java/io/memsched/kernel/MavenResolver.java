package io.memsched.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Resolves Maven coordinates ({@code group:artifact:version}, optionally {@code group:artifact:type:version} or
 * with a classifier) with their runtime dependencies to local jar files, for {@code %maven}. It runs the Maven
 * installation memsched itself is built with ({@code mvn}, or {@code $MEMSCHED_MVN}) on a throw-away POM, with the
 * user's settings and local repository, through the pinned {@code maven-dependency-plugin}'s
 * {@code build-classpath} goal, so repositories, mirrors and proxies are Maven's own.
 */
final class MavenResolver {
    /** The plugin that lists the resolved class path (pinned, as every plugin of the build). */
    static final String PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath";
    private static final Pattern COORDINATE = Pattern.compile("[\\w.\\-]+(:[\\w.\\-]+){2,4}");

    private final List<String> mvn;

    /** A resolver running {@code command} (e.g. {@code [mvn, -o]}). */
    MavenResolver(List<String> command) {
        this.mvn = List.copyOf(command);
    }

    /** The resolver of this machine: {@code $MEMSCHED_MVN} split on spaces, else {@code mvn}. */
    static MavenResolver system() {
        String env = System.getenv("MEMSCHED_MVN");
        return new MavenResolver(env == null || env.isBlank() ? List.of("mvn") : List.of(env.trim().split("\\s+")));
    }

    /** The POM dependency element of one coordinate; a bad coordinate is refused naming it. */
    static String dependency(String coordinate) {
        if (!COORDINATE.matcher(coordinate).matches()) {
            throw new IllegalArgumentException("not a Maven coordinate: '" + coordinate
                    + "' (expected group:artifact:version)");
        }
        String[] p = coordinate.split(":");
        String version = p[p.length - 1];
        String type = p.length >= 4 ? "<type>" + p[2] + "</type>" : "";
        String classifier = p.length == 5 ? "<classifier>" + p[3] + "</classifier>" : "";
        return "<dependency><groupId>" + p[0] + "</groupId><artifactId>" + p[1] + "</artifactId><version>" + version
                + "</version>" + type + classifier + "</dependency>";
    }

    /** A POM whose dependencies are {@code coordinates}. */
    static String pom(List<String> coordinates) {
        StringBuilder b = new StringBuilder("<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0"
                + "</modelVersion><groupId>memsched.notebook</groupId><artifactId>maven-magic</artifactId>"
                + "<version>1</version><packaging>pom</packaging><dependencies>");
        coordinates.forEach(c -> b.append(dependency(c)));
        return b.append("</dependencies></project>\n").toString();
    }

    /**
     * The jars of {@code coordinates} and their runtime dependencies, in Maven's order.
     *
     * @throws IllegalArgumentException when Maven cannot resolve them (its error lines in the message)
     */
    List<Path> resolve(List<String> coordinates) {
        Objects.requireNonNull(coordinates, "coordinates");
        if (coordinates.isEmpty()) {
            throw new IllegalArgumentException("%maven needs at least one group:artifact:version");
        }
        try {
            Path dir = Files.createTempDirectory("memsched-maven");
            try {
                Path pomFile = Files.writeString(dir.resolve("pom.xml"), pom(coordinates), StandardCharsets.UTF_8);
                Path out = dir.resolve("classpath.txt");
                Path log = dir.resolve("mvn.log");
                List<String> cmd = new ArrayList<>(mvn);
                cmd.addAll(List.of("-B", "-q", "-f", pomFile.toString(), PLUGIN,
                        "-Dmdep.outputFile=" + out, "-Dmdep.includeScope=runtime"));
                Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                int code;
                try {
                    code = p.waitFor();
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("%maven was interrupted", e);
                }
                if (code != 0 || !Files.exists(out)) {
                    List<String> errors = Files.readAllLines(log).stream().filter(l -> l.contains("ERROR"))
                            .limit(3).toList();
                    throw new IllegalArgumentException("cannot resolve " + String.join(", ", coordinates) + ": "
                            + (errors.isEmpty() ? String.join(" ", cmd) + " exited with " + code : String.join(" ", errors)));
                }
                String cp = Files.readString(out, StandardCharsets.UTF_8).trim();
                return cp.isEmpty() ? List.of() : java.util.Arrays.stream(cp.split(java.io.File.pathSeparator))
                        .map(Path::of).toList();
            } finally {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("%maven: " + e.getMessage(), e);
        }
    }
}
