package io.vst.rundir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The words the run-directory files spell outcomes, statuses and log levels with are the ones the user's guide
 * and older run directories use; they are written, read back and parsed as such. The expected words are the
 * literal text of the files, not the enums' own spellings.
 */
class RunVocabularyTest {

    @TempDir
    Path root;

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void everyStepStatusIsWrittenToStepsCsvInItsWordAndReadBack() throws Exception {
        RunDirectory dir = RunDirectory.create(root, null, new RunInfo("vst test", "s", "s.yaml", Map.of(), true, T0,
                null, RunOutcome.RUNNING, null, List.of(), Map.of()), "name: s\n");
        for (StepStatus s : StepStatus.values()) {
            dir.append(new StepRecord("step_" + s.name(), "wait", "", s, T0, T0.plusSeconds(1), Double.NaN, 0, 0, 0,
                    Double.NaN, Double.NaN, Map.of(), ""));
        }
        dir.finish(dir.info().finished(T0.plusSeconds(9), RunOutcome.INTERRUPTED, "stopped by the test", List.of()));
        dir.close();
        List<String> column = Files.readAllLines(dir.path().resolve(RunDirectory.STEPS)).stream().skip(1)
                .map(line -> line.split(",", -1)[3]).toList();
        assertThat(column).containsExactly("ok", "failed", "timeout", "interrupted", "stopped", "skipped");
        RunData back = RunDataReader.read(dir.path());
        assertThat(back.steps()).extracting(StepRecord::status).containsExactly(StepStatus.values());
        assertThat(Files.readString(dir.path().resolve(RunDirectory.RUN_JSON))).contains("\"outcome\" : \"interrupted\"");
        assertThat(back.info().outcome()).isEqualTo(RunOutcome.INTERRUPTED);
    }

    @Test
    void everyOutcomeAndLevelParsesFromTheWordsTheFilesHold() {
        assertThat(Arrays.stream(RunOutcome.values()).map(RunOutcome::spelling))
                .containsExactly("running", "completed", "failed", "interrupted", "aborted");
        for (String word : List.of("running", "completed", "failed", "interrupted", "aborted")) {
            assertThat(RunOutcome.parse(word).spelling()).isEqualTo(word);
        }
        for (String word : List.of("DEBUG", "INFO", "WARN", "ERROR")) {
            assertThat(LogLevel.parse(word).spelling()).isEqualTo(word);
        }
        assertThat(StepStatus.parse("skipped").isFailure()).isFalse();
        assertThat(StepStatus.parse("ok").isFailure()).isFalse();
        assertThat(StepStatus.parse("timeout").isFailure()).isTrue();
    }

    @Test
    void aWordNoVersionWroteIsRefusedByName() {
        assertThatThrownBy(() -> StepStatus.parse("OK")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a step status: 'OK'");
        assertThatThrownBy(() -> RunOutcome.parse("done")).hasMessage("not a run outcome: 'done'");
        assertThatThrownBy(() -> LogLevel.parse("warning")).hasMessage("not a log level: 'warning'");
    }

    @Test
    void vstLogLinesCarryTheLevelWord() throws Exception {
        RunDirectory dir = RunDirectory.create(root, null, new RunInfo("vst test", "s", "s.yaml", Map.of(), true, T0,
                null, RunOutcome.RUNNING, null, List.of(), Map.of()), "name: s\n");
        dir.log(LogLevel.WARN, "memory high");
        dir.close();
        List<String> lines = Files.readAllLines(dir.path().resolve("vst.log"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("\\S+Z WARN memory high"));
    }
}
