package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.yaml.ScenarioReader;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine refuses an unsafe prefix itself, for a plan that never went through validation (a plugin,
 * the workbench, a test): the fresh start and a cleanup step delete nothing. Reference: DBSIZE.
 */
class PrefixGuardIntegrationTest {

    @TempDir
    Path out;

    @Test
    void aPlanWithAnEmptyPrefixDeletesNothingEvenWithoutValidation() {
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient client = ValkeyClient.connect(server.endpoint(), 2)) {
            client.command("EVAL", "for i=0,1002 do redis.call('SET','user:'..i,'v') end return 1", "0");
            for (String index : List.of("{prefix: \"\"}", "{prefix: \"*\", recreate_index: false}")) {
                RunPlan plan = RunPlan.of(ScenarioReader.read(String.format(Locale.ROOT, """
                        name: unsafe
                        dataset: synthetic-16
                        index: %s
                        steps:
                          - name: clean
                            type: cleanup
                            parameters: {cleanup_type: partial}
                        """, index), "unsafe.yaml").scenario(), SchemaRegistry.builtin(),
                        PlanOptions.defaults());
                assertThatThrownBy(() -> EngineHarness.run(plan, server.endpoint(), server.pid(), out))
                        .as(index).isInstanceOf(VstException.class).hasMessageContaining("index.prefix")
                        .hasMessageContaining("nothing was deleted");
                assertThat(client.dbSize()).as(index).isEqualTo(1003);
            }
        }
    }
}
