package io.vst.report;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vst.VstException;
import io.vst.metrics.Recorders;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A live Prometheus endpoint ({@code http://HOST:PORT/metrics}) with the latest timeline sample of a
 * running scenario, for users who watch runs in Grafana.
 *
 * <p>Server figures keep their timeline names ({@code vst_used_memory_bytes},
 * {@code vst_mem_fragmentation_ratio}, {@code vst_live_vectors}...). Per-operation figures carry an
 * {@code operation} label: {@code vst_operation_throughput_per_second}, {@code vst_operation_interval_operations},
 * {@code vst_operation_interval_errors} and {@code vst_operation_latency_seconds} with a
 * {@code percentile} label (p50, p99, p99.9, max) over the last sampling interval. A figure the sample
 * did not read is NaN. The step running is {@code vst_step_info{step="..."} 1}.
 *
 * <pre>{@code
 * try (PrometheusExporter exporter = PrometheusExporter.start("127.0.0.1", 9464)) {
 *     runListener = new RunListener() {
 *         public void sampleTaken(Sample s) { exporter.update(s); }
 *     };
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #update} may be called from any thread; scrapes see each figure's latest value.
 */
public final class PrometheusExporter implements AutoCloseable {

    private static final List<String> SERVER_COLUMNS = TimelineColumns.all().stream()
            .filter(c -> Recorders.STANDARD.stream().noneMatch(op -> c.startsWith(op + "_"))).toList();
    private static final Map<String, String> PERCENTILES = Map.of("p50_ms", "p50", "p99_ms", "p99", "p999_ms", "p99.9",
            "max_ms", "max");

    private final HTTPServer server;
    private final Map<String, Gauge> figures = new LinkedHashMap<>();
    private final Gauge throughput;
    private final Gauge operations;
    private final Gauge errors;
    private final Gauge latency;
    private final Gauge elapsed;
    private final Gauge step;

    private PrometheusExporter(String host, int port) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        for (String col : SERVER_COLUMNS) {
            figures.put(col, gauge(registry, "vst_" + col, "timeline figure " + col + " of the latest sample"));
        }
        throughput = gauge(registry, "vst_operation_throughput_per_second",
                "operations completed per second over the last sampling interval", "operation");
        operations = gauge(registry, "vst_operation_interval_operations",
                "operations completed in the last sampling interval", "operation");
        errors = gauge(registry, "vst_operation_interval_errors", "operations failed in the last sampling interval",
                "operation");
        latency = gauge(registry, "vst_operation_latency_seconds",
                "latency percentile over the last sampling interval", "operation", "percentile");
        elapsed = gauge(registry, "vst_run_elapsed_seconds", "seconds since the run started, at the latest sample");
        step = gauge(registry, "vst_step_info", "the step running at the latest sample", "step");
        server = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
    }

    /**
     * Starts the endpoint.
     *
     * @param host address to listen on ({@code 127.0.0.1} for this machine only, {@code 0.0.0.0} for all)
     * @param port TCP port, or 0 for any free one (see {@link #port()})
     * @throws VstException (runtime) when the port cannot be bound
     */
    public static PrometheusExporter start(String host, int port) {
        try {
            return new PrometheusExporter(host, port);
        } catch (IOException e) {
            throw new VstException(VstException.Kind.RUNTIME, "cannot serve Prometheus metrics on " + host + ":" + port
                    + ": " + e.getMessage(), "choose another --prometheus-port", e);
        }
    }

    /** The port the endpoint listens on. */
    public int port() {
        return server.getPort();
    }

    /** Publishes the figures of {@code sample}. Any thread. */
    public synchronized void update(Sample sample) {
        figures.forEach((col, gauge) -> gauge.set(sample.get(col)));
        for (String op : Recorders.STANDARD) {
            throughput.labelValues(op).set(sample.get(TimelineColumns.operation(op, "ops_per_s")));
            operations.labelValues(op).set(sample.get(TimelineColumns.operation(op, "count")));
            errors.labelValues(op).set(sample.get(TimelineColumns.operation(op, "errors")));
            PERCENTILES.forEach((suffix, label) -> latency.labelValues(op, label)
                    .set(sample.get(TimelineColumns.operation(op, suffix)) / 1000.0));
        }
        elapsed.set(sample.elapsedSeconds());
        step.clear();
        step.labelValues(sample.step()).set(1);
    }

    /** Stops the endpoint. */
    @Override
    public void close() {
        server.close();
    }

    private static Gauge gauge(PrometheusRegistry registry, String name, String help, String... labels) {
        Gauge.Builder b = Gauge.builder().name(name).help(help);
        if (labels.length > 0) {
            b.labelNames(labels);
        }
        return b.withoutExemplars().register(registry);
    }
}
