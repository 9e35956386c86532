package io.memsched.solver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A per-user directory of unpacked OR-Tools native libraries, so the 60 MB of libraries inside the jar are unpacked
 * once per machine instead of once per process (OR-Tools' own loader unpacks them into a new temporary directory on
 * every start, about a second). Each unpacked set lives in a directory named after the CRC and size of the JNI
 * library's jar entry, written under a temporary name and renamed into place when complete, so concurrent
 * processes and interrupted unpacks never see a partial set.
 *
 * <p>Location: the system property {@value #PROPERTY}, else the environment variable {@value #ENV}, else
 * {@code $XDG_CACHE_HOME/memsched} or {@code ~/.cache/memsched}; the value {@code off} disables the cache (OR-Tools'
 * own loader is used).
 */
final class NativeCache {
    /** System property naming the cache directory, or {@code off}. */
    static final String PROPERTY = "memsched.nativeCache";
    /** Environment variable naming the cache directory, or {@code off}. */
    static final String ENV = "MEMSCHED_NATIVE_CACHE";
    /** The library the JVM loads; its dependencies are found next to it (RUNPATH $ORIGIN). */
    static final String JNI_LIBRARY = "jniortools";
    private static final String COMPLETE = ".complete";

    private final Path root;
    private final String prefix;

    private NativeCache(Path root, String prefix) {
        this.root = root;
        this.prefix = prefix;
    }

    /** A cache in {@code root} for this platform's libraries (the platform must be one {@link #platform()} names). */
    static NativeCache at(Path root) {
        return new NativeCache(root, "ortools-" + platform().orElseThrow() + "/");
    }

    /** The configured cache for this platform, or empty when disabled or the platform is not one we unpack. */
    static Optional<NativeCache> configured() {
        String setting = System.getProperty(PROPERTY);
        if (setting == null || setting.isBlank()) {
            setting = System.getenv(ENV);
        }
        if (setting != null && setting.strip().equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        Optional<String> platform = platform();
        if (platform.isEmpty()) {
            return Optional.empty();
        }
        Path root;
        if (setting != null && !setting.isBlank()) {
            root = Path.of(setting.strip());
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            root = xdg != null && !xdg.isBlank() ? Path.of(xdg, "memsched")
                    : Path.of(System.getProperty("user.home"), ".cache", "memsched");
        }
        return Optional.of(new NativeCache(root, "ortools-" + platform.get() + "/"));
    }

    /**
     * OR-Tools' resource directory for this JVM's platform, on Linux only (elsewhere the libraries must be loaded in
     * a fixed order, which OR-Tools' own loader knows).
     */
    static Optional<String> platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux")) {
            return Optional.empty();
        }
        return switch (arch) {
            case "amd64", "x86_64" -> Optional.of("linux-x86-64");
            case "aarch64", "arm64" -> Optional.of("linux-aarch64");
            default -> Optional.empty();
        };
    }

    /** The cache's root directory. */
    Path root() {
        return root;
    }

    /**
     * The directory holding the complete unpacked set for the libraries on the class path, if it is already there
     * (no unpacking); empty if it is not, or if the libraries are not in a jar.
     */
    Optional<Path> unpacked() throws IOException {
        Optional<Source> source = source();
        if (source.isEmpty()) {
            return Optional.empty();
        }
        if (source.get().directory() != null) {
            return Optional.of(source.get().directory());
        }
        Path dir = root.resolve(source.get().key());
        return Files.isRegularFile(dir.resolve(COMPLETE)) ? Optional.of(dir) : Optional.empty();
    }

    /**
     * The directory of the complete unpacked set, unpacking it first if needed; empty if the libraries are not on
     * the class path under this platform's resource directory.
     */
    Optional<Path> unpack() throws IOException {
        Optional<Source> found = source();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Source source = found.get();
        if (source.directory() != null) {
            return Optional.of(source.directory());
        }
        Path dir = root.resolve(source.key());
        if (Files.isRegularFile(dir.resolve(COMPLETE))) {
            return Optional.of(dir);
        }
        Files.createDirectories(root);
        removeStaleTemporaries();
        Path tmp = Files.createTempDirectory(root, ".tmp-" + source.key() + "-");
        try {
            try (ZipFile zip = new ZipFile(source.jar().toFile())) {
                for (String name : entries(zip)) {
                    ZipEntry e = zip.getEntry(name);
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, tmp.resolve(name.substring(prefix.length())));
                    }
                }
            }
            Files.writeString(tmp.resolve(COMPLETE), source.key() + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                // another process finished first: use its copy
                deleteTree(tmp);
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
        if (!Files.isRegularFile(dir.resolve(COMPLETE))) {
            throw new IOException("incomplete native library directory " + dir);
        }
        return Optional.of(dir);
    }

    /** Where the libraries are: a jar (and the name of their unpacked directory) or a plain directory. */
    private record Source(Path jar, String key, Path directory) { }

    /**
     * Finds the libraries. The directory name comes from the JNI library's jar entry alone (its CRC and size change
     * with every OR-Tools build, and the other libraries come with it), so checking the cache reads one entry.
     */
    private Optional<Source> source() throws IOException {
        URL url = NativeCache.class.getClassLoader().getResource(prefix + System.mapLibraryName(JNI_LIBRARY));
        if (url == null) {
            return Optional.empty();
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Optional.of(new Source(null, "", Path.of(url.toURI()).getParent()));
            }
            if (!"jar".equals(url.getProtocol())) {
                return Optional.empty();
            }
            JarURLConnection c = (JarURLConnection) url.openConnection();
            c.setUseCaches(false);
            Path jar = Path.of(c.getJarFileURL().toURI());
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry jni = zip.getEntry(prefix + System.mapLibraryName(JNI_LIBRARY));
                if (jni == null) {
                    return Optional.empty();
                }
                String name = prefix.substring(0, prefix.length() - 1) + "-" + Long.toHexString(jni.getCrc()) + "-"
                        + jni.getSize();
                return Optional.of(new Source(jar, name, null));
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("cannot locate the OR-Tools native libraries at " + url + ": " + e.getMessage(), e);
        }
    }

    /** The library entries of the platform directory in {@code zip}. */
    private List<String> entries(ZipFile zip) {
        List<String> entries = new ArrayList<>();
        zip.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(prefix)
                        && e.getName().indexOf('/', prefix.length()) < 0)
                .forEach(e -> entries.add(e.getName()));
        return entries;
    }

    /** Removes temporary directories of unpacks that died more than a day ago. */
    private void removeStaleTemporaries() {
        Instant old = Instant.now().minus(Duration.ofDays(1));
        try (Stream<Path> s = Files.list(root)) {
            s.filter(p -> p.getFileName().toString().startsWith(".tmp-")).forEach(p -> {
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(old)) {
                        deleteTree(p);
                    }
                } catch (IOException e) {
                    // another process may be removing it
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }
}
