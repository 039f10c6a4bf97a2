package io.vst.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one sampler thread of a run: every {@code metrics_collection_interval} it reads the server's
 * figures, takes the interval histograms of every latency recorder, and hands a {@link Sample} to
 * the sink (run directory, live views). {@link #sampleNow()} takes one synchronously (checkpoints,
 * conditions). A server that does not answer yields a sample with the client-side figures only.
 */
public final class Sampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);

    /**
     * Reads the server's figures ({@link ServerFigures} columns); may throw when the server is down.
     * The reader puts {@link TimelineColumns#LIVE_VECTORS} from {@code liveVectors} the moment the
     * memory and keyspace replies are in, so a snapshot's live count is the count at the instant its
     * server figures were read, not after slower replies (FT.INFO, MEMORY STATS) came back.
     */
    public interface ServerReader {
        Map<String, Double> read(LongSupplier liveVectors);
    }

    /**
     * Receives each sample and the latency intervals behind it. The intervals' histograms are valid during
     * the call only: the next sample records into them again (see {@link LatencyRecorder#takeInterval}).
     */
    public interface Sink {
        void accept(Sample sample, List<LatencyRecorder.Interval> intervals);
    }

    private final ServerReader server;
    private final Recorders recorders;
    private final LongSupplier liveVectors;
    private final DoubleSupplier recall;
    private final Supplier<String> step;
    private final Sink sink;
    private final long startNanos;
    private final Instant start;
    private final AtomicReference<Sample> latest = new AtomicReference<>();
    private final PerformanceWindow window = new PerformanceWindow();
    private ScheduledExecutorService timer;
    private long lastNanos;
    private volatile boolean serverDownLogged;

    public Sampler(ServerReader server, Recorders recorders, LongSupplier liveVectors, DoubleSupplier recall,
                   Supplier<String> step, Sink sink, Instant start, long startNanos) {
        this.server = server;
        this.recorders = recorders;
        this.liveVectors = liveVectors;
        this.recall = recall;
        this.step = step;
        this.sink = sink;
        this.start = start;
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
    }

    /** Starts sampling every {@code intervalSeconds} on a named daemon thread. */
    public synchronized void start(double intervalSeconds) {
        long millis = Math.max(50, (long) (intervalSeconds * 1000));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vst-sampler");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::sampleQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Takes a sample now, on the calling thread, and passes it to the sink. */
    public synchronized Sample sampleNow() {
        long now = System.nanoTime();
        double secs = Math.max(1e-9, (now - lastNanos) / 1e9);
        lastNanos = now;
        Map<String, Double> values = new LinkedHashMap<>(readServer());
        double after = liveVectors.getAsLong();
        Double before = values.get(TimelineColumns.LIVE_VECTORS);
        if (before == null) {
            // A server that did not answer leaves the count to be read here.
            values.put(TimelineColumns.LIVE_VECTORS, after);
        } else {
            values.put(TimelineColumns.LIVE_VECTORS_MOVED, after - before);
        }
        List<LatencyRecorder.Interval> intervals = new ArrayList<>();
        boolean busy = false;
        for (LatencyRecorder r : recorders.all()) {
            LatencyRecorder.Interval in = r.takeInterval();
            intervals.add(in);
            window.add(in, secs);
            busy |= in.count() > 0 || in.errors() > 0;
            if (Recorders.STANDARD.contains(r.operation())) {
                putOperation(values, in, secs);
            }
        }
        window.addServer(values, secs, busy);
        double rc = recall.getAsDouble();
        if (!Double.isNaN(rc)) {
            values.put(TimelineColumns.RECALL, rc);
            window.addRecall(rc, (long) values.getOrDefault(TimelineColumns.operation(Recorders.QUERY, "count"), 0.0)
                    .doubleValue());
        }
        Sample s = new Sample(start.plusNanos(now - startNanos), (now - startNanos) / 1e9, step.get(), values);
        latest.set(s);
        sink.accept(s, intervals);
        return s;
    }

    /**
     * What the clients did since the previous call (throughput, latency, recall; see
     * {@link PerformanceWindow}), up to the latest sample. Take a sample first to include the work up to
     * now. Any thread.
     */
    public Map<String, Double> takePerformance() {
        return window.take();
    }

    /** The most recent sample, or null before the first. Any thread. */
    public Sample latest() {
        return latest.get();
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }

    private void sampleQuietly() {
        try {
            sampleNow();
        } catch (RuntimeException e) {
            // A failed sample must not kill the schedule: the next interval tries again.
            LOG.warn("sampling failed: {}", e.getMessage());
        }
    }

    private Map<String, Double> readServer() {
        try {
            Map<String, Double> m = server.read(liveVectors);
            serverDownLogged = false;
            return m;
        } catch (RuntimeException e) {
            if (!serverDownLogged) {
                LOG.warn("server figures unavailable: {}", e.getMessage());
                serverDownLogged = true;
            }
            return Map.of();
        }
    }

    private static void putOperation(Map<String, Double> values, LatencyRecorder.Interval in, double secs) {
        String op = in.operation();
        long n = in.count();
        values.put(TimelineColumns.operation(op, "ops_per_s"), n / secs);
        values.put(TimelineColumns.operation(op, "count"), (double) n);
        values.put(TimelineColumns.operation(op, "errors"), (double) in.errors());
        if (n > 0) {
            values.put(TimelineColumns.operation(op, "p50_ms"), in.histogram().getValueAtPercentile(50) / 1000.0);
            values.put(TimelineColumns.operation(op, "p99_ms"), in.histogram().getValueAtPercentile(99) / 1000.0);
            values.put(TimelineColumns.operation(op, "p999_ms"), in.histogram().getValueAtPercentile(99.9) / 1000.0);
            values.put(TimelineColumns.operation(op, "max_ms"), in.histogram().getMaxValue() / 1000.0);
        }
    }
}
