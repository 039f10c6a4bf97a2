package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepStatus;
import io.vst.rundir.StepRecord;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.testsupport.proxy.SearchProxy;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.ValkeyEndpoint;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate_ingestion / verify_removal check the index's own num_docs (FT.INFO through the search proxy,
 * made to report a wrong count), skip_verification skips them all, and a mixed step without queries runs
 * on plain Valkey.
 */
class VerificationIntegrationTest {

    @TempDir
    Path work;

    private static String load(String extra) {
        return "name: verify\ndataset: synthetic-8\n" + extra + "steps:\n"
                + "  - name: load\n    type: workload\n    workload: ingest\n"
                + "    parameters: {target_vectors: 500, validate_ingestion: true}\n";
    }

    private static String loadAndShrink(String shrinkConfig) {
        return "name: verify\ndataset: synthetic-8\nsteps:\n"
                + "  - name: load\n    type: workload\n    workload: ingest\n    parameters: {target_vectors: 500}\n"
                + "  - name: cut\n    type: workload\n    workload: shrink\n" + shrinkConfig
                + "    parameters: {target_vectors: 200, verify_removal: true}\n";
    }

    private RunResult run(SearchProxy proxy, String yaml) {
        return EngineHarness.run(yaml, ValkeyEndpoint.loopback(proxy.port()), -1, work.resolve("runs"));
    }

    private static StepRecord step(RunResult r, String name) {
        return r.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void validateIngestionPassesWhenTheIndexCountsEveryVectorAndFailsWhenItDoesNot() {
        ValkeyTestServer.requireBinary();
        try (SearchProxy proxy = SearchProxy.start()) {
            RunResult ok = run(proxy, load(""));
            assertThat(ok.outcome()).as(ok.message()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(step(ok, "load").detail()).contains("all verified (keys and num_docs)");
            proxy.skewNumDocs(-3);
            RunResult bad = run(proxy, load("index: {recreate_index: true}\n"));
            assertThat(bad.outcome()).isNotEqualTo(RunOutcome.COMPLETED);
            assertThat(step(bad, "load").status()).isEqualTo(StepStatus.FAILED);
            assertThat(bad.message() + step(bad, "load").detail())
                    .contains("validate_ingestion: FT.INFO vst_idx reports num_docs 497").contains("500 vectors are live");
        }
    }

    @Test
    void verifyRemovalChecksNumDocsAndSkipVerificationSkipsIt() {
        ValkeyTestServer.requireBinary();
        try (SearchProxy proxy = SearchProxy.start();
                ValkeyClient backend = ValkeyClient.connect(ValkeyEndpoint.loopback(proxy.backendPort()), 1)) {
            proxy.skewNumDocs(2);
            RunResult bad = run(proxy, loadAndShrink(""));
            assertThat(step(bad, "cut").status()).isEqualTo(StepStatus.FAILED);
            assertThat(bad.message() + step(bad, "cut").detail()).contains("verify_removal: FT.INFO vst_idx reports "
                    + "num_docs 202").contains("200 vectors are live");
            long existsBefore = CommandStats.calls(backend, "exists");
            assertThat(existsBefore).as("verify_removal read the keys back").isGreaterThanOrEqualTo(300);
            RunResult skipped = run(proxy, loadAndShrink("    config: {skip_verification: true}\n"));
            assertThat(skipped.outcome()).as(skipped.message()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(step(skipped, "cut").detail()).doesNotContain("verified");
            assertThat(CommandStats.calls(backend, "exists")).as("EXISTS calls under skip_verification")
                    .isEqualTo(existsBefore);
        }
    }

    @Test
    void aMixedStepWithoutQueriesRunsOnPlainValkeyAndOneWithQueriesIsRefusedBeforeItStarts() {
        String mixed = "name: churn\ndataset: synthetic-8\nsteps:\n"
                + "  - name: load\n    type: workload\n    workload: ingest\n    parameters: {target_vectors: 300}\n"
                + "  - name: churn\n    type: workload\n    workload: mixed\n    max_operations: 2000\n"
                + "    parameters: {ingest_ratio: 0.5, query_ratio: %s, update_ratio: 0.3, delete_ratio: 0.2}\n";
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient client = ValkeyClient.connect(server.endpoint(), 1)) {
            RunResult r = EngineHarness.run(String.format(java.util.Locale.ROOT, mixed, "0"), server.endpoint(),
                    server.pid(), work.resolve("runs"));
            assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(step(r, "churn").operations()).isEqualTo(2000);
            assertThat(CommandStats.calls(client, "hset")).isGreaterThan(300);
            long hsets = CommandStats.calls(client, "hset");
            assertThatThrownBy(() -> EngineHarness.run(String.format(java.util.Locale.ROOT, mixed, "0.1"),
                    server.endpoint(), server.pid(), work.resolve("runs")))
                    .hasMessageContaining("no valkey-search module").hasMessageContaining("step(s) churn need");
            assertThat(CommandStats.calls(client, "hset")).as("nothing ran").isEqualTo(hsets);
        }
    }
}
