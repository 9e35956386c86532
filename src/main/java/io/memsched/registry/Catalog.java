package io.memsched.registry;

import io.memsched.graph.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One kind of component by id (scheduling methods, arena planners, solver backends, memory models): the ids in a
 * stable order, a one-line description of each, and a factory that makes the component from options. Users add
 * their own with {@link #register}; an unknown id is refused with a {@link BadInputException} listing the valid ones.
 *
 * <pre>{@code
 * Registry.schedulers().ids();                                   // [program, rpo, greedy, ..., best]
 * Scheduler s = Registry.schedulers().create("dp", SchedulerOptions.defaults());
 * Registry.schedulers().register("mine", "my heuristic", MyScheduler::new);
 * }</pre>
 *
 * @param <O> what the factory takes (options)
 * @param <T> the component type
 */
public final class Catalog<O, T> {
    /**
     * One registered component.
     *
     * @param id the id, as the command line takes it
     * @param description one line saying what it is
     * @param factory makes the component from options
     */
    public record Entry<O, T>(String id, String description, Function<O, T> factory) {
        /** Checks the fields. */
        public Entry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(factory, "factory");
            if (id.isBlank()) {
                throw new IllegalArgumentException("a component id must not be blank");
            }
        }
    }

    private final String kind;
    private final Map<String, Entry<O, T>> entries = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();

    Catalog(String kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** What this catalog holds, in words ({@code method}, {@code arena planner}, ...). */
    public String kind() {
        return kind;
    }

    /** Every id, in registration order. */
    public synchronized List<String> ids() {
        return List.copyOf(entries.keySet());
    }

    /** Every entry, in registration order. */
    public synchronized List<Entry<O, T>> entries() {
        return List.copyOf(entries.values());
    }

    /** Whether {@code id} (or an alias of one) is registered. */
    public synchronized boolean contains(String id) {
        return id != null && entries.containsKey(canonical(id));
    }

    /** The entry called {@code id}; a {@link BadInputException} listing the valid ids otherwise. */
    public synchronized Entry<O, T> entry(String id) {
        Objects.requireNonNull(id, kind);
        Entry<O, T> e = entries.get(canonical(id));
        if (e == null) {
            throw new BadInputException("unknown " + kind + " '" + id + "' (one of " + String.join(", ", entries.keySet())
                    + ")");
        }
        return e;
    }

    /** The component called {@code id}, made from {@code options}. */
    public T create(String id, O options) {
        return entry(id).factory().apply(options);
    }

    /** Adds (or replaces) a component; returns this catalog. */
    public synchronized Catalog<O, T> register(String id, String description, Function<O, T> factory) {
        Entry<O, T> e = new Entry<>(id, description, factory);
        entries.put(e.id(), e);
        return this;
    }

    /** Removes the component {@code id} (no effect when it is not registered); returns this catalog. */
    public synchronized Catalog<O, T> unregister(String id) {
        entries.remove(id);
        return this;
    }

    /** Lets {@code alias} name the component {@code id} (case is ignored for both). */
    synchronized Catalog<O, T> alias(String alias, String id) {
        aliases.put(alias.toLowerCase(Locale.ROOT), id);
        return this;
    }

    private String canonical(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        if (entries.containsKey(id)) {
            return id;
        }
        if (aliases.containsKey(lower)) {
            return aliases.get(lower);
        }
        return entries.containsKey(lower) ? lower : id;
    }

    /** One line per id with its description. */
    @Override
    public synchronized String toString() {
        List<String> lines = new ArrayList<>();
        entries.values().forEach(e -> lines.add(String.format(Locale.ROOT, "%-10s %s", e.id(), e.description())));
        return kind + "s:\n  " + String.join("\n  ", lines);
    }
}
