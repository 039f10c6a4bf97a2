package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.scenario.schema.MetricSpec;
import io.vst.scenario.schema.SchemaRegistry;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documented metric catalogue and the evaluator of conditions cannot drift apart. */
class ConditionMetricsTest {

    @Test
    void everyCatalogueMetricCanBeEvaluated() {
        assertThat(ConditionMetrics.names()).containsExactlyInAnyOrderElementsOf(
                SchemaRegistry.builtin().conditionMetrics().stream().map(MetricSpec::name).toList());
    }

    @Test
    void valuesComeFromTheSampleInTheirUnits() {
        Sample s = new Sample(Instant.EPOCH, 12.5, "load", Map.of(TimelineColumns.USED_MEMORY, 3.0 * 1024 * 1024,
                TimelineColumns.LIVE_VECTORS, 700.0, TimelineColumns.operation("query", "p99_ms"), 4.0,
                TimelineColumns.operation("ingest", "p99_ms"), 9.0));
        assertThat(ConditionMetrics.value("memory_usage_mb", s)).isEqualTo(3.0);
        assertThat(ConditionMetrics.value("live_vectors", s)).isEqualTo(700.0);
        assertThat(ConditionMetrics.value("p99_latency_ms", s)).isEqualTo(9.0);
        assertThat(ConditionMetrics.value("elapsed_seconds", s)).isEqualTo(12.5);
        assertThat(ConditionMetrics.value("recall", s)).isNaN();
        assertThat(ConditionMetrics.value("no_such_metric", s)).isNaN();
    }
}
