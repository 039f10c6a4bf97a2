package io.vst.scenario.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vst.scenario.Severity;
import io.vst.scenario.yaml.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus of invalid scenarios: each file states, in header comments, every error and warning it
 * must produce as {@code # expect: LINE:COL SEVERITY: MESSAGE}, and optionally {@code # options: strict}
 * and {@code # rules: FILE} (relative to the corpus directory). The validator must report exactly those
 * findings, never throw, and find at least one error.
 */
class InvalidScenariosTest {

    static final Path DIR = Path.of("src/test/resources/scenarios/invalid");
    private static final String EXPECT = "# expect: ";

    static List<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void theCorpusHasAtLeastSixtyScenarios() throws IOException {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(60);
    }

    @TestFactory
    Stream<DynamicTest> everyInvalidScenarioReportsExactlyItsExpectedFindings() throws IOException {
        return corpus().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    private static void check(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> expected = new ArrayList<>();
        boolean strict = false;
        ValidationRules rules = ValidationRules.defaults();
        for (String line : text.split("\n")) {
            if (line.startsWith(EXPECT)) {
                expected.add(line.substring(EXPECT.length()));
            } else if (line.equals("# options: strict")) {
                strict = true;
            } else if (line.startsWith("# rules: ")) {
                ValidationRules.Loaded loaded = ValidationRules.read(DIR.resolve(line.substring(9).trim()));
                assertThat(loaded.diagnostics()).isEmpty();
                rules = loaded.rules();
            }
        }
        assertThat(expected).as("the file states its expected findings").isNotEmpty();
        ValidationOptions options = new ValidationOptions(strict, rules);
        List<ParseResult> result = new ArrayList<>();
        assertThatCode(() -> result.add(Scenarios.load(file.toString(), options))).doesNotThrowAnyException();
        ParseResult r = result.get(0);
        List<String> actual = r.diagnostics().stream().filter(d -> d.severity() != Severity.INFO)
                .map(d -> d.span().line() + ":" + d.span().column() + " " + d.severity().label() + ": " + d.message())
                .toList();
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(r.hasErrors()).isTrue();
        assertThat(r.diagnostics()).allSatisfy(d -> assertThat(d.span().file()).isEqualTo(file.toString()));
    }
}
