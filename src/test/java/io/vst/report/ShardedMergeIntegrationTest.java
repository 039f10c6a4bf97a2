package io.vst.report;

import static io.vst.testsupport.VstCli.vst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.vst.cli.Main;
import io.vst.metrics.CheckpointResult;
import io.vst.rundir.RunData;
import io.vst.rundir.RunDataReader;
import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.testsupport.VstCli;
import io.vst.valkey.ClusterMode;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.ValkeyEndpoint;
import io.vst.valkey.server.ManagedCluster;
import io.vst.valkey.server.ManagedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code vst run --shard I/3} processes against one real valkey-server, merged, against one process
 * running the whole scenario on a fresh server: the same step counts and live set, latency counts the sum
 * of the shards', and memory per vector (which each shard alone gets wrong: it divides the whole server's
 * memory by its own third of the vectors) as the single run measures it.
 */
class ShardedMergeIntegrationTest {

    private static final String SCENARIO = """
            name: merge_e2e
            dataset: synthetic-8
            global_config:
              # One connection: vectors are acknowledged in id order, so "oldest" names the same ids in every run.
              n_threads: 1
              n_clients: 1
              batch_size: 50
              metrics_collection_interval: 0.2
            steps:
              - name: load
                type: workload
                workload: ingest
                parameters: {target_vectors: 30000}
              - name: loaded
                type: checkpoint
              - name: shrink
                type: workload
                workload: shrink
                parameters: {target_vectors: 9000, removal_strategy: oldest}
              - name: shrunk
                type: checkpoint
                parameters: {compare_with: loaded}
            """;

    @TempDir
    Path tmp;

    @Test
    void threeShardsMergedCountAsOneProcess() throws Exception {
        ValkeyTestServer.requireBinary();
        try (ValkeyTestServer shared = ValkeyTestServer.start(); ValkeyTestServer alone = ValkeyTestServer.start()) {
            shardsAgainstOneProcess(shared.port(), alone.port(), List.of(shared.endpoint()), List.of(alone.endpoint()));
        }
    }

    @Test
    void threeShardsOnAThreePrimaryClusterMergedCountAsOneProcessOnAnother() throws Exception {
        try (ManagedCluster shared = ValkeyTestServer.startCluster(3); ManagedCluster alone = ValkeyTestServer.startCluster(3)) {
            shardsAgainstOneProcess(shared.nodes().get(0).port(), alone.nodes().get(0).port(),
                    shared.nodes().stream().map(ManagedServer::endpoint).toList(),
                    alone.nodes().stream().map(ManagedServer::endpoint).toList());
        }
    }

    /**
     * Three {@code vst run --shard I/3} processes against the server at {@code sharedPort}, one plain process
     * against the one at {@code alonePort}, then {@code vst merge}; the servers' own keys (read node by node) and
     * the merged counts against the single run.
     */
    private void shardsAgainstOneProcess(int sharedPort, int alonePort, List<ValkeyEndpoint> sharedNodes,
            List<ValkeyEndpoint> aloneNodes) throws Exception {
        Path scenario = Files.writeString(tmp.resolve("probe.yaml"), SCENARIO);
        List<Path> shardDirs = new ArrayList<>();
        Path single;
        {
            List<Process> shards = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                shardDirs.add(tmp.resolve("shard-" + i));
                shards.add(child(scenario, sharedPort, shardDirs.get(i), "--shard", i + "/3", "--shard-group",
                        "merge-it-" + sharedPort));
            }
            VstCli.Result one = vst("run", "--scenario", scenario.toString(), "--server", "valkey://127.0.0.1:"
                    + alonePort, "--output", tmp.resolve("single").toString(), "--no-report", "--yes");
            assertThat(one.code()).as(one.err()).isZero();
            for (int i = 0; i < shards.size(); i++) {
                Process p = shards.get(i);
                boolean ended = p.waitFor(5, TimeUnit.MINUTES);
                if (!ended) {
                    p.destroyForcibly();
                }
                assertThat(ended).as("shard " + i + " ended").isTrue();
                assertThat(p.exitValue()).as(Files.readString(log(shardDirs.get(i)))).isZero();
            }
            single = only(tmp.resolve("single"));
            // The servers' own view, node by node: the same vector keys as the single process wrote.
            assertThat(vectorKeys(sharedNodes)).hasSize(9000).isEqualTo(vectorKeys(aloneNodes));
        }
        Path out = tmp.resolve("merged");
        List<String> args = new ArrayList<>(List.of("merge"));
        shardDirs.forEach(d -> args.add(d.toString()));
        args.addAll(List.of("--output", out.toString()));
        VstCli.Result m = vst(args.toArray(String[]::new));
        assertThat(m.code()).as(m.err()).isZero();
        RunData merged = RunDataReader.read(out);
        RunData whole = RunDataReader.read(single);
        List<RunData> parts = shardDirs.stream().map(d -> RunDataReader.read(only(d))).toList();
        assertThat(merged.info().outcome()).isEqualTo(RunOutcome.COMPLETED);
        for (StepRecord s : whole.steps()) {
            StepRecord ms = merged.steps().stream().filter(x -> x.name().equals(s.name())).findFirst().orElseThrow();
            assertThat(ms.operations()).as(s.name()).isEqualTo(s.operations());
            assertThat(ms.liveVectorsAfter()).as(s.name()).isEqualTo(s.liveVectorsAfter());
        }
        for (String op : List.of("ingest", "delete")) {
            long sum = parts.stream().mapToLong(p -> total(p, op)).sum();
            assertThat(total(merged, op)).as(op).isEqualTo(sum).isEqualTo(total(whole, op));
        }
        for (CheckpointResult c : whole.checkpoints()) {
            CheckpointResult mc = merged.checkpoints().stream().filter(x -> x.name().equals(c.name())).findFirst()
                    .orElseThrow();
            assertThat(mc.liveVectors()).isEqualTo(c.liveVectors());
            // Two servers: after the shrink their allocators hold different free pages (the deletes came over
            // three connections, not one); measured 7.2 % apart after it, 0.1 % before. Each shard alone is 200 %
            // off (its own third of the vectors over the whole server's memory).
            assertThat(mc.perVector().totalBytes()).as(c.name() + " bytes per vector").isCloseTo(
                    c.perVector().totalBytes(), withinPercentage(c.name().equals("loaded") ? 5 : 12));
        }
    }

    private static Process child(Path scenario, int port, Path output, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                "--scenario", scenario.toString(), "--server", "valkey://127.0.0.1:" + port, "--output",
                output.toString(), "--no-report", "--yes"));
        cmd.addAll(List.of(extra));
        Files.createDirectories(output);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(output).toFile()).start();
    }

    /** Where a shard's console output goes: beside its --output folder (the merge takes a folder of one run). */
    private static Path log(Path output) {
        return output.resolveSibling(output.getFileName() + ".log");
    }

    private static Set<String> vectorKeys(List<ValkeyEndpoint> nodes) {
        Set<String> keys = new HashSet<>();
        for (ValkeyEndpoint node : nodes) {
            try (ValkeyClient c = ValkeyClient.connect(node.withCluster(ClusterMode.STANDALONE), 1)) {
                keys.addAll(c.scanKeys("vec:"));
            }
        }
        return keys;
    }

    private static long total(RunData r, String op) {
        Histogram t = new Histogram(3);
        r.latencyByStep(op).values().forEach(t::add);
        return t.getTotalCount();
    }

    private static Path only(Path folder) {
        try (Stream<Path> dirs = Files.list(folder)) {
            return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
