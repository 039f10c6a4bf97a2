package io.vst.rundir;

import static io.vst.report.RecordedRuns.QUICKSTART;
import static io.vst.report.RecordedRuns.SEARCH_PROXY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import io.vst.metrics.CheckpointResult;
import io.vst.report.RecordedRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDataReaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsEveryFileOfARunDirectory() {
        RunData run = RunDataReader.read(QUICKSTART);
        assertThat(run.info().outcome().spelling()).isEqualTo("completed");
        assertThat(run.info().startedAt()).hasToString("2026-11-27T02:52:02.032278662Z");
        assertThat(run.samples()).hasSize(5);
        assertThat(run.steps()).extracting(StepRecord::name).containsExactly("initial_load", "loaded", "shrink",
                "shrunk", "regrow", "regrown");
        assertThat(run.steps().get(0).latency().get("ingest").p99Ms()).isEqualTo(76.351);
        assertThat(run.checkpoints()).hasSize(3);
        assertThat(run.latencyOperations()).containsExactly("delete", "ingest");
        assertThat(run.latencyByStep("ingest").values().stream().mapToLong(h -> h.getTotalCount()).sum())
                .isEqualTo(35_000);
        assertThat(run.scenarioText()).contains("name: quickstart");
    }

    @Test
    void aFigureWrittenAsNullReadsAsUnknownNotZero() {
        CheckpointResult loaded = RunDataReader.read(QUICKSTART).checkpoints().get(0);
        assertThat(loaded.perVector().totalBytes()).isEqualTo(843.0776);
        assertThat(loaded.perVector().indexBytes()).isNaN();
        assertThat(loaded.perVector().keyspaceBytes()).isNaN();
        CheckpointResult grown = RunDataReader.read(SEARCH_PROXY).checkpoints().get(0);
        assertThat(grown.perVector().indexBytes()).isPositive();
    }

    @Test
    void aLineStillBeingWrittenIsLeftOut() throws Exception {
        Path run = RecordedRuns.copy(QUICKSTART, tmp.resolve("run"));
        String lastTimeline = Files.readAllLines(run.resolve(RunDirectory.TIMELINE)).get(5);
        Files.writeString(run.resolve(RunDirectory.TIMELINE), lastTimeline.substring(0, 40), StandardOpenOption.APPEND);
        Files.writeString(run.resolve(RunDirectory.STEPS), "cleanup,cleanup,,ok,2026-11-27T02:5",
                StandardOpenOption.APPEND);
        Files.writeString(run.resolve("latency/ingest.hlog"), "Tag=regrown,1.2,0.1,0.03,HISTFAAAAH542pNpmSzMw",
                StandardOpenOption.APPEND);
        RunData data = RunDataReader.read(run);
        assertThat(data.samples()).hasSize(5);
        assertThat(data.steps()).hasSize(6);
        assertThat(data.latencyByStep("ingest")).hasSize(2);
    }

    @Test
    void aDamagedRowIsSkippedAndTheRestKept() throws Exception {
        Path run = RecordedRuns.copy(QUICKSTART, tmp.resolve("run"));
        Files.writeString(run.resolve(RunDirectory.TIMELINE), "not-a-time,x,step\n", StandardOpenOption.APPEND);
        assertThat(RunDataReader.read(run).samples()).hasSize(5);
    }

    @Test
    void aMissingOrDamagedRunDirectoryIsReportedByFileName() throws Exception {
        Path none = tmp.resolve("none");
        assertThatThrownBy(() -> RunDataReader.read(none)).isInstanceOf(VstException.class)
                .hasMessageContaining(none.toString())
                .satisfies(e -> assertThat(((VstException) e).kind()).isEqualTo(VstException.Kind.INVALID_INPUT));
        Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> RunDataReader.read(tmp.resolve("empty"))).isInstanceOf(VstException.class)
                .hasMessageContaining("run.json is missing");
        Path hlog = RecordedRuns.copy(QUICKSTART, tmp.resolve("hlog"));
        Files.writeString(hlog.resolve("latency/delete.hlog"), "Tag=shrunk,0.8,0.1,0.03,bm90IGEgaGlzdG9ncmFt\n",
                StandardOpenOption.APPEND);
        assertThatThrownBy(() -> RunDataReader.read(hlog)).isInstanceOf(VstException.class)
                .hasMessageContaining(hlog.resolve("latency/delete.hlog") + " line 6");
        Path run = RecordedRuns.copy(QUICKSTART, tmp.resolve("run"));
        Files.writeString(run.resolve(RunDirectory.LEGACY_CHECKPOINTS), "[ { \"name\" : ");
        assertThatThrownBy(() -> RunDataReader.read(run)).isInstanceOf(VstException.class)
                .hasMessageContaining(run.resolve(RunDirectory.LEGACY_CHECKPOINTS).toString());
    }
}
