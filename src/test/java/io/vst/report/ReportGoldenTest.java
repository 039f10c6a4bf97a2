package io.vst.report;

import static io.vst.report.RecordedRuns.QUICKSTART;
import static io.vst.report.RecordedRuns.SEARCH_PROXY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vst.rundir.Json;
import io.vst.rundir.RunData;
import io.vst.rundir.RunDataReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CSV and JSON exports of the recorded runs, byte for byte against files under
 * src/test/resources/golden. After an intended change of a format, rewrite them with
 * {@code -Dvst.golden.update=true} and review the diff.
 */
class ReportGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    static List<Arguments> exports() {
        List<Arguments> out = new java.util.ArrayList<>();
        for (Path run : List.of(QUICKSTART, SEARCH_PROXY)) {
            String name = run.getFileName().toString();
            out.add(Arguments.of(run, name + "/" + CsvExports.TIMELINE, (Function<RunData, String>) CsvExports::timeline));
            out.add(Arguments.of(run, name + "/" + CsvExports.STEPS, (Function<RunData, String>) CsvExports::steps));
            out.add(Arguments.of(run, name + "/" + CsvExports.CHECKPOINTS,
                    (Function<RunData, String>) CsvExports::checkpoints));
            out.add(Arguments.of(run, name + "/" + CsvExports.LATENCY,
                    (Function<RunData, String>) CsvExports::latencyPercentiles));
            out.add(Arguments.of(run, name + "/" + ReportWriter.SUMMARY, (Function<RunData, String>) r -> {
                try {
                    return Json.mapper().writeValueAsString(JsonSummary.of(r)) + "\n";
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        return out;
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("exports")
    void exportMatchesItsGoldenFile(Path run, String golden, Function<RunData, String> export) throws Exception {
        String actual = export.apply(RunDataReader.read(run));
        Path file = GOLDEN.resolve(golden);
        if (Boolean.getBoolean("vst.golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        if (golden.endsWith(".csv")) {
            List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(actual)).getRecords();
            assertThat(rows).as("header and rows").hasSizeGreaterThan(1);
            assertThat(rows).allSatisfy(r -> assertThat(r.size()).isEqualTo(rows.get(0).size()));
        } else {
            JsonNode json = Json.mapper().readTree(actual);
            assertThat(json.get("schema").asText()).isEqualTo(JsonSummary.SCHEMA);
        }
    }
}
