package io.vst.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.rundir.LatencyLog;
import io.vst.rundir.RunData;
import io.vst.rundir.RunDataReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vst merge} reads each shard's latency logs once, and the intervals it decodes are the ones
 * HdrHistogram's own {@code HistogramLogReader} gives: counts, values, tags and absolute timestamps.
 */
class ShardLogReadTest {

    @TempDir
    Path tmp;

    @Test
    void eachShardLatencyLogIsReadOncePerMerge() throws Exception {
        List<Path> dirs = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            dirs.add(ShardFixture.write(tmp.resolve("shard-" + k), k, 3, "job-uid-1", ShardFixture.SCENARIO).dir);
        }
        Map<Path, Integer> reads = new LinkedHashMap<>();
        RunMerge.merge(dirs, tmp.resolve("merged"), false, p -> {
            reads.merge(p.toAbsolutePath().normalize(), 1, Integer::sum);
            return RunDataReader.completeLines(p);
        });
        List<Path> logs = new ArrayList<>();
        for (Path d : dirs) {
            try (Stream<Path> files = Files.list(d.resolve("latency"))) {
                files.filter(p -> p.toString().endsWith(".hlog")).forEach(p -> logs.add(p.toAbsolutePath().normalize()));
            }
        }
        assertThat(logs).hasSize(6);
        Map<Path, Integer> once = new LinkedHashMap<>();
        logs.forEach(p -> once.put(p, 1));
        assertThat(reads).containsExactlyInAnyOrderEntriesOf(once);
    }

    @Test
    void aRunIsReadWithoutItsLatencyLogsWhenAsked() {
        Path dir = ShardFixture.write(tmp.resolve("shard-0"), 0, 3, "job-uid-1", ShardFixture.SCENARIO).dir;
        assertThat(RunDataReader.read(dir, "s", true).latencyOperations()).containsExactlyInAnyOrder("ingest", "query");
        RunData bare = RunDataReader.read(dir, "s", false);
        assertThat(bare.latencyOperations()).isEmpty();
        assertThat(bare.samples()).isNotEmpty();
    }

    @Test
    void intervalsAreTheOnesHdrHistogramReads() throws Exception {
        Path shard = ShardFixture.write(tmp.resolve("shard-1"), 1, 3, "job-uid-1", ShardFixture.SCENARIO).dir;
        List<Path> logs = new ArrayList<>(List.of(shard.resolve("latency/ingest.hlog"), shard.resolve("latency/query.hlog")));
        try (Stream<Path> files = Files.list(RecordedRuns.QUICKSTART.resolve("latency"))) {
            files.filter(p -> p.toString().endsWith(".hlog")).sorted().forEach(logs::add);
        }
        int compared = 0;
        for (Path log : logs) {
            List<Histogram> reference = new ArrayList<>();
            try (HistogramLogReader reader = new HistogramLogReader(log.toFile())) {
                for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
                    reference.add((Histogram) h);
                }
            }
            List<Histogram> read = LatencyLog.intervals(log, RunDataReader.completeLines(log));
            assertThat(read).as(log.toString()).hasSameSizeAs(reference).isNotEmpty();
            for (int i = 0; i < read.size(); i++) {
                Histogram a = read.get(i);
                Histogram b = reference.get(i);
                assertThat(a).as(log + " interval " + i).isEqualTo(b);
                assertThat(a.getStartTimeStamp()).isEqualTo(b.getStartTimeStamp());
                assertThat(a.getEndTimeStamp()).isEqualTo(b.getEndTimeStamp());
                assertThat(a.getTag()).isEqualTo(b.getTag());
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(10);
    }
}
