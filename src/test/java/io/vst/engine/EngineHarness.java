package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.GlobalConfig;
import io.vst.scenario.Severity;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.validate.ScenarioValidator;
import io.vst.scenario.validate.ValidationOptions;
import io.vst.scenario.yaml.ParseResult;
import io.vst.scenario.yaml.ScenarioReader;
import io.vst.valkey.ClientSettings;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.ValkeyEndpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs scenario text through the real reader, validator, planner and runner against a real server. */
final class EngineHarness {

    private EngineHarness() {
    }

    static RunPlan plan(String yaml) {
        return plan(yaml, PlanOptions.defaults());
    }

    static RunPlan plan(String yaml, PlanOptions options) {
        ParseResult parsed = ScenarioReader.read(yaml, "test.yaml");
        List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
        all.addAll(new ScenarioValidator(SchemaRegistry.builtin(), ValidationOptions.defaults()).validate(parsed));
        assertThat(all.stream().filter(d -> d.severity() == Severity.ERROR).map(Diagnostic::format).toList())
                .as("scenario errors").isEmpty();
        return RunPlan.of(parsed.scenario(), SchemaRegistry.builtin(), options);
    }

    static RunResult run(String yaml, ValkeyEndpoint endpoint, long pid, Path out, RunListener... listeners) {
        return run(plan(yaml), endpoint, pid, out, listeners);
    }

    static RunResult run(RunPlan plan, ValkeyEndpoint endpoint, long pid, Path out, RunListener... listeners) {
        // the scenario's connection_timeout and operation_timeout, as vst run and the workbench apply them
        GlobalConfig global = plan.scenario().globalConfig();
        ValkeyClient client = ValkeyClient.connect(endpoint,
                ClientSettings.of(16, global.connectionTimeout(), global.operationTimeout()));
        try (ServerSession session = new ServerSession(client, null, pid)) {
            // Reports are tested on their own and by the CLI tests; engine tests skip them for speed. Some
            // engine tests run past a small maxmemory on purpose (OOM handling): the memory preflight, tested by
            // DataSafetyTest, is waived here as --allow-large would.
            return new Runner(plan, session, RunOptions.defaults().withOutputRoot(out).withReport(false)
                    .withSafety(false, true), List.of(listeners)).run();
        }
    }

    /** Runs {@code plan} as shard {@code shard} into exactly {@code dir}, with its own connections (no report). */
    static RunResult runShard(RunPlan plan, ValkeyEndpoint endpoint, long pid, ShardSpec shard, Path dir) {
        ValkeyClient client = ValkeyClient.connect(endpoint, ClientSettings.of(8));
        try (ServerSession session = new ServerSession(client, null, pid)) {
            RunOptions options = new RunOptions(dir.getParent(), dir, 42L, "test", RunOptions.defaults().workloads(),
                    false, false, true, shard);
            return new Runner(plan, session, options, List.of()).run();
        }
    }
}
