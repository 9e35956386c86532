package io.memsched.solver;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one loader of OR-Tools' native libraries in this process. Loading runs once, on a daemon thread of its own:
 * a process that may solve with CP-SAT calls {@link #preload()} when it starts (the CLI for {@code --method ilp},
 * the notebook kernel), and a solve waits for it only within its time limit ({@link #awaitWithin}), so a slow first
 * load costs the solve its native stage (status {@code TIME_LIMIT}), never an overrun; an interrupt of a waiting
 * caller cannot leave the libraries half loaded.
 *
 * <p>The libraries are unpacked once per machine into {@link NativeCache} and loaded from there (about 0.06 s
 * instead of about a second of unpacking); when the cache is disabled or unusable, OR-Tools' own
 * {@code Loader.loadNativeLibraries()} unpacks them into a temporary directory. No OR-Tools class is loaded until
 * the libraries are. Once they are, the loading thread solves a one-variable model ({@link CpSat#warmUp()}) before
 * it reports them ready, so that the first real solve does not initialise OR-Tools' classes on the solving thread.
 *
 * @see Natives
 * @see CpSat
 */
public final class OrToolsNatives implements Natives {
    private static final OrToolsNatives SHARED = new OrToolsNatives();
    /** How often a waiting caller checks its interrupt flag. */
    private static final long POLL_NANOS = 20_000_000L;
    /** Longest wait of an exiting JVM for the warm-up solve (its own limit is one second). */
    private static final long WARM_UP_EXIT_WAIT_SECONDS = 3;

    private final CompletableFuture<String> loaded = new CompletableFuture<>();
    private boolean loading;
    private boolean probing;
    private volatile double loadSeconds = Double.NaN;

    private OrToolsNatives() {
    }

    /** The loader of this process. */
    public static OrToolsNatives shared() {
        return SHARED;
    }

    /** Starts loading on a background thread (once; unpacks the libraries if they are not cached) and returns. */
    public void preload() {
        synchronized (this) {
            if (loading) {
                return;
            }
            loading = true;
        }
        start(this::load, "memsched-ortools-load");
    }

    /**
     * Starts loading in the background only if the libraries are already unpacked (in the cache), so it costs no
     * unpacking: for runs that solve with CP-SAT only when a cheaper exact stage does not finish first.
     */
    public void preloadIfUnpacked() {
        synchronized (this) {
            if (loading || probing) {
                return;
            }
            probing = true;
        }
        start(() -> {
            boolean unpacked;
            try {
                Optional<NativeCache> cache = NativeCache.configured();
                unpacked = cache.isPresent() && cache.get().unpacked().isPresent();
            } catch (IOException | RuntimeException e) {
                unpacked = false;
            }
            synchronized (this) {
                probing = false;
                if (!unpacked || loading) {
                    return;
                }
                loading = true;
            }
            load();
        }, "memsched-ortools-probe");
    }

    /** Whether the libraries are loaded. */
    public boolean isReady() {
        return loaded.isDone() && !loaded.isCompletedExceptionally();
    }

    /** Seconds the load took, warm-up solve included (NaN until it finished). */
    public double loadSeconds() {
        return loadSeconds;
    }

    /** Where the libraries were loaded from, once they are. */
    public Optional<String> origin() {
        return isReady() ? Optional.of(loaded.join()) : Optional.empty();
    }

    /**
     * Starts loading if nobody did, then waits at most {@code timeout}; polls the interrupt flag, so an interrupt
     * ends the wait within {@value #POLL_NANOS} ns.
     */
    @Override
    public Readiness awaitWithin(Duration timeout) {
        preload();
        long end = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (!loaded.isDone()) {
            if (Thread.currentThread().isInterrupted()) {
                return Readiness.INTERRUPTED;
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                return Readiness.NOT_READY;
            }
            try {
                loaded.get(Math.min(left, POLL_NANOS), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // poll again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Readiness.INTERRUPTED;
            } catch (ExecutionException e) {
                break;
            }
        }
        try {
            loaded.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("cannot load the OR-Tools native libraries: " + e.getCause(), e.getCause());
        }
        return Readiness.READY;
    }

    private void load() {
        long t0 = System.nanoTime();
        try {
            String origin = loadFromCache().orElseGet(OrToolsNatives::loadWithOrTools);
            warmUpBeforeExit();
            loadSeconds = (System.nanoTime() - t0) / 1e9;
            loaded.complete(origin);
        } catch (Throwable e) {
            loadSeconds = (System.nanoTime() - t0) / 1e9;
            loaded.completeExceptionally(e);
        }
    }

    /**
     * Solves {@link CpSat#warmUp()}'s one-variable model off the solving thread, so that the first real solve finds
     * OR-Tools' classes initialised. A process that exits meanwhile (Ctrl-C, or a run that ended before it needed
     * CP-SAT) must not tear the JVM down under a native solve that calls back into Java (the native side aborts with
     * {@code std::bad_function_call}): a shutdown hook waits for the warm-up, which its one-second limit bounds.
     */
    private static void warmUpBeforeExit() {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                done.await(WARM_UP_EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "memsched-ortools-warm-up-exit");
        boolean hooked;
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            hooked = true;
        } catch (IllegalStateException e) {
            return; // the JVM is already shutting down: no native solve now
        }
        try {
            CpSat.warmUp();
        } catch (RuntimeException | LinkageError e) {
            // the libraries are loaded; a real solve reports whatever is wrong with them
        } finally {
            done.countDown();
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down: the hook has seen the latch
                }
            }
        }
    }

    /** Loads from the unpacked copy (unpacking it first if needed); empty if the cache cannot be used. */
    private static Optional<String> loadFromCache() {
        Optional<NativeCache> cache = NativeCache.configured();
        if (cache.isEmpty()) {
            return Optional.empty();
        }
        Path dir;
        try {
            Optional<Path> d = cache.get().unpack();
            if (d.isEmpty()) {
                return Optional.empty();
            }
            dir = d.get();
        } catch (IOException | SecurityException e) {
            return Optional.empty(); // e.g. a read-only home: OR-Tools unpacks to the temporary directory instead
        }
        try {
            System.load(dir.resolve(System.mapLibraryName(NativeCache.JNI_LIBRARY)).toAbsolutePath().toString());
        } catch (UnsatisfiedLinkError e) {
            return Optional.empty(); // e.g. a cache on a noexec mount
        }
        return Optional.of(dir.toString());
    }

    private static String loadWithOrTools() {
        com.google.ortools.Loader.loadNativeLibraries();
        return "OR-Tools loader (temporary directory)";
    }

    private static void start(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }
}
