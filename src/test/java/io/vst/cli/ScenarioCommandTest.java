package io.vst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.scenario.StepType;
import io.vst.scenario.schema.ParamSpec;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.schema.WorkloadSpec;
import io.vst.scenario.validate.Scenarios;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void validatePrintsCompilerStyleErrorsAndExitsTwo() throws IOException {
        Path bad = write("bad.yaml", "name: bad\ndataset: synthetic-128\nsteps:\n  - name: load\n    type: workload\n"
                + "    workload: ingests\n    parameters:\n      target_vectors: 10\n");

        Run r = run("scenario", "validate", "--scenario", bad.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ":6:15: error: Invalid workload type 'ingests' — did you mean 'ingest'?");
        assertThat(r.out()).contains("invalid (1 error, 0 warnings)");
    }

    @Test
    void validateReportsTheGuidesMissingParameterWithItsPosition() throws IOException {
        Path bad = write("missing.yaml", "name: m\ndataset: synthetic-128\nsteps:\n  - name: ingest_step\n"
                + "    type: workload\n    workload: ingest\n");

        Run r = run("scenario", "validate", "--scenario", bad.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).contains(bad + ":6:5: error: Missing required parameter 'target_vectors'");
    }

    @Test
    void everyCorpusFileFailsValidationThroughTheCliWithoutAStackTrace() throws IOException {
        try (var files = Files.list(Path.of("src/test/resources/scenarios/invalid"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                if (Files.readString(f, StandardCharsets.UTF_8).contains("# rules:")) {
                    continue; // those need their rules file; InvalidScenariosTest covers them
                }
                Run r = run("scenario", "validate", "--strict", "--scenario", f.toString());
                assertThat(r.code()).as(f.toString()).isEqualTo(2);
                assertThat(r.err()).as(f.toString()).contains(f + ":").doesNotContain("Exception", "\tat ");
            }
        }
    }

    @Test
    void validateAcceptsBuiltinNamesAndVerboseShowsTheOutline() {
        Run r = run("scenario", "validate", "--scenario", "grow_shrink_grow", "--verbose");

        assertThat(r.code()).isZero();
        assertThat(r.err()).doesNotContain("error:").doesNotContain("warning:"); // notes (e.g. a dataset to download) may show
        assertThat(r.out()).contains("- shrink_phase (workload shrink) line 26")
                .contains("config/scenarios/grow_shrink_grow.yaml: valid (0 errors, 0 warnings)");
    }

    @Test
    void strictMakesWarningsFail() throws IOException {
        Path warn = write("warn.yaml", "name: w\ndataset: synthetic-128\nglobal_config:\n  n_thread: 2\nsteps:\n"
                + "  - {name: a, type: workload, workload: ingest, parameters: {target_vectors: 1}}\n");

        assertThat(run("scenario", "validate", "--scenario", warn.toString()).code()).isZero();
        Run strict = run("scenario", "check", "--scenario", warn.toString(), "--strict");
        assertThat(strict.code()).isEqualTo(2);
        assertThat(strict.err()).contains(warn + ":4:3: error: Unknown key 'n_thread' in global_config — did you mean "
                + "'n_threads'?");
    }

    @Test
    void customRulesApplyAndBrokenRulesFilesAreReported() throws IOException {
        Path rules = write("rules.yaml", "validation_rules:\n  global_config:\n    max_threads: 4\n");
        Path broken = write("broken.yaml", "validation_rules: [\n");
        Path s = write("s.yaml", "name: s\ndataset: synthetic-128\nglobal_config: {n_threads: 8}\nsteps:\n"
                + "  - {name: a, type: workload, workload: ingest, parameters: {target_vectors: 1}}\n");

        Run limited = run("scenario", "check", "--scenario", s.toString(), "--rules", rules.toString());
        assertThat(limited.code()).isEqualTo(2);
        assertThat(limited.err()).contains(s + ":3:28: error: 'n_threads' 8 is above the limit of 4");
        Run bad = run("scenario", "validate", "--scenario", s.toString(), "--rules", broken.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains(broken + ":2:1: error: YAML syntax error");
    }

    @Test
    void checkReportsThePlanAndWarnsWhenTheEstimateExceedsTheMemoryLimit() throws IOException {
        Path s = write("mem.yaml", "name: mem\ndataset: openai-5m\nglobal_config: {max_memory_usage_mb: 1024}\n"
                + "steps:\n  - {name: big, type: workload, workload: ingest, parameters: {target_vectors: 1000000}}\n");

        Run ok = run("scenario", "check", "--scenario", "quickstart");
        Run mem = run("scenario", "check", "--scenario", s.toString());

        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("6 steps planned").contains(": ok (0 errors, 0 warnings)");
        assertThat(mem.code()).isZero();
        assertThat(mem.err()).contains(s + ":5:6: warning: Step 'big' is estimated to need")
                .contains("above max_memory_usage_mb 1024");
        assertThat(run("scenario", "check", "--scenario", s.toString(), "--strict").code()).isEqualTo(2);
    }

    @Test
    void missingFilesAndOptionsAreInvalidInput() {
        Run missing = run("scenario", "validate", "--scenario", dir.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("error: No scenario file or built-in scenario named");
        assertThat(run("scenario", "validate").code()).isEqualTo(2);
    }

    @Test
    void docsAreGeneratedFromTheRegistry() {
        Run r = run("scenario", "docs");

        assertThat(r.code()).isZero();
        SchemaRegistry reg = SchemaRegistry.builtin();
        for (WorkloadSpec w : reg.workloads()) {
            assertThat(r.out()).contains("### " + w.name());
            for (ParamSpec p : w.parameters()) {
                assertThat(r.out()).contains(p.key());
            }
        }
        for (StepType t : StepType.values()) {
            assertThat(r.out()).contains("### " + t.yamlName());
            reg.stepType(t).parameters().forEach(p -> assertThat(r.out()).contains(p.key()));
        }
        reg.globalConfigKeys().forEach(p -> assertThat(r.out()).contains(p.key()));
        reg.conditionMetrics().forEach(m -> assertThat(r.out()).contains(m.name()));
        assertThat(r.out()).contains("target_vectors").contains("integer >= 0, required");
    }

    @Test
    void listShowAndWorkloadList() {
        Run list = run("scenario", "list");
        Run show = run("scenario", "show", "quickstart");
        Run unknown = run("scenario", "show", "nothing");
        Run workloads = run("workload", "list");

        assertThat(list.code()).isZero();
        Scenarios.builtinNames().forEach(n -> assertThat(list.out()).contains(n));
        assertThat(show.out()).isEqualTo(Scenarios.builtinText("quickstart"));
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("error: No built-in scenario named 'nothing'");
        assertThat(workloads.code()).isZero();
        assertThat(workloads.out()).contains("### ingest", "### query", "### shrink", "### update", "### mixed",
                "removal_strategy", "queries_per_second");
    }
}
