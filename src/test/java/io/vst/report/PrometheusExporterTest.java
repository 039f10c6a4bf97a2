package io.vst.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusExporterTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesTheLatestSample() throws Exception {
        try (PrometheusExporter exporter = PrometheusExporter.start("127.0.0.1", 0)) {
            exporter.update(new Sample(Instant.parse("2026-11-27T10:00:01Z"), 1, "load", Map.of(
                    TimelineColumns.USED_MEMORY, 1000.0, "query_p99_ms", 2.5, "query_ops_per_s", 10.0)));
            exporter.update(new Sample(Instant.parse("2026-11-27T10:00:02Z"), 2, "query phase", Map.of(
                    TimelineColumns.USED_MEMORY, 2048.0, TimelineColumns.MEM_FRAG_RATIO, 1.25, "query_p99_ms", 3.5,
                    "query_ops_per_s", 1500.0)));
            String body = scrape(exporter.port());
            assertThat(body).contains("vst_used_memory_bytes 2048.0", "vst_mem_fragmentation_ratio 1.25",
                    "vst_operation_latency_seconds{operation=\"query\",percentile=\"p99\"} 0.0035",
                    "vst_operation_throughput_per_second{operation=\"query\"} 1500.0",
                    "vst_run_elapsed_seconds 2.0", "vst_step_info{step=\"query phase\"} 1.0",
                    "vst_search_used_memory_bytes NaN");
            assertThat(body).doesNotContain("step=\"load\"");
        }
    }

    @Test
    void closingStopsTheEndpointAndABusyPortIsReported() throws Exception {
        PrometheusExporter exporter = PrometheusExporter.start("127.0.0.1", 0);
        int port = exporter.port();
        assertThatThrownBy(() -> PrometheusExporter.start("127.0.0.1", port)).isInstanceOf(VstException.class)
                .hasMessageContaining("127.0.0.1:" + port);
        exporter.close();
        assertThatThrownBy(() -> scrape(port)).isInstanceOf(ConnectException.class);
    }

    private static String scrape(int port) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> res = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        return res.body();
    }
}
