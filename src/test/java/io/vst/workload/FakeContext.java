package io.vst.workload;

import io.vst.dataset.LiveSet;
import io.vst.dataset.Metric;
import io.vst.dataset.SyntheticSource;
import io.vst.metrics.Recorders;
import io.vst.scenario.GlobalConfig;
import io.vst.scenario.IndexSpec;
import io.vst.scenario.Parameters;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.WorkloadClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A step's context around a {@link FakeServer}: a seeded synthetic dataset of {@link #ROWS} 8-d vectors
 * (with {@link #QUERIES} query vectors), the given config overrides and parameters, a stop signal, and the
 * log and recalls it was handed. Built-in workloads must reach the server through {@link #commands()} only.
 */
final class FakeContext implements WorkloadContext {

    static final int ROWS = 2_000;
    static final int QUERIES = 64;
    static final int DIMS = 8;

    final FakeServer server;
    final SyntheticSource source = new SyntheticSource("fake", DIMS, Metric.L2, 7, 8, ROWS, QUERIES);
    final LiveVectors vectors = new LiveVectors(source, new LiveSet(3), new KeySpace("vec:", ROWS), 5);
    final Recorders recorders = new Recorders();
    final StopSignal stop = StopSignal.root();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final List<Double> recalls = Collections.synchronizedList(new ArrayList<>());
    private final WorkloadClient client;
    private final GlobalConfig config;
    private Parameters parameters = Parameters.empty();
    private long maxOperations;
    private double durationSeconds;
    /** What {@link #pausePoint()} does: nothing, unless a test holds the worker there as a paused run would. */
    volatile Runnable pause = () -> { };
    /** When the workload first asked whether its time is up; 0 until then. */
    private volatile long startedNanos;

    FakeContext(FakeServer server, Map<String, Object> config) {
        this((WorkloadClient) server, config);
    }

    /** A context around any server, e.g. a real {@link ValkeyClient}; {@link #server} is then null. */
    FakeContext(WorkloadClient client, Map<String, Object> config) {
        this.server = client instanceof FakeServer fake ? fake : null;
        this.client = client;
        this.config = GlobalConfig.defaults().withOverrides(config);
    }

    /** The step runs for {@code seconds} of real time from the workload's first look at its clock. */
    FakeContext durationSeconds(double seconds) {
        durationSeconds = seconds;
        return this;
    }

    FakeContext with(String key, Object value) {
        parameters = parameters.with(key, value);
        return this;
    }

    FakeContext maxOperations(long n) {
        maxOperations = n;
        return this;
    }

    /** Writes rows {@code [0, n)} to the server as an ingest would have, and marks them live. */
    FakeContext preload(int n) {
        float[] v = new float[DIMS];
        try (var pipe = client.pipeline()) {
            for (int id = 0; id < n; id++) {
                pipe.hset(vectors.keys().key(id), vectors.hsetArguments(id, vectors.encode(id, v)));
            }
            pipe.sync();
        }
        vectors.live().addRange(0, n);
        return this;
    }

    /** The ids vst believes live, as keys, sorted like {@link FakeServer#storedKeys()}. */
    List<String> liveKeys() {
        List<String> keys = new ArrayList<>();
        for (long id : vectors.live().snapshot()) {
            keys.add(vectors.keys().keyString(id));
        }
        return keys.stream().sorted().toList();
    }

    @Override
    public String stepName() {
        return "step";
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public GlobalConfig config() {
        return config;
    }

    @Override
    public ValkeyClient client() {
        throw new AssertionError("a built-in workload reached past commands() for the full client");
    }

    @Override
    public WorkloadClient commands() {
        return client;
    }

    @Override
    public LiveVectors vectors() {
        return vectors;
    }

    @Override
    public IndexSpec index() {
        return IndexSpec.defaults();
    }

    @Override
    public boolean searchAvailable() {
        return false;
    }

    @Override
    public Recorders recorders() {
        return recorders;
    }

    @Override
    public StopSignal stop() {
        return stop;
    }

    @Override
    public double durationSeconds() {
        return durationSeconds;
    }

    @Override
    public long maxOperations() {
        return maxOperations;
    }

    @Override
    public boolean timeIsUp() {
        if (durationSeconds <= 0) {
            return false;
        }
        long now = System.nanoTime();
        if (startedNanos == 0) {
            startedNanos = now;
        }
        return now - startedNanos >= (long) (durationSeconds * 1e9);
    }

    @Override
    public void progress(long done, long target) {
    }

    @Override
    public void log(String level, String message) {
        log.add(level + " " + message);
    }

    @Override
    public long seed() {
        return 11;
    }

    @Override
    public void recordRecall(double recall) {
        recalls.add(recall);
    }

    @Override
    public void pausePoint() {
        pause.run();
    }
}
