package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import io.vst.scenario.Parameters;
import io.vst.scenario.schema.ParamSpec;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.schema.WorkloadTraits;
import io.vst.scenario.yaml.ScenarioReader;
import io.vst.valkey.ServerCapabilities;
import io.vst.workload.Workload;
import io.vst.workload.WorkloadProvider;
import io.vst.workload.WorkloadRegistry;
import io.vst.workload.WorkloadResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search-module preflight asks each step's workload traits, so a plugin that declares it is checked too. */
class PreflightTraitsTest {

    /** A plugin workload that sends FT.* queries and says so. */
    public static final class SearchingProvider implements WorkloadProvider {
        @Override
        public String name() {
            return "searcher";
        }

        @Override
        public String description() {
            return "Runs its own vector queries";
        }

        @Override
        public List<ParamSpec> parameters() {
            return List.of();
        }

        @Override
        public Workload create() {
            return ctx -> WorkloadResult.of(0, 0);
        }

        @Override
        public WorkloadTraits traits() {
            return new WorkloadTraits() {
                @Override
                public boolean needsSearch(Parameters p) {
                    return true;
                }
            };
        }
    }

    /** A plugin workload that declares nothing. */
    public static final class QuietProvider implements WorkloadProvider {
        @Override
        public String name() {
            return "quiet";
        }

        @Override
        public String description() {
            return "Does nothing";
        }

        @Override
        public List<ParamSpec> parameters() {
            return List.of();
        }

        @Override
        public Workload create() {
            return ctx -> WorkloadResult.of(0, 0);
        }
    }

    private static final ServerCapabilities PLAIN = new ServerCapabilities("valkey", "8.0.1", Map.of(), null, false,
            1, 0, "jemalloc-5.3.0", "Linux", 1, true);
    private static final ServerCapabilities WITH_SEARCH = new ServerCapabilities("valkey", "8.1.1",
            Map.of("search", "1.0.3"), "1.0.3", false, 1, 0, "jemalloc-5.3.0", "Linux", 1, true);

    @TempDir
    static Path plugins;

    static WorkloadRegistry workloads;

    /** A plugin jar that only names the two providers above (their classes are on the test class path). */
    @BeforeAll
    static void installThePlugins() throws IOException {
        try (OutputStream file = Files.newOutputStream(plugins.resolve("test-plugins.jar"));
                JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new JarEntry("META-INF/services/" + WorkloadProvider.class.getName()));
            jar.write((SearchingProvider.class.getName() + "\n" + QuietProvider.class.getName() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        workloads = WorkloadRegistry.withPlugins(List.of(plugins));
    }

    private static RunPlan plan(String workload, String parameters) {
        String text = "name: t\ndataset: synthetic-128\nsteps:\n  - name: step_one\n    type: workload\n"
                + "    workload: " + workload + "\n    max_operations: 10\n" + parameters;
        return RunPlan.of(ScenarioReader.read(text, "t.yaml").scenario(), workloads.schema(SchemaRegistry.builtin()),
                PlanOptions.defaults());
    }

    private static void check(RunPlan plan, ServerCapabilities caps) {
        Preflight.check(plan, caps, "127.0.0.1:6379", workloads);
    }

    @Test
    void aPluginWorkloadThatNeedsSearchIsRefusedOnAServerWithoutTheModule() {
        assertThatThrownBy(() -> check(plan("searcher", ""), PLAIN)).isInstanceOf(VstException.class)
                .hasMessageContaining("has no valkey-search module, which step(s) step_one need");
        assertThatCode(() -> check(plan("searcher", ""), WITH_SEARCH)).doesNotThrowAnyException();
    }

    @Test
    void aPluginWorkloadThatDeclaresNothingRunsOnPlainValkey() {
        assertThatCode(() -> check(plan("quiet", ""), PLAIN)).doesNotThrowAnyException();
    }

    @Test
    void builtInWorkloadsNeedTheModuleWhenTheirParametersSendQueries() {
        assertThatThrownBy(() -> check(plan("query", ""), PLAIN)).hasMessageContaining("step(s) step_one need");
        assertThatThrownBy(() -> check(plan("mixed", ""), PLAIN)).as("no ratio given: only queries")
                .hasMessageContaining("step(s) step_one need");
        assertThatCode(() -> check(plan("mixed", "    parameters: {ingest_ratio: 1, query_ratio: 0}\n"), PLAIN))
                .doesNotThrowAnyException();
        assertThatCode(() -> check(plan("ingest", "    parameters: {target_vectors: 10}\n"), PLAIN))
                .doesNotThrowAnyException();
    }
}
