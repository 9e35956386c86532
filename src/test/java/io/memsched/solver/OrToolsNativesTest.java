package io.memsched.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native loader and its per-user cache of unpacked libraries. */
class OrToolsNativesTest {
    @Test
    void loadsTheLibrariesOnce() {
        OrToolsNatives n = OrToolsNatives.shared();
        assertEquals(Readiness.READY, n.awaitWithin(Duration.ofMinutes(5)));
        assertTrue(n.isReady());
        assertTrue(n.origin().isPresent());
        assertEquals(Readiness.READY, n.awaitWithin(Duration.ZERO), "once loaded, ready without waiting");
    }

    @Test
    void anInterruptedCallerStopsWaitingWithoutBreakingTheLoad() {
        OrToolsNatives n = OrToolsNatives.shared();
        Thread.currentThread().interrupt();
        Readiness r;
        try {
            r = n.awaitWithin(Duration.ofMinutes(5));
        } finally {
            assertTrue(Thread.interrupted());
        }
        // READY only if an earlier test had loaded them already
        assertTrue(r == Readiness.INTERRUPTED || r == Readiness.READY && n.isReady(), r.toString());
        assertEquals(Readiness.READY, n.awaitWithin(Duration.ofMinutes(5)));
    }

    @Test
    void unpacksOnceIntoACompleteDirectory(@TempDir Path root) throws Exception {
        Optional<NativeCache> cache = NativeCache.platform().map(p -> NativeCache.at(root));
        if (cache.isEmpty()) {
            assertTrue(NativeCache.configured().isEmpty(), "no cache on a platform whose libraries are not unpacked");
            return;
        }
        assertEquals(Optional.empty(), cache.get().unpacked(), "nothing unpacked yet");
        Path dir = cache.get().unpack().orElseThrow();
        assertTrue(dir.startsWith(root), dir.toString());
        assertTrue(Files.isRegularFile(dir.resolve(System.mapLibraryName(NativeCache.JNI_LIBRARY))));
        assertEquals(Optional.of(dir), cache.get().unpacked());
        assertEquals(Optional.of(dir), cache.get().unpack(), "a second unpack reuses the directory");
        try (var s = Files.list(root)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-")), "temporary left behind");
        }
    }
}
