package io.vst.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import io.vst.cli.Main;
import io.vst.testsupport.PingPlugin;
import io.vst.testsupport.ValkeyTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds the sample plugin under examples/ping-workload into a jar and runs it through vst. */
class PluginIntegrationTest {

    @TempDir
    static Path work;

    static Path pluginDir;

    @BeforeAll
    static void buildThePlugin() throws IOException {
        pluginDir = PingPlugin.buildInto(work);
    }

    @Test
    void theExamplePluginDeclaresNoTraitsSoItNeedsNothingAndLeavesTheLiveCountUnknown() {
        WorkloadRegistry r = WorkloadRegistry.withPlugins(List.of(pluginDir));
        io.vst.scenario.schema.WorkloadTraits ping = r.traits("ping");
        io.vst.scenario.Parameters none = io.vst.scenario.Parameters.empty();

        assertThat(List.of(ping.needsDataset(none), ping.needsIndex(none), ping.needsSearch(none),
                ping.usesLiveVectors(none))).containsOnly(false);
        assertThat(ping.liveEffect(none)).isEqualTo(io.vst.scenario.schema.LiveEffect.UNKNOWN);
        assertThat(r.schema(io.vst.scenario.schema.SchemaRegistry.builtin()).traits("ping")).isSameAs(ping);
        assertThat(r.traits("query").needsSearch(none)).isTrue();
        assertThat(r.traits("com.example.vst.PingWorkload")).isSameAs(io.vst.scenario.schema.WorkloadTraits.UNDECLARED);
    }

    @Test
    void pluginIsDiscoveredWithItsSchema() {
        WorkloadRegistry r = WorkloadRegistry.withPlugins(List.of(pluginDir));
        assertThat(r.names()).contains("ingest", "query", "ping");
        assertThat(r.plugins()).extracting(WorkloadProvider::name).containsExactly("ping");
        assertThat(r.schema(io.vst.scenario.schema.SchemaRegistry.builtin()).workload("ping")).hasValueSatisfying(
                spec -> assertThat(spec.parameter("pause_ms")).isPresent());
        assertThat(r.knows("com.example.vst.PingWorkload")).isTrue();
        assertThat(r.create("com.example.vst.PingWorkload").getClass().getName()).isEqualTo("com.example.vst.PingWorkload");
        assertThat(WorkloadRegistry.builtin().knows("ping")).isFalse();
        assertThatThrownBy(() -> WorkloadRegistry.builtin().create("com.acme.Nope")).isInstanceOf(VstException.class)
                .hasMessageContaining("Unknown workload 'com.acme.Nope'");
    }

    @Test
    void scenarioUsingThePluginValidatesAndRunsFromTheCli() throws IOException {
        ValkeyTestServer.requireBinary();
        Path scenario = Files.writeString(work.resolve("ping.yaml"), PingPlugin.HEARTBEAT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"run", "--scenario", scenario.toString(), "--plugins", pluginDir.toString(),
            "--output", work.resolve("runs").toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).contains("200 pings");
        Path run;
        try (Stream<Path> dirs = Files.list(work.resolve("runs"))) {
            run = dirs.findFirst().orElseThrow();
        }
        assertThat(run.resolve("latency/ping.hlog")).exists();
        assertThat(Files.readAllLines(run.resolve("steps.csv")).get(1)).contains("ping:n=200");

        Path bad = Files.writeString(work.resolve("bad.yaml"), """
                name: heartbeat
                steps:
                  - name: beat
                    type: workload
                    workload: ping
                    parameters:
                      pause_ms: -5
                """);
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        int badCode = Main.run(new String[] {"run", "--scenario", bad.toString(), "--plugins", pluginDir.toString(),
            "--dry-run"}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err2, true, StandardCharsets.UTF_8));
        assertThat(badCode).isEqualTo(2);
        assertThat(err2.toString(StandardCharsets.UTF_8)).contains("bad.yaml:7:").contains("pause_ms");
    }

    @Test
    void workloadListShowsThePluginWithItsParameters() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"workload", "list", "--plugins", pluginDir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ping (plugin)").contains("pause_ms")
                .contains("ingest");
    }
}
