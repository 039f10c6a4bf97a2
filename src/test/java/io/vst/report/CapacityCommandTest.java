package io.vst.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vst.testsupport.VstCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code vst capacity} as a user calls it: answers on a run whose memory follows a known line, and its errors. */
class CapacityCommandTest {

    /** used_memory = 1,000,000 + 1,300 · live on the run written by {@link #lineRun}. */
    private static final double FIXED = 1_000_000;
    private static final double PER_VECTOR = 1_300;

    @TempDir
    Path tmp;

    /** A run directory: quickstart's run.json and a timeline that grows to 20,000 on the line above. */
    private Path lineRun() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("20261201T100000Z_line"));
        Files.copy(RecordedRuns.QUICKSTART.resolve("run.json"), dir.resolve("run.json"));
        StringBuilder csv = new StringBuilder("timestamp_utc,elapsed_s,step,used_memory_bytes,mem_clients_normal_bytes,"
                + "dbsize_keys,live_vectors\n");
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        int row = 0;
        for (long live = 0; live <= 20_000; live += 5_000) {
            for (int twice = 0; twice < 2; twice++, row++) {
                csv.append(String.format(Locale.ROOT, "%s,%.2f,,%.0f,20000,%d,%d%n", t0.plusMillis(250L * row), row * 0.25,
                        FIXED + PER_VECTOR * live, live, live));
            }
        }
        Files.writeString(dir.resolve("timeline.csv"), csv);
        return dir;
    }

    @Test
    void textAnswersForAVectorCountAndForMemorySizesSayingWhichDivisor() throws IOException {
        Path run = lineRun();
        VstCli.Result r = VstCli.vst("capacity", run.toString(), "--vectors", "60k", "--memory", "16GB");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Fit: 10 readings (0 checkpoints, 10 timeline samples) at 5 vector counts from 0 "
                + "to 20,000").contains("used_memory").contains("1300.0 B")
                .contains("Prediction for 60,000 vectors: used_memory " + io.vst.units.Units.bytes(FIXED + PER_VECTOR * 60_000))
                .contains("16GB = 16 x 1000^3 = 16,000,000,000 bytes (decimal")
                .contains(String.format(Locale.ROOT, "Vectors that fit in used_memory 14.90 GiB: %,d",
                        (long) Math.floor((16e9 - FIXED) / PER_VECTOR)))
                .contains("After shrinks: none in this run");
        VstCli.Result gib = VstCli.vst("capacity", run.toString(), "--memory", "16GiB");
        assertThat(gib.out()).contains("16GiB = 16 x 1024^3 = 17,179,869,184 bytes (binary)")
                .contains(String.format(Locale.ROOT, ": %,d", (long) Math.floor((17_179_869_184.0 - FIXED) / PER_VECTOR)));
    }

    @Test
    void jsonCarriesThePredictionAndItsInterval() throws IOException {
        VstCli.Result r = VstCli.vst("capacity", lineRun().toString(), "--vectors", "60,000", "--format", "json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("predicted_used_memory_bytes").asDouble()).isCloseTo(FIXED + PER_VECTOR * 60_000, within(1e-3));
        assertThat(json.get("interval_low_bytes").asDouble()).isCloseTo(FIXED + PER_VECTOR * 60_000, within(1e-3));
        assertThat(json.get("interval_high_bytes").asDouble()).isCloseTo(FIXED + PER_VECTOR * 60_000, within(1e-3));
        assertThat(json.get("vectors").asLong()).isEqualTo(60_000);
        assertThat(json.get("used_memory").get("per_vector_bytes").asDouble()).isCloseTo(PER_VECTOR, within(1e-9));
        assertThat(json.get("components").has("client_buffers")).isTrue();
        assertThat(json.get("after_shrinks").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--memory|16G|--memory '16G' is ambiguous: write 16GiB (1024^3) or 16GB (1000^3)",
        "--memory|lots|--memory 'lots' is not a memory size",
        "--memory|16XB|--memory '16XB' has an unknown unit 'XB'",
        "--memory|0GiB|--memory '0GiB' is not a positive size",
        "--vectors|many|--vectors 'many' is not a vector count",
        "--vectors|0|--vectors '0' is not a vector count",
        "--vectors|1.5|--vectors '1.5' is not a vector count",
        "--format|xml|--format 'xml' is not a format"})
    void badOptionsAreNamedWithWhatToWrite(String option, String value, String message) throws IOException {
        VstCli.Result r = VstCli.vst("capacity", lineRun().toString(), option, value);

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("error: " + message).contains("hint: ").doesNotContain("Exception");
    }

    @Test
    void missingPartialAndTooShortRunsAreRefusedWithExitTwo() throws IOException {
        VstCli.Result missing = VstCli.vst("capacity", tmp.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no run directory at").contains("hint:");

        Path partial = Files.createDirectories(tmp.resolve("partial"));
        Files.writeString(partial.resolve("timeline.csv"), "timestamp_utc,elapsed_s,step\n");
        VstCli.Result noRunJson = VstCli.vst("capacity", partial.toString());
        assertThat(noRunJson.code()).isEqualTo(2);
        assertThat(noRunJson.err()).contains("is not a run directory: run.json is missing");

        // The recorded quickstart grows in one step and has a single settled reading.
        VstCli.Result shortRun = VstCli.vst("capacity", RecordedRuns.QUICKSTART.toString(), "--vectors", "1M");
        assertThat(shortRun.code()).isEqualTo(2);
        assertThat(shortRun.err()).contains("a capacity fit needs readings at 3 or more counts")
                .contains("vst run --scenario capacity_probe").doesNotContain("Exception");
    }

    /** The same readings stamped as one shard of several: its live counts would be a share of what the server holds. */
    @ParameterizedTest
    @ValueSource(strings = {"0/3", " 1 / 2 "})
    void oneShardOfASharedRunIsRefusedUntilMerged(String shard) throws IOException {
        VstCli.Result r = VstCli.vst("capacity", stampedShard(shard).toString(), "--vectors", "60k");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("is shard " + shard + " of a sharded run").contains("vst merge")
                .doesNotContain("Exception");
    }

    /** An ordinary run (vst run stamps it "0/1") and a merged run are fitted. */
    @ParameterizedTest
    @ValueSource(strings = {"0/1", "merged 3"})
    void anOrdinaryOrMergedRunIsFitted(String shard) throws IOException {
        VstCli.Result r = VstCli.vst("capacity", stampedShard(shard).toString(), "--vectors", "60k");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Prediction for 60,000 vectors");
    }

    private Path stampedShard(String shard) throws IOException {
        Path run = lineRun();
        String json = Files.readString(run.resolve("run.json"));
        ObjectNode info = (ObjectNode) new ObjectMapper().readTree(json);
        info.withObjectProperty("options").put("shard", shard);
        Files.writeString(run.resolve("run.json"), info.toString());
        return run;
    }

    @Test
    void reportHtmlHasACapacitySectionOrSaysWhyNot() throws IOException {
        Path run = lineRun();
        assertThat(VstCli.vst("report", run.toString(), "--format", "html").code()).isZero();
        String html = Files.readString(run.resolve(ReportWriter.HTML));
        assertThat(html).contains("href=\"#capacity\"").contains("id=\"capacity\"");
        String section = html.substring(html.indexOf("id=\"capacity\""), html.indexOf("id=\"latency\""));
        assertThat(section).contains("at 5 vector counts from 0 to 20,000").contains("<td class=\"num\">1300.0 B</td>")
                .contains("After shrinks: none in this run");

        Path quick = RecordedRuns.copy(RecordedRuns.QUICKSTART, tmp.resolve("quick"));
        assertThat(VstCli.vst("report", quick.toString(), "--format", "html").code()).isZero();
        String q = Files.readString(quick.resolve(ReportWriter.HTML));
        assertThat(q.substring(q.indexOf("id=\"capacity\""), q.indexOf("id=\"latency\"")))
                .contains("No capacity fit: run quick has").contains("3 or more counts. Use a run that grows in steps");
    }
}
