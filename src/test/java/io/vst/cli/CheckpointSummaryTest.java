package io.vst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.engine.RunResult;
import io.vst.metrics.CheckpointAnalysis;
import io.vst.metrics.CheckpointResult;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's checkpoint table: bytes/vector without a rehash's old key table, and which checkpoint had one. */
class CheckpointSummaryTest {

    @TempDir
    Path dir;

    @Test
    void theCheckpointReadDuringARehashIsNamedWithItsTableAndItsBytesPerVectorLeaveItOut() {
        Map<String, Double> base = Map.of(TimelineColumns.USED_MEMORY, 1e6, TimelineColumns.HASHTABLE_REHASHING, 0.0);
        Map<String, Double> calm = Map.of(TimelineColumns.USED_MEMORY, 1e6 + 18e6, TimelineColumns.HASHTABLE_REHASHING, 0.0);
        Map<String, Double> mid = Map.of(TimelineColumns.USED_MEMORY, 1e6 + 18e6 + 131_072,
                TimelineColumns.HASHTABLE_REHASHING, 131_072.0);
        List<CheckpointResult> checkpoints = List.of(
                new CheckpointResult("calm", null, Instant.EPOCH, 10, 20_000, calm, Map.of(),
                        CheckpointAnalysis.perVector(calm, base, 20_000), null, null, null, false, List.of(), Map.of()),
                new CheckpointResult("mid_rehash", null, Instant.EPOCH, 11, 20_000, mid, Map.of(),
                        CheckpointAnalysis.perVector(mid, base, 20_000), null, null, null, false, List.of(), Map.of()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SummaryPrinter.print(new RunResult(RunOutcome.COMPLETED, null, dir, List.of(), checkpoints),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).containsPattern("(?m)^calm\\s.*\\s900\\s")
                .containsPattern("(?m)^mid_rehash\\s.*\\s900\\s")
                .contains("at mid_rehash the old key table of a rehash in progress, 128.00 KiB")
                .doesNotContain("at calm the old key table");
    }

    /**
     * The server refreshes used_memory_rss in its cron (cronUpdateMemoryStats, every 100 ms) and used_memory at
     * every allocation: a checkpoint right after a fast ingest can show RSS below used_memory, and the table says why.
     */
    @Test
    void aCheckpointWhoseRssTrailsUsedMemoryIsNamedWithTheReason() {
        Map<String, Double> trailing = Map.of(TimelineColumns.USED_MEMORY, 84.7e6, TimelineColumns.USED_MEMORY_RSS, 77.2e6);
        Map<String, Double> settled = Map.of(TimelineColumns.USED_MEMORY, 23e6, TimelineColumns.USED_MEMORY_RSS, 97.8e6);
        List<CheckpointResult> checkpoints = List.of(
                new CheckpointResult("loaded", null, Instant.EPOCH, 10, 100_000, trailing, Map.of(), null, null, null,
                        null, false, List.of(), Map.of()),
                new CheckpointResult("shrunk", null, Instant.EPOCH, 11, 25_000, settled, Map.of(), null, null, null,
                        null, false, List.of(), Map.of()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SummaryPrinter.print(new RunResult(RunOutcome.COMPLETED, null, dir, List.of(), checkpoints),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("rss below used_memory at loaded: the server reads its RSS (INFO used_memory_rss)")
                .doesNotContain("at loaded, shrunk");
    }
}
