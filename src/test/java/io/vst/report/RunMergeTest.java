package io.vst.report;

import static io.vst.testsupport.VstCli.vst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunData;
import io.vst.rundir.RunDataReader;
import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;
import io.vst.rundir.StepStatus;
import io.vst.testsupport.VstCli;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vst merge} of three shards written from known values: every merged figure against a computation
 * in this test from the values the shards recorded (never from the merge's own code). One merge, read by
 * every test.
 */
class RunMergeTest {

    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 100};

    @TempDir
    static Path tmp;

    private static final List<ShardFixture> shards = new ArrayList<>();
    private static RunData merged;
    private static Path out;

    @BeforeAll
    static void mergeThreeShards() {
        List<String> args = new ArrayList<>(List.of("merge"));
        for (int k = 0; k < 3; k++) {
            shards.add(ShardFixture.write(tmp.resolve("shard-" + k), k, 3, "job-uid-1", ShardFixture.SCENARIO));
        }
        // Any order on the command line: the shards are told apart by run.json, not by position.
        for (int k : new int[] {2, 0, 1}) {
            args.add(shards.get(k).dir.toString());
        }
        out = tmp.resolve("merged");
        args.addAll(List.of("--output", out.toString()));
        VstCli.Result r = vst(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Merged 3 run directories into " + out, "report.html");
        merged = RunDataReader.read(out);
    }

    @Test
    void latencyHistogramsAreMergedExactlyPerOperationAndStep() {
        for (String[] opStep : new String[][] {{"ingest", "load"}, {"query", "search"}}) {
            Histogram reference = new Histogram(3);
            for (ShardFixture f : shards) {
                for (ShardFixture.Point p : f.points) {
                    if (opStep[0].equals(p.op())) {
                        for (long v : p.values()) {
                            reference.recordValue(v);
                        }
                    }
                }
            }
            Histogram h = merged.latencyByStep(opStep[0]).get(opStep[1]);
            assertThat(h.getTotalCount()).isEqualTo(reference.getTotalCount());
            for (double p : PERCENTILES) {
                assertThat(h.getValueAtPercentile(p)).as(opStep[0] + " p" + p).isEqualTo(reference.getValueAtPercentile(p));
            }
            StepRecord.LatencySummary l = step(opStep[1]).latency().get(opStep[0]);
            assertThat(l.count()).isEqualTo(reference.getTotalCount());
            assertThat(l.p50Ms()).isCloseTo(reference.getValueAtPercentile(50) / 1000.0, rel6(l.p50Ms()));
            assertThat(l.p90Ms()).isCloseTo(reference.getValueAtPercentile(90) / 1000.0, rel6(l.p90Ms()));
            assertThat(l.p99Ms()).isCloseTo(reference.getValueAtPercentile(99) / 1000.0, rel6(l.p99Ms()));
            assertThat(l.p999Ms()).isCloseTo(reference.getValueAtPercentile(99.9) / 1000.0, rel6(l.p999Ms()));
            assertThat(l.maxMs()).isCloseTo(reference.getMaxValue() / 1000.0, rel6(l.maxMs()));
        }
    }

    @Test
    void stepsAreJoinedByNameWithSummedCountsAndTheWorstStatus() {
        assertThat(merged.steps()).extracting(StepRecord::name).containsExactly("load", "loaded", "search", "searched");
        for (String name : List.of("load", "search")) {
            List<StepRecord> parts = shards.stream().map(f -> f.steps.stream().filter(s -> s.name().equals(name))
                    .findFirst().orElseThrow()).toList();
            StepRecord m = step(name);
            assertThat(m.operations()).isEqualTo(parts.stream().mapToLong(StepRecord::operations).sum());
            assertThat(m.errors()).isEqualTo(parts.stream().mapToLong(StepRecord::errors).sum());
            assertThat(m.liveVectorsAfter()).isEqualTo(parts.stream().mapToLong(StepRecord::liveVectorsAfter).sum());
            Instant start = parts.stream().map(StepRecord::startedAt).min(Instant::compareTo).orElseThrow();
            Instant end = parts.stream().map(StepRecord::endedAt).max(Instant::compareTo).orElseThrow();
            assertThat(m.startedAt()).isEqualTo(start);
            assertThat(m.endedAt()).isEqualTo(end);
            // The span in which any shard worked: from the first start to the last end of a shard's work.
            double span = parts.stream().mapToDouble(p -> Duration.between(start, p.startedAt()).toMillis() / 1000.0
                    + p.activeSeconds()).max().orElseThrow();
            assertThat(m.operationsPerSecond()).isCloseTo(m.operations() / span, rel6(m.operationsPerSecond()));
        }
        assertThat(step("load").status()).as("shard 1 failed its load").isEqualTo(StepStatus.FAILED);
        assertThat(step("load").detail()).contains("shard 1: failed, connection reset");
        assertThat(step("search").status()).as("shard 2 timed out").isEqualTo(StepStatus.TIMEOUT);
        assertThat(step("load").recall()).as("no shard measured recall in load: no figure, not 0").isNaN();
        double weighted = 0;
        long queries = 0;
        for (ShardFixture f : shards) {
            for (ShardFixture.Point p : f.points) {
                if ("query".equals(p.op())) {
                    weighted += p.sample().get(TimelineColumns.RECALL) * p.values().length;
                    queries += p.values().length;
                }
            }
        }
        assertThat(step("search").recall()).isCloseTo(weighted / queries, rel6(weighted / queries));
    }

    @Test
    void theTimelineKeepsShardZerosServerColumnsAndAddsUpTheClients() {
        List<Sample> rows = merged.samples();
        List<Sample> zero = shards.get(0).points.stream().map(ShardFixture.Point::sample).toList();
        assertThat(rows.subList(0, zero.size())).extracting(Sample::time).containsExactlyElementsOf(
                zero.stream().map(Sample::time).toList());
        for (int i = 0; i < zero.size(); i++) {
            for (String col : List.of(TimelineColumns.USED_MEMORY, TimelineColumns.MEM_CLIENTS_NORMAL,
                    TimelineColumns.DBSIZE)) {
                assertThat(rows.get(i).get(col)).as(col + " row " + i).isEqualTo(zero.get(i).get(col));
            }
            assertThat(rows.get(i).step()).isEqualTo(zero.get(i).step());
        }
        long ingestTotal = 0;
        for (int i = 0; i < rows.size(); i++) {
            Instant from = i == 0 ? Instant.MIN : rows.get(i - 1).time();
            Instant to = rows.get(i).time();
            double live = 0;
            double rate = 0;
            for (ShardFixture f : shards) {
                ShardFixture.Point latest = null;
                ShardFixture.Point covering = null;
                for (ShardFixture.Point p : f.points) {
                    if (!p.sample().time().isAfter(to)) {
                        latest = p;
                    } else if (covering == null) {
                        covering = p;
                    }
                }
                if (latest != null && latest.sample().time().equals(to)) {
                    covering = latest;
                }
                live += latest == null ? 0 : latest.sample().get(TimelineColumns.LIVE_VECTORS);
                rate += covering != null && covering.sample().has("ingest_ops_per_s")
                        ? covering.sample().get("ingest_ops_per_s") : 0;
            }
            Histogram window = new Histogram(3);
            long count = 0;
            for (ShardFixture f : shards) {
                for (ShardFixture.Point p : f.points) {
                    Instant t = p.sample().time();
                    if (t.isAfter(from) && !t.isAfter(to) && "ingest".equals(p.op())) {
                        count += p.values().length;
                        window.add(ShardFixture.histogram(p.values()));
                    }
                }
            }
            Sample row = rows.get(i);
            assertThat(row.get(TimelineColumns.LIVE_VECTORS)).as("live row " + i).isEqualTo(live);
            assertThat(row.has("ingest_count") ? row.get("ingest_count") : 0).as("count row " + i).isEqualTo(count);
            assertThat(row.has("ingest_ops_per_s") ? row.get("ingest_ops_per_s") : 0).as("rate row " + i)
                    .isCloseTo(rate, rel6(rate));
            if (count > 0) {
                assertThat(row.get("ingest_p99_ms")).as("p99 row " + i).isCloseTo(
                        window.getValueAtPercentile(99) / 1000.0, rel6(row.get("ingest_p99_ms")));
                assertThat(row.get("ingest_max_ms")).isCloseTo(window.getMaxValue() / 1000.0,
                        rel6(row.get("ingest_max_ms")));
            }
            ingestTotal += count;
        }
        long recorded = shards.stream().flatMap(f -> f.points.stream()).filter(p -> "ingest".equals(p.op()))
                .mapToLong(p -> p.values().length).sum();
        assertThat(ingestTotal).as("every sample counts in one row").isEqualTo(recorded);
        Sample last = rows.get(rows.size() - 1);
        assertThat(last.time()).as("later shards' last samples get a row after shard 0's last")
                .isAfter(zero.get(zero.size() - 1).time());
        assertThat(last.has(TimelineColumns.USED_MEMORY)).isFalse();
    }

    @Test
    void checkpointsSumTheLiveSetsAndRecomputeMemoryPerVector() {
        assertThat(merged.checkpoints()).extracting(CheckpointResult::name).containsExactly("loaded", "searched");
        CheckpointResult base = null;
        for (CheckpointResult m : merged.checkpoints()) {
            long live = shards.stream().mapToLong(f -> f.checkpoints.stream().filter(c -> c.name().equals(m.name()))
                    .findFirst().orElseThrow().liveVectors()).sum();
            CheckpointResult zero = shards.get(0).checkpoints.stream().filter(c -> c.name().equals(m.name()))
                    .findFirst().orElseThrow();
            assertThat(m.liveVectors()).isEqualTo(live);
            assertThat(m.figures().get(TimelineColumns.USED_MEMORY)).isEqualTo(zero.figures().get(TimelineColumns.USED_MEMORY));
            double usedNow = zero.figures().get(TimelineColumns.USED_MEMORY)
                    - zero.figures().get(TimelineColumns.MEM_CLIENTS_NORMAL);
            double usedBase = 1_000_000.0 - 20_000.0;
            assertThat(m.perVector().totalBytes()).isCloseTo((usedNow - usedBase) / live, within(1e-9));
            if (base != null) {
                double du = usedNow - (base.figures().get(TimelineColumns.USED_MEMORY)
                        - base.figures().get(TimelineColumns.MEM_CLIENTS_NORMAL));
                assertThat(m.comparison().against()).isEqualTo("loaded");
                assertThat(m.comparison().bytesPerVectorDelta()).as("over the vectors every shard added")
                        .isCloseTo(du / (live - base.liveVectors()), within(1e-9));
            }
            base = m;
        }
        // The work before "loaded": every shard's ingest, its percentiles from all values.
        Histogram ingest = new Histogram(3);
        shards.forEach(f -> f.points.stream().filter(p -> "ingest".equals(p.op()))
                .forEach(p -> ingest.add(ShardFixture.histogram(p.values()))));
        CheckpointResult loaded = merged.checkpoints().get(0);
        assertThat(loaded.performance().get("ingest_count")).isEqualTo((double) ingest.getTotalCount());
        assertThat(loaded.performance().get("ingest_p99_ms")).isEqualTo(ingest.getValueAtPercentile(99) / 1000.0);
        assertThat(loaded.performance().get("ingest_ops_per_s")).isCloseTo(shards.stream().mapToDouble(f ->
                f.checkpoints.get(0).performance().get("ingest_ops_per_s")).sum(), within(1e-9));
        assertThat(loaded.performance().get("server_cpu_cores")).as("shard 0's server figure").isEqualTo(0.75);
        Histogram query = new Histogram(3);
        shards.forEach(f -> f.points.stream().filter(p -> "query".equals(p.op()))
                .forEach(p -> query.add(ShardFixture.histogram(p.values()))));
        CheckpointResult searched = merged.checkpoints().get(1);
        assertThat(searched.performance().get("query_p999_ms")).isEqualTo(query.getValueAtPercentile(99.9) / 1000.0);
        assertThat(searched.performance()).doesNotContainKey("ingest_count");
    }

    @Test
    void runJsonTellsTheWorstOutcomeTheWholeSpanAndTheInputs() {
        assertThat(merged.info().outcome()).as("shard 1 failed").isEqualTo(RunOutcome.FAILED);
        assertThat(merged.info().message()).contains("shard 1: step load failed: connection reset");
        assertThat(merged.info().startedAt()).isEqualTo(shards.get(0).start);
        assertThat(merged.info().endedAt()).isEqualTo(shards.get(2).end);
        assertThat(merged.info().options()).containsEntry("shard", "merged 3").containsEntry("shard_group", "job-uid-1");
        assertThat(merged.info().options().get("merged_from")).asList().containsExactlyInAnyOrder(
                shards.stream().map(f -> f.dir.toAbsolutePath().normalize().toString()).toArray());
        assertThat(merged.scenarioText()).isEqualTo(ShardFixture.SCENARIO);
    }

    @Test
    void reportAndCompareWorkOnTheMergedRun() {
        assertThat(out.resolve(ReportWriter.HTML)).isNotEmptyFile();
        VstCli.Result report = vst("report", out.toString(), "--out", tmp.resolve("again").toString());
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(tmp.resolve("again").resolve(ReportWriter.HTML)).content().contains("load", "searched");
        VstCli.Result compare = vst("compare", shards.get(0).dir.toString(), out.toString());
        assertThat(compare.code()).as(compare.err()).isIn(0, 3);
        assertThat(compare.out()).contains("load", "search");
    }

    private static StepRecord step(String name) {
        return merged.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** steps.csv and timeline.csv keep six significant digits. */
    private static Offset<Double> rel6(double v) {
        return within(Math.abs(v) * 1e-5 + 1e-9);
    }
}
