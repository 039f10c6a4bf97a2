package io.vst.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.metrics.CheckpointAnalysis;
import io.vst.metrics.CheckpointResult;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunData;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The checkpoint tables of the HTML report and checkpoints.csv: tag, client buffers and work compared. */
class CheckpointTablesTest {

    private static RunData run() {
        Map<String, Double> base = Map.of(TimelineColumns.USED_MEMORY, 1e6, TimelineColumns.MEM_CLIENTS_NORMAL, 2e4);
        Map<String, Double> loaded = Map.of(TimelineColumns.USED_MEMORY, 31e6, TimelineColumns.MEM_CLIENTS_NORMAL, 20.02e6);
        Map<String, Double> workBefore = Map.of("query_ops_per_s", 2000.0, "query_p99_ms", 4.0, "recall", 1.0);
        Map<String, Double> workAfter = Map.of("query_ops_per_s", 1500.0, "query_p99_ms", 6.0, "recall", 0.5);
        CheckpointResult first = new CheckpointResult("snap_0", "baseline", Instant.EPOCH, 10, 0, base, Map.of(), null,
                null, null, null, false, List.of(), workBefore);
        CheckpointResult.Comparison cmp = CheckpointAnalysis.compare("snap_0", base, loaded, 0, 10_000, base,
                workBefore, workAfter);
        CheckpointResult second = new CheckpointResult("snap_1", "scale", Instant.EPOCH.plusSeconds(60), 70, 10_000,
                loaded, Map.of(), CheckpointAnalysis.perVector(loaded, base, 10_000), cmp, null, null, false, List.of(),
                workAfter);
        RunData data = new RunData("t");
        data.addCheckpoint(first);
        data.addCheckpoint(second);
        return data;
    }

    @Test
    void csvCarriesTagClientBuffersAndTheComparedWork() throws Exception {
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(CsvExports.checkpoints(run()))).getRecords();
        assertThat(rows).hasSize(2);
        CSVRecord scale = rows.get(1);
        assertThat(scale.get("tag")).isEqualTo("scale");
        assertThat(scale.get(TimelineColumns.MEM_CLIENTS_NORMAL)).isEqualTo("20020000");
        // 30 MB more in use, 20 MB of it client buffers: 1,000 bytes for each of 10,000 vectors.
        assertThat(scale.get("per_vector_total_bytes")).isEqualTo("1000");
        assertThat(scale.get("work_query_ops_per_s")).isEqualTo("1500");
        assertThat(scale.get("delta_percent_work_query_ops_per_s")).isEqualTo("-25");
        assertThat(scale.get("delta_work_recall")).isEqualTo("-0.5");
    }

    /** Two checkpoints of 20,000 vectors at 900 B, the second read while the key table rehashed. */
    private static RunData rehashing() {
        Map<String, Double> base = Map.of(TimelineColumns.USED_MEMORY, 1e6, TimelineColumns.MEM_CLIENTS_NORMAL, 2e4,
                TimelineColumns.HASHTABLE_REHASHING, 0.0);
        Map<String, Double> calm = Map.of(TimelineColumns.USED_MEMORY, 1e6 + 18e6, TimelineColumns.MEM_CLIENTS_NORMAL, 2e4,
                TimelineColumns.HASHTABLE_REHASHING, 0.0);
        Map<String, Double> mid = Map.of(TimelineColumns.USED_MEMORY, 1e6 + 18e6 + 131_072,
                TimelineColumns.MEM_CLIENTS_NORMAL, 2e4, TimelineColumns.HASHTABLE_REHASHING, 131_072.0);
        RunData data = new RunData("t");
        data.addCheckpoint(new CheckpointResult("calm", null, Instant.EPOCH, 10, 20_000, calm, Map.of(),
                CheckpointAnalysis.perVector(calm, base, 20_000), null, null, null, false, List.of(), Map.of()));
        data.addCheckpoint(new CheckpointResult("mid_rehash", null, Instant.EPOCH.plusSeconds(1), 11, 20_000, mid,
                Map.of(), CheckpointAnalysis.perVector(mid, base, 20_000),
                CheckpointAnalysis.compare("calm", calm, mid, 20_000, 20_000, base, null, null), null, null, false,
                List.of(), Map.of()));
        return data;
    }

    @Test
    void aRehashInProgressIsShownInItsOwnColumnAndLeftOutOfBytesPerVector() throws Exception {
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(CsvExports.checkpoints(rehashing()))).getRecords();
        assertThat(rows).extracting(r -> r.get(TimelineColumns.HASHTABLE_REHASHING)).containsExactly("0", "131072");
        assertThat(rows).extracting(r -> r.get("per_vector_total_bytes")).containsExactly("900", "900");
        assertThat(rows.get(1).get("delta_" + TimelineColumns.HASHTABLE_REHASHING)).isEqualTo("131072");
        String html = HtmlReport.render(rehashing(), List.of());
        String table = html.substring(html.indexOf("id=\"checkpoints\""), html.indexOf("id=\"latency\""));
        assertThat(table).contains("<th>rehash table</th>").contains("128.00 KiB").contains("900 B")
                .contains("mem_overhead_db_hashtable_rehashing");
    }

    @Test
    void htmlTableShowsTagClientBuffersAndTheComparedWork() {
        String html = HtmlReport.render(run(), List.of());
        String table = html.substring(html.indexOf("id=\"checkpoints\""), html.indexOf("id=\"latency\""));
        assertThat(table).contains("<th>tag</th>").contains("<td>baseline</td>").contains("<td>scale</td>")
                .contains("<th>client buffers</th>").contains("19.09 MiB")
                .contains("query 1,500 ops/s (-25.0%), p99 6.00 ms (+50.0%); recall 0.5000 (-0.5000)")
                .contains("client buffers").contains("excluded");
    }
}
