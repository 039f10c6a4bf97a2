package io.vst.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The latency recorders of one run, one per operation type, created on first use. Any thread.
 *
 * <p>The four built-in operation types have fixed names so that timeline columns are stable:
 * {@link #INGEST}, {@link #QUERY}, {@link #UPDATE}, {@link #DELETE}. Custom workloads may add others.
 */
public final class Recorders {

    public static final String INGEST = "ingest";
    public static final String QUERY = "query";
    public static final String UPDATE = "update";
    public static final String DELETE = "delete";

    /** Operation types that always have timeline columns, in column order. */
    public static final List<String> STANDARD = List.of(INGEST, QUERY, UPDATE, DELETE);

    private final ConcurrentMap<String, LatencyRecorder> byOperation = new ConcurrentHashMap<>();
    private final Recorders parent;
    /**
     * {@link #all()}, rebuilt when a recorder is created: the sampler asks for it every interval, and
     * ordering the map's keys there took ~0.1 ms of a sample in code that runs too rarely to be compiled.
     */
    private volatile List<LatencyRecorder> all = List.of();

    public Recorders() {
        this(null);
        STANDARD.forEach(this::get);
    }

    private Recorders(Recorders parent) {
        this.parent = parent;
    }

    /** Recorders of one step: what they record also goes to this (the run's) recorders. */
    public Recorders forStep() {
        return new Recorders(this);
    }

    /** The recorder for {@code operation}, created on first use. */
    public LatencyRecorder get(String operation) {
        LatencyRecorder r = byOperation.get(operation);
        return r != null ? r : create(operation);
    }

    /** Every recorder, standard ones first, then the others by name; an unmodifiable snapshot. */
    public List<LatencyRecorder> all() {
        return all;
    }

    private synchronized LatencyRecorder create(String operation) {
        LatencyRecorder r = byOperation.computeIfAbsent(operation,
                op -> new LatencyRecorder(op, parent == null ? null : parent.get(op)));
        List<LatencyRecorder> out = new ArrayList<>();
        STANDARD.stream().filter(byOperation::containsKey).forEach(op -> out.add(byOperation.get(op)));
        byOperation.keySet().stream().filter(op -> !STANDARD.contains(op)).sorted()
                .forEach(op -> out.add(byOperation.get(op)));
        all = List.copyOf(out);
        return r;
    }
}
