package io.vst.cli;

import static io.vst.testsupport.VstCli.vst;
import static org.assertj.core.api.Assertions.assertThat;

import io.vst.testsupport.ValkeyTestServer;
import io.vst.testsupport.VstCli.Result;
import io.vst.valkey.ValkeyClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vst run --shard I/N --shard-group NAME} as a user types it. */
class ShardOptionTest {

    @TempDir
    Path tmp;

    @Test
    void badShardFormsExitTwoNamingTheOption() {
        String[][] cases = {
            {"3/3", "--shard 3/3: the index must be below the count (0..2)"},
            {"0/0", "--shard 0/0: the count must be 1 to 1024"},
            {"0/2000", "--shard 0/2000: the count must be 1 to 1024"},
            {"1-3", "--shard 1-3: expected INDEX/COUNT"},
        };
        for (String[] c : cases) {
            Result r = vst("run", "--scenario", "quickstart", "--shard", c[0], "--shard-group", "g", "--dry-run");
            assertThat(r.code()).as(c[0]).isEqualTo(2);
            assertThat(r.err()).contains(c[1]).doesNotContain("Exception").doesNotContain("\tat ");
        }
        Result noGroup = vst("run", "--scenario", "quickstart", "--shard", "1/2", "--dry-run");
        assertThat(noGroup.code()).isEqualTo(2);
        assertThat(noGroup.err()).contains("--shard 1/2 needs --shard-group NAME (or VST_SHARD_GROUP)");
        Result wait = vst("run", "--scenario", "quickstart", "--shard", "0/2", "--shard-group", "g", "--shard-wait",
                "-1", "--dry-run");
        assertThat(wait.code()).isEqualTo(2);
        assertThat(wait.err()).contains("--shard-wait -1.0: the wait must be a positive number of seconds");
    }

    @Test
    void twoShardProcessesRunOneScenarioAndRecordTheirShardInRunJson() throws Exception {
        ValkeyTestServer.requireBinary();
        Path scenario = Files.writeString(tmp.resolve("s.yaml"), """
                name: two
                dataset: synthetic-16
                steps:
                  - name: load
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 101}
                  - name: trim
                    type: workload
                    workload: shrink
                    parameters: {target_vectors: 40, removal_strategy: random}
                """);
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient client = ValkeyClient.connect(server.endpoint(), 2)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<Result>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                // shard 1 writes its report: a run without server figures must still make one
                List<String> args = new ArrayList<>(List.of("run", "--scenario", scenario.toString(), "--server",
                        "valkey://127.0.0.1:" + server.port(), "--shard", i + "/2", "--shard-group", "cli-test",
                        "--output", tmp.resolve("out" + i).toString()));
                if (i == 0) {
                    args.add("--no-report");
                }
                runs.add(pool.submit(() -> vst(args.toArray(String[]::new))));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> f : runs) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            pool.shutdownNow();
            for (Result r : results) {
                assertThat(r.code()).as(r.out() + r.err()).isZero();
            }
            assertThat(client.scanKeys("vec:")).hasSize(40);
            for (int i = 0; i < 2; i++) {
                String json = Files.readString(runDir(tmp.resolve("out" + i)).resolve("run.json"));
                assertThat(json).contains("\"shard\" : \"" + i + "/2\"").contains("\"shard_group\" : \"cli-test\"");
            }
            assertThat(runDir(tmp.resolve("out1")).resolve("report.html")).isNotEmptyFile();
            assertThat(results.get(1).err()).doesNotContain("Exception");
        }
    }

    private static Path runDir(Path root) throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }
}
