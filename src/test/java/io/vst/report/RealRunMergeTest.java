package io.vst.report;

import static io.vst.testsupport.VstCli.vst;
import static org.assertj.core.api.Assertions.assertThat;

import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunData;
import io.vst.rundir.RunDataReader;
import io.vst.rundir.StepRecord;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.testsupport.VstCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real {@code vst run}s on embedded valkey-servers, merged with {@code --allow-unsharded}: the merge
 * pairs the engine's own latency logs with its own timelines, and every merged total equals the sum the
 * two runs recorded (read back by the run directory reader, not by the merge).
 */
class RealRunMergeTest {

    private static final String SCENARIO = """
            name: merge_probe
            dataset: synthetic-8
            global_config:
              n_threads: 2
              n_clients: 2
              batch_size: 20
              metrics_collection_interval: 0.1
            steps:
              - name: load
                type: workload
                workload: ingest
                parameters: {target_vectors: 12000}
              - name: loaded
                type: checkpoint
              - name: shrink
                type: workload
                workload: shrink
                parameters: {target_vectors: 4000}
              - name: shrunk
                type: checkpoint
                parameters: {compare_with: loaded}
            """;

    @TempDir
    Path tmp;

    @Test
    void mergedTotalsAreTheSumsOfTwoRealRuns() throws IOException {
        ValkeyTestServer.requireBinary();
        Path scenario = Files.writeString(tmp.resolve("probe.yaml"), SCENARIO);
        Path a = run(scenario, "a");
        Path b = run(scenario, "b");
        Path out = tmp.resolve("merged");
        VstCli.Result m = vst("merge", a.toString(), b.toString(), "--allow-unsharded", "--output", out.toString());
        assertThat(m.code()).as(m.err()).isZero();
        RunData ra = RunDataReader.read(a);
        RunData rb = RunDataReader.read(b);
        RunData merged = RunDataReader.read(out);
        for (String op : List.of("ingest", "delete")) {
            Histogram reference = new Histogram(3);
            Stream.of(ra, rb).forEach(r -> r.latencyByStep(op).values().forEach(reference::add));
            Histogram total = new Histogram(3);
            merged.latencyByStep(op).values().forEach(total::add);
            assertThat(total.getTotalCount()).as(op).isEqualTo(reference.getTotalCount()).isPositive();
            for (double p : new double[] {50, 99, 99.9, 100}) {
                assertThat(total.getValueAtPercentile(p)).as(op + " p" + p).isEqualTo(reference.getValueAtPercentile(p));
            }
            assertThat(sum(merged, op + "_count")).as("timeline " + op).isEqualTo(sum(ra, op + "_count")
                    + sum(rb, op + "_count"));
        }
        for (String name : List.of("load", "shrink")) {
            assertThat(step(merged, name).operations()).isEqualTo(step(ra, name).operations()
                    + step(rb, name).operations());
        }
        for (CheckpointResult c : merged.checkpoints()) {
            CheckpointResult ca = checkpoint(ra, c.name());
            assertThat(c.liveVectors()).isEqualTo(ca.liveVectors() + checkpoint(rb, c.name()).liveVectors());
            assertThat(c.figures().get(TimelineColumns.DBSIZE)).as("shard 0's server").isEqualTo(
                    ca.figures().get(TimelineColumns.DBSIZE));
        }
        // The runs ran one after the other: a row at a sample's time of the first run holds that sample only,
        // so its percentiles are that sample's own, taken from the paired latency interval.
        int compared = 0;
        for (Sample row : merged.samples()) {
            if (row.get("ingest_count") > 0) {
                Sample own = Stream.concat(ra.samples().stream(), rb.samples().stream())
                        .filter(s -> s.time().equals(row.time())).findFirst().orElse(null);
                assertThat(row.has("ingest_p99_ms")).as("percentiles at " + row.time()).isTrue();
                if (own != null) {
                    assertThat(row.get("ingest_p99_ms")).isEqualTo(own.get("ingest_p99_ms"));
                    compared++;
                }
            }
        }
        assertThat(compared).isPositive();
    }

    private Path run(Path scenario, String name) throws IOException {
        Path root = tmp.resolve(name);
        VstCli.Result r = vst("run", "--scenario", scenario.toString(), "--output", root.toString(), "--no-report");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.findFirst().orElseThrow();
        }
    }

    private static double sum(RunData r, String column) {
        return r.samples().stream().filter(s -> s.has(column)).mapToDouble(s -> s.get(column)).sum();
    }

    private static StepRecord step(RunData r, String name) {
        return r.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static CheckpointResult checkpoint(RunData r, String name) {
        return r.checkpoints().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
