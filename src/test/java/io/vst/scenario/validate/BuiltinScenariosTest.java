package io.vst.scenario.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.scenario.Parameters;
import io.vst.scenario.Scenario;
import io.vst.scenario.Step;
import io.vst.scenario.StepType;
import io.vst.scenario.yaml.ParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BuiltinScenariosTest {

    static Stream<String> builtins() {
        return Scenarios.builtinNames().stream();
    }

    @ParameterizedTest
    @MethodSource("builtins")
    void everyBuiltinValidatesStrictlyWithoutFindings(String name) {
        ParseResult r = Scenarios.load(name, ValidationOptions.defaults().withStrict(true));

        assertThat(r.diagnostics()).as(String.join("\n", Scenarios.format(r.diagnostics()))).isEmpty();
        assertThat(r.scenario().name()).isEqualTo(name);
        assertThat(r.scenario().steps()).isNotEmpty();
    }

    @Test
    void everyFileInConfigScenariosIsListedAsBuiltin() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("config/scenarios"))) {
            assertThat(files.map(p -> p.getFileName().toString().replace(".yaml", "")))
                    .containsExactlyInAnyOrderElementsOf(Scenarios.builtinNames());
        }
    }

    @Test
    void quickstartIsSmallAndUsesSyntheticVectors() {
        Scenario s = Scenarios.load("quickstart", ValidationOptions.defaults()).scenario();

        assertThat(s.dataset()).isEqualTo("synthetic-128");
        assertThat(s.globalConfig().nThreads()).isEqualTo(2);
        assertThat(s.globalConfig().nClients()).isEqualTo(4);
        assertThat(s.globalConfig().batchSize()).isEqualTo(500);
        assertThat(s.steps()).extracting(Step::type).containsExactly(StepType.WORKLOAD, StepType.CHECKPOINT,
                StepType.WORKLOAD, StepType.CHECKPOINT, StepType.WORKLOAD, StepType.CHECKPOINT);
        assertThat(s.steps().get(3).common().parameters().getString("compare_with", null)).isEqualTo("loaded");
        Parameters last = s.steps().get(5).common().parameters();
        assertThat(last.getBool("analyze_fragmentation", false)).isTrue();
        assertThat(last.getBool("detect_memory_leaks", false)).isTrue();
    }

    @Test
    void unknownBuiltinNameIsADiagnosticWithSuggestion() {
        ParseResult r = Scenarios.load("quikstart", ValidationOptions.defaults());

        assertThat(r.hasErrors()).isTrue();
        assertThat(r.errors().get(0).message()).contains("did you mean 'quickstart'?");
    }
}
