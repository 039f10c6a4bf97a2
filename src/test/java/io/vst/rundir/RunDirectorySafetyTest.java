package io.vst.rundir;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.metrics.CheckpointResult;
import io.vst.report.RecordedRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints are appended, not rewritten, and old directories still read; a run whose writer is gone
 * reads as aborted. References: the recorded quickstart run (older format) and a process that exited.
 */
class RunDirectorySafetyTest {

    @TempDir
    Path root;

    private static final Instant T0 = Instant.parse("2026-11-27T10:15:00Z");

    private static RunInfo info() {
        return new RunInfo("vst test", "cp", "cp.yaml", Map.of("version", "8.0.1"), true, T0, null, RunOutcome.RUNNING, null,
                List.of(), Map.of());
    }

    @Test
    void checkpointsAreAppendedOneLineEachAndReadBackLikeTheOlderArray() throws Exception {
        List<CheckpointResult> recorded = RunDataReader.read(RecordedRuns.QUICKSTART).checkpoints();
        assertThat(recorded).as("the recorded run has checkpoints.json (older format)").hasSizeGreaterThan(2);
        RunDirectory dir = RunDirectory.create(root, null, info(), "name: cp\n");
        Path file = dir.path().resolve(RunDirectory.CHECKPOINTS);
        String before = "";
        for (CheckpointResult c : recorded) {
            dir.append(c);
            String now = Files.readString(file);
            // Appending keeps what was there byte for byte: nothing is rewritten.
            assertThat(now).startsWith(before);
            assertThat(now.substring(before.length())).endsWith("\n").doesNotContain("\n\n");
            before = now;
        }
        assertThat(Files.readAllLines(file)).hasSize(recorded.size());
        assertThat(dir.path().resolve(RunDirectory.LEGACY_CHECKPOINTS)).doesNotExist();
        // A kill in the middle of a line: the reader leaves the half line out.
        Files.writeString(file, "{\"name\":\"half", StandardOpenOption.APPEND);
        RunData back = RunDataReader.read(dir.path());
        assertThat(back.checkpoints()).isEqualTo(recorded);
        dir.close();
    }

    @Test
    void aRunWhoseWriterIsGoneReadsAsAbortedAndOneStillWritingAsRunning() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        RunInfo.Writer dead = new RunInfo.Writer(gone.pid(), RunInfo.Writer.current().host(),
                gone.info().startInstant().orElse(T0));
        RunDirectory killed = RunDirectory.create(root, root.resolve("killed"), info().writtenBy(dead), "name: cp\n");
        RunDirectory live = RunDirectory.create(root, root.resolve("live"), info(), "name: cp\n");
        assertThat(live.info().writer().pid()).isEqualTo(ProcessHandle.current().pid());

        RunData aborted = RunDataReader.read(killed.path());
        assertThat(aborted.info().outcome().spelling()).isEqualTo("aborted");
        assertThat(aborted.info().message()).contains("pid " + gone.pid()).contains("ended without finishing");
        assertThat(aborted.info().endedAt()).isEqualTo(T0);
        assertThat(RunDataReader.read(live.path()).info().outcome().spelling()).isEqualTo("running");

        // Same pid, but another process (pids are reused): the start time tells them apart.
        RunInfo.Writer reused = new RunInfo.Writer(ProcessHandle.current().pid(), RunInfo.Writer.current().host(),
                T0);
        RunDirectory other = RunDirectory.create(root, root.resolve("reused"), info().writtenBy(reused), "x\n");
        assertThat(RunDataReader.read(other.path()).info().outcome().spelling()).isEqualTo("aborted");
        // Another host cannot be checked from here: it stays running.
        RunInfo.Writer remote = new RunInfo.Writer(gone.pid(), "some-other-host", T0);
        RunDirectory far = RunDirectory.create(root, root.resolve("remote"), info().writtenBy(remote), "x\n");
        assertThat(RunDataReader.read(far.path()).info().outcome().spelling()).isEqualTo("running");
        for (RunDirectory d : List.of(killed, live, other, far)) {
            d.close();
        }
    }
}
