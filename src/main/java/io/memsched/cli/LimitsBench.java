package io.memsched.cli;

import io.memsched.graph.BadInputException;
import io.memsched.registry.Registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.memsched.graph.Graph;
import io.memsched.schedule.ScheduleResult;
import io.memsched.schedule.SchedulerOptions;
import io.memsched.zoo.LargeGraphs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code memsched bench --limits}: the wall-clock side of the time-limit contract, measured. Every method runs on
 * large generated graphs (no exact method finishes them) with each limit, from a cold JVM (a fresh {@code java}
 * process per row, the same class path) and from a warm one (this JVM, after a warm-up run of the same method and
 * graph); a row gives the elapsed time of the solve (from its start, native libraries included), the whole child
 * process's time for cold rows, the overrun ratio elapsed / limit, and the status.
 */
final class LimitsBench {
    /** The graphs: randomly wired and multi-scale, at 3,000 and 10,000 operators. */
    static final List<String> GRAPHS = List.of("randwire-3000", "multiscale-3000", "randwire-10000",
            "multiscale-10000");

    /**
     * One measurement.
     *
     * @param graph graph name (one of {@link #GRAPHS})
     * @param ops operators
     * @param method method id
     * @param limitSeconds the time limit
     * @param mode {@code cold} or {@code warm}
     * @param seconds elapsed time of the solve
     * @param processSeconds whole child process, start to exit (cold rows; NaN for warm ones)
     * @param status how the run ended
     */
    record Row(String graph, int ops, String method, double limitSeconds, String mode, double seconds,
               double processSeconds, String status) {
        double overrun() {
            return seconds / limitSeconds;
        }

        /** This row with the method shown as {@code ilp/ojalgo} when a solving method ran on another backend. */
        Row withSolver(String solver) {
            String id = Registry.solvers().entry(solver).id();
            boolean solves = method.equals("ilp") || method.equals("best");
            return solves && !id.equals("cpsat")
                    ? new Row(graph, ops, method + "/" + id, limitSeconds, mode, seconds, processSeconds, status)
                    : this;
        }
    }

    private LimitsBench() {
    }

    /** The generated graph called {@code name}. */
    static Graph graph(String name) {
        Supplier<Graph> g = switch (name) {
            case "randwire-3000" -> () -> LargeGraphs.randomlyWired(3_000, 11);
            case "multiscale-3000" -> () -> LargeGraphs.multiScale(3_000, 11);
            case "randwire-10000" -> () -> LargeGraphs.randomlyWired(10_000, 2);
            case "multiscale-10000" -> () -> LargeGraphs.multiScale(10_000, 2);
            default -> throw new BadInputException("unknown limits graph '" + name + "' (one of "
                    + String.join(", ", GRAPHS) + ")");
        };
        return g.get();
    }

    /** One solve in this JVM: its elapsed seconds (from the call) and status. */
    static ScheduleResult solve(Graph g, String method, SchedulerOptions options) {
        return Registry.scheduler(method, options).schedule(g);
    }

    /**
     * The hidden child of a cold row ({@code bench --limit-run GRAPH,METHOD,SECONDS}): starts loading the native
     * libraries as {@code memsched schedule} does for the method (when the process starts, before the graph is
     * read), generates the graph, then times one solve and prints {@code {"seconds":..,"status":..,"ops":..,"solver":..}}.
     */
    static int child(String spec, SchedulerOptions base, PrintWriter out) {
        String[] p = spec.split(",");
        if (p.length != 3) {
            throw new BadInputException("--limit-run wants GRAPH,METHOD,SECONDS, was '" + spec + "'");
        }
        SchedulerOptions o = base.withTimeLimit(Duration.ofNanos((long) (Double.parseDouble(p[2]) * 1e9)));
        ScheduleCommand.preloadNatives(base.solver(), List.of(p[1]), false, o.timeLimit());
        Graph g = graph(p[0]);
        long t0 = System.nanoTime();
        ScheduleResult r = solve(g, p[1], o);
        double s = (System.nanoTime() - t0) / 1e9;
        out.println(String.format(Locale.ROOT, "{\"seconds\":%.4f,\"status\":\"%s\",\"ops\":%d,\"solver\":\"%s\"}", s,
                r.status(), g.opCount(), o.solver()));
        out.flush();
        return 0;
    }

    /**
     * A cold row: a fresh JVM running {@link #child}; an interrupt of this thread ends the child and is passed on
     * (the flag stays set).
     */
    static Row cold(String graph, String method, double limit, Integer threads, String solver) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // the same JVM options (heap, stack) as this process
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X") && !a.startsWith("-Xshare")).toList());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "bench",
                "--limit-run", graph + "," + method + "," + limit));
        if (threads != null) {
            cmd.addAll(List.of("--threads", threads.toString()));
        }
        cmd.addAll(List.of("--solver", solver));
        long t0 = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            String line;
            try (var in = p.getInputStream()) {
                line = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            int code = p.waitFor();
            double process = (System.nanoTime() - t0) / 1e9;
            if (code != 0 || line.isEmpty()) {
                throw new IllegalStateException("bench: the cold run of " + method + " on " + graph + " exited "
                        + code);
            }
            JsonNode o = JsonOutput.MAPPER.readTree(line.lines().reduce((a, b) -> b).orElseThrow());
            // labelled with the backend the child reports it solved with
            return new Row(graph, o.get("ops").asInt(), method, limit, "cold", o.get("seconds").asDouble(), process,
                    o.get("status").asText()).withSolver(o.get("solver").asText());
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            return null;
        } catch (IOException e) {
            p.destroy();
            if (Thread.currentThread().isInterrupted()) {
                return null;
            }
            throw new UncheckedIOException(e);
        }
    }

    /** A warm row: the solve in this JVM. */
    static Row warm(String graph, Graph g, String method, double limit, SchedulerOptions base) {
        SchedulerOptions o = base.withTimeLimit(Duration.ofNanos((long) (limit * 1e9)));
        long t0 = System.nanoTime();
        ScheduleResult r = solve(g, method, o);
        double s = (System.nanoTime() - t0) / 1e9;
        return new Row(graph, g.opCount(), method, limit, "warm", s, Double.NaN, r.status().name())
                .withSolver(o.solver());
    }

    /** The rows as a Markdown table. */
    static void print(List<Row> rows, PrintWriter out) {
        out.println("| graph | ops | method | limit (s) | start | elapsed (s) | process (s) | overrun | status |");
        out.println("|---|---:|---|---:|---|---:|---:|---:|---|");
        for (Row r : rows) {
            out.println(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %.2f | %s | %.2f | %s |", r.graph(),
                    r.ops(), r.method(), trim(r.limitSeconds()), r.mode(), r.seconds(),
                    Double.isNaN(r.processSeconds()) ? "" : String.format(Locale.ROOT, "%.2f", r.processSeconds()),
                    r.overrun(), r.status()));
        }
        out.flush();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
