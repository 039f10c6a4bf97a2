package io.vst.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The work between checkpoints, from the sampler's intervals, against latencies and timings set by the test. */
class PerformanceWindowTest {

    @Test
    void throughputIsOverTheTimeSpentAndPercentilesOverEveryOperationSinceTheLastTake() throws Exception {
        Recorders recorders = new Recorders();
        long start = System.nanoTime();
        double[] recall = {Double.NaN};
        Sampler sampler = new Sampler(live -> Map.of(), recorders, () -> 0, () -> recall[0], () -> "s",
                (s, in) -> { }, Instant.now(), start);
        // 1,000 queries of 1..1000 ms (known latencies), then an idle interval of 300 ms.
        long[] micros = new long[1000];
        for (int i = 0; i < micros.length; i++) {
            micros[i] = (i + 1) * 1000L;
            recorders.get(Recorders.QUERY).recordNanos(micros[i] * 1000L);
        }
        recall[0] = 0.9;
        Thread.sleep(200);
        long beforeFirst = System.nanoTime();
        sampler.sampleNow();
        long afterFirst = System.nanoTime();
        recall[0] = Double.NaN;
        Thread.sleep(300);
        sampler.sampleNow();
        Map<String, Double> perf = sampler.takePerformance();

        assertThat(perf.get("query_count")).isEqualTo(1000.0);
        // Busy time is the first interval only: between (beforeFirst - start) and (afterFirst - start).
        double busyMin = (beforeFirst - start) / 1e9;
        double busyMax = (afterFirst - start) / 1e9;
        assertThat(perf.get("query_ops_per_s")).isBetween(1000 / busyMax, 1000 / busyMin);
        Arrays.sort(micros);
        // HdrHistogram keeps 3 significant digits: within 0.1% of the exact order statistics.
        assertThat(perf.get("query_p50_ms")).isCloseTo(micros[499] / 1000.0, within(micros[499] / 1000.0 * 1e-3));
        assertThat(perf.get("query_p99_ms")).isCloseTo(micros[989] / 1000.0, within(micros[989] / 1000.0 * 1e-3));
        assertThat(perf.get("query_p999_ms")).isCloseTo(micros[998] / 1000.0, within(micros[998] / 1000.0 * 1e-3));
        assertThat(perf.get(TimelineColumns.RECALL)).isEqualTo(0.9);
        assertThat(perf).doesNotContainKey("ingest_ops_per_s");
        // Taken: the next window starts empty.
        sampler.sampleNow();
        assertThat(sampler.takePerformance()).isEmpty();
    }

    @Test
    void recallIsWeightedByTheQueriesOfEachInterval() {
        PerformanceWindow w = new PerformanceWindow();
        w.addRecall(1.0, 300);
        w.addRecall(0.5, 100);
        w.addRecall(Double.NaN, 1000);
        assertThat(w.take().get(TimelineColumns.RECALL)).isEqualTo((300 * 1.0 + 100 * 0.5) / 400);
    }
}
