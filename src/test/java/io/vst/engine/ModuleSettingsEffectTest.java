package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.rundir.RunOutcome;
import io.vst.testsupport.RealSearch;
import io.vst.valkey.server.ManagedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index and query settings of a scenario reach the real valkey-search module: the server's own
 * MONITOR record of the FT.CREATE and FT.SEARCH commands it ran carries each value the scenario gave.
 */
class ModuleSettingsEffectTest {

    @TempDir
    Path out;

    private static final String SCENARIO = """
            name: settings_%s
            dataset: synthetic-16
            index: {algorithm: %s%s}
            global_config: {n_threads: 1, n_clients: 2, batch_size: 100}
            steps:
              - name: load
                type: workload
                workload: ingest
                parameters: {target_vectors: 500}
              - name: ask
                type: workload
                workload: query
                max_operations: 20
                config: {n_threads: 1, n_clients: 1, batch_size: 1}
                parameters: {query_k: 5%s}
            """;

    /** Runs the scenario with a MONITOR tap on the server from before its first command. */
    static MonitorTap run(ManagedServer server, String yaml, Path out) {
        MonitorTap tap = new MonitorTap(server.port());
        RunResult r = EngineHarness.run(yaml, server.endpoint(), server.pid(), out);
        assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
        return tap;
    }

    /** The MONITOR lines of {@code command} once at least {@code atLeast} arrived (or 5 s passed). */
    static List<String> await(MonitorTap tap, String command, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (tap.linesOf(command).size() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return tap.linesOf(command);
    }

    @Test
    void hnswIndexAndQuerySettingsReachTheModule() throws Exception {
        String yaml = String.format(java.util.Locale.ROOT, SCENARIO, "hnsw", "HNSW",
                ", distance_metric: cosine, m: 8, ef_construction: 123, ef_runtime: 17, initial_cap: 4096",
                ", ef_runtime: 33, nocontent: true");
        try (ManagedServer server = RealSearch.start(); MonitorTap tap = run(server, yaml, out)) {
            List<String> create = await(tap, "FT.CREATE", 1);
            assertThat(create).hasSize(1);
            String ddl = create.get(0).toUpperCase(java.util.Locale.ROOT);
            assertThat(ddl).contains("\"DISTANCE_METRIC\" \"COSINE\"").contains("\"M\" \"8\"")
                    .contains("\"EF_CONSTRUCTION\" \"123\"").contains("\"EF_RUNTIME\" \"17\"")
                    .contains("\"INITIAL_CAP\" \"4096\"");
            List<String> searches = await(tap, "FT.SEARCH", 20);
            assertThat(searches).hasSizeGreaterThanOrEqualTo(20)
                    .allSatisfy(l -> assertThat(l).contains("EF_RUNTIME 33").contains("\"NOCONTENT\""));
        }
    }

    @Test
    void flatBlockSizeReachesTheModuleAndQueriesWithoutSettingsSendNone() throws Exception {
        String yaml = String.format(java.util.Locale.ROOT, SCENARIO, "flat", "FLAT", ", block_size: 512", "");
        try (ManagedServer server = RealSearch.start(); MonitorTap tap = run(server, yaml, out)) {
            List<String> create = await(tap, "FT.CREATE", 1);
            assertThat(create).hasSize(1);
            assertThat(create.get(0).toUpperCase(java.util.Locale.ROOT)).contains("\"BLOCK_SIZE\" \"512\"");
            List<String> searches = await(tap, "FT.SEARCH", 20);
            assertThat(searches).hasSizeGreaterThanOrEqualTo(20)
                    .allSatisfy(l -> assertThat(l).doesNotContain("EF_RUNTIME").doesNotContain("NOCONTENT"));
        }
    }
}
