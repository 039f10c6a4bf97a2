package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest from a far start_index runs (the live set keeps room for its own ids only), and what vst counts
 * afterwards is what the server holds: its DBSIZE, and keys whose ids all lie in the ingest's range.
 */
class FarStartIntegrationTest {

    private static final long START = 300_000_000L;

    @TempDir
    Path out;

    @Test
    void anIngestFromAFarStartAndAShrinkLeaveTheServerWithTheCountVstReports() {
        String yaml = String.format(Locale.ROOT, """
                name: far
                dataset: synthetic-8
                index: {prefix: "far:"}
                steps:
                  - {name: load, type: workload, workload: ingest, parameters: {target_vectors: 1000, start_index: %d}}
                  - {name: shrink, type: workload, workload: shrink, parameters: {target_vectors: 400}}
                """, START);
        try (ValkeyTestServer server = ValkeyTestServer.start();
             ValkeyClient admin = ValkeyClient.connect(server.endpoint(), 2)) {
            RunResult r = EngineHarness.run(yaml, server.endpoint(), server.pid(), out);
            assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
            List<StepRecord> steps = r.steps();
            assertThat(steps).extracting(StepRecord::name).containsExactly("load", "shrink");
            assertThat(steps.get(0).operations()).isEqualTo(1000);
            assertThat(admin.dbSize()).as("the server's keys").isEqualTo(400).isEqualTo(steps.get(1).liveVectorsAfter());
            List<String> keys = admin.scanKeys("far:");
            assertThat(keys).hasSize(400);
            assertThat(keys).allSatisfy(k -> assertThat(Long.parseLong(k.substring("far:".length())))
                    .isBetween(START, START + 999));
        }
    }
}
