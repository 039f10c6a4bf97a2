package io.vst.report;

import static io.vst.report.RecordedRuns.QUICKSTART;
import static io.vst.testsupport.VstCli.vst;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vst.rundir.Json;
import io.vst.rundir.RunDirectory;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.testsupport.VstCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vst report} and {@code vst compare} as a user calls them. */
class ReportCliTest {

    @TempDir
    Path tmp;

    @Test
    void reportRegeneratesEverythingFromTheDirectoryAlone() {
        Path run = RecordedRuns.copy(QUICKSTART, tmp.resolve("run"));
        VstCli.Result r = vst("report", run.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Wrote 15 files to " + run).contains("report.html");
        assertThat(run.resolve("report.html")).isNotEmptyFile();
        assertThat(run.resolve("charts/memory.png")).isNotEmptyFile();
        assertThat(run.resolve("csv/latency_percentiles.csv")).isNotEmptyFile();
        assertThat(run.resolve("summary.json")).isNotEmptyFile();
        VstCli.Result only = vst("report", run.toString(), "--out", tmp.resolve("csv-only").toString(),
                "--format", "csv");
        assertThat(only.code()).as(only.err()).isZero();
        assertThat(tmp.resolve("csv-only/csv/steps.csv")).isNotEmptyFile();
        assertThat(tmp.resolve("csv-only/report.html")).doesNotExist();
    }

    @Test
    void reportErrorsNameTheFileWithoutAStackTrace() throws Exception {
        VstCli.Result missing = vst("report", tmp.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("error: no run directory at " + tmp.resolve("nope")).contains("hint:")
                .doesNotContain("Exception").doesNotContain("\tat ");
        Path run = RecordedRuns.copy(QUICKSTART, tmp.resolve("run"));
        Files.writeString(run.resolve("run.json"), "{ \"tool\" : ");
        VstCli.Result corrupt = vst("report", run.toString());
        assertThat(corrupt.code()).isEqualTo(2);
        assertThat(corrupt.err()).contains(run.resolve("run.json").toString()).doesNotContain("\tat ");
        VstCli.Result format = vst("report", QUICKSTART.toString(), "--format", "html,pdf");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).contains("unknown report format 'pdf'");
    }

    @Test
    void compareOfARunWithItselfFindsNothing() {
        VstCli.Result r = vst("compare", QUICKSTART.toString(), QUICKSTART.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("A = " + QUICKSTART + " (baseline)", "initial_load", "ops_per_s",
                "bytes_per_vector", "OK: no figure worse by more than 5% than A");
    }

    @Test
    void compareExitsWith3WhenMemoryPerVectorGrowsBeyondTheThreshold() throws Exception {
        Path worse = RecordedRuns.copy(QUICKSTART, tmp.resolve("worse"));
        Path checkpoints = worse.resolve(RunDirectory.LEGACY_CHECKPOINTS);
        JsonNode tree = Json.mapper().readTree(checkpoints.toFile());
        for (JsonNode c : tree) {
            ObjectNode pv = (ObjectNode) c.get("perVector");
            pv.put("totalBytes", pv.get("totalBytes").asDouble() * 1.10);
        }
        Json.mapper().writeValue(checkpoints.toFile(), tree);
        Path out = tmp.resolve("cmp");
        VstCli.Result r = vst("compare", QUICKSTART.toString(), worse.toString(), "--max-regression", "5%",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.out()).containsPattern("checkpoint +loaded +bytes_per_vector +843\\.078 +927\\.385 +\\+10\\.0% +"
                + "REGRESSION").contains("REGRESSION: 3 figures worse by more than 5% than A");
        assertThat(out.resolve("compare.html")).content().contains("REGRESSION", "id=\"vst-chart-data\"", "uPlot");
        assertThat(out.resolve("compare.csv")).content().contains("checkpoint,loaded,bytes_per_vector,A,B,");
        assertThat(Json.mapper().readTree(out.resolve("compare.json").toFile()).get("regressed").asBoolean()).isTrue();
        assertThat(out.resolve("charts/memory.png")).isNotEmptyFile();
        VstCli.Result lenient = vst("compare", QUICKSTART.toString(), worse.toString(), "--max-regression", "12.5");
        assertThat(lenient.code()).as(lenient.err()).isZero();
    }

    @Test
    void compareWarnsWhenTheRunsAreOfDifferentScenarios() {
        VstCli.Result r = vst("compare", QUICKSTART.toString(), RecordedRuns.SEARCH_PROXY.toString());
        assertThat(r.out()).contains("note: the runs are of different scenarios (quickstart, search_churn)")
                .contains("regrow");
    }

    @Test
    void compareRefusesBadArguments() throws Exception {
        assertThat(vst("compare", QUICKSTART.toString()).code()).isEqualTo(2);
        VstCli.Result pct = vst("compare", QUICKSTART.toString(), QUICKSTART.toString(), "--max-regression", "lots");
        assertThat(pct.code()).isEqualTo(2);
        assertThat(pct.err()).contains("--max-regression 'lots' is not a percentage");
        Path bare = RecordedRuns.copy(QUICKSTART, tmp.resolve("bare"));
        Files.writeString(bare.resolve(RunDirectory.STEPS), String.join(",", RunDirectory.STEP_COLUMNS) + "\n");
        Files.writeString(bare.resolve(RunDirectory.LEGACY_CHECKPOINTS), "[ ]\n");
        VstCli.Result other = vst("compare", QUICKSTART.toString(), bare.toString());
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("share no step or checkpoint");
    }

    @Test
    void compareOfTwoQuickstartRunsWithDifferentBatchSizesPrintsTheDeltaTable() throws Exception {
        ValkeyTestServer.requireBinary();
        String quickstart = new String(getClass().getResourceAsStream("/vst/config/scenarios/quickstart.yaml")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(quickstart).contains("batch_size: 500");
        Path small = tmp.resolve("quickstart-batch50.yaml");
        Files.writeString(small, quickstart.replace("batch_size: 500", "batch_size: 50"));
        VstCli.Result a = vst("run", "--scenario", "quickstart", "--output", tmp.resolve("a").toString());
        VstCli.Result b = vst("run", "--scenario", small.toString(), "--output", tmp.resolve("b").toString());
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(b.code()).as(b.err()).isZero();
        VstCli.Result r = vst("compare", only(tmp.resolve("a")).toString(), only(tmp.resolve("b")).toString());
        assertThat(r.code()).as(r.err()).isIn(0, 3);
        assertThat(r.out()).containsPattern("step +initial_load +ops_per_s +[0-9,]+ +[0-9,]+ +[-+][0-9.]+%")
                .containsPattern("step +shrink +delete_p99_ms")
                .containsPattern("checkpoint +regrown +bytes_per_vector")
                .containsPattern("(OK|REGRESSION): ");
        assertThat(r.code() == 3).isEqualTo(r.out().contains("REGRESSION: "));
    }

    private static Path only(Path root) throws Exception {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.findFirst().orElseThrow();
        }
    }
}
