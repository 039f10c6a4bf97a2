package io.vst.report;

import static io.vst.report.RecordedRuns.QUICKSTART;
import static io.vst.report.RecordedRuns.SEARCH_PROXY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.vst.rundir.RunDataReader;
import io.vst.rundir.RunDirectory;
import io.vst.testsupport.VstCli;
import java.awt.image.BufferedImage;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html opened from disk by headless Chromium (Debian's {@code chromium}): no console errors,
 * every chart drawn with every timeline row the CSV export holds, hover values in their units, a drag
 * across one chart zooming every time chart, and a screenshot that shows more than a blank page.
 * Skipped without Chromium unless VST_TEST_REQUIRE_VALKEY=1 (the switch that makes this machine's
 * system packages mandatory).
 */
class ReportInBrowserTest {

    @TempDir
    Path tmp;

    @Test
    void everyChartHoldsEveryTimelineRowReadsInUnitsAndZoomsWithTheOthers() throws Exception {
        HeadlessChromium browser = HeadlessChromium.require(tmp);
        Path out = tmp.resolve("report");
        ReportWriter.write(SEARCH_PROXY, out, EnumSet.of(ReportFormat.HTML, ReportFormat.CSV));
        Csv timeline = Csv.read(out.resolve("csv/timeline.csv"));
        int hoverRow = timeline.rows() / 2;
        double hoverAt = Double.parseDouble(timeline.cell(hoverRow, "elapsed_s"));

        JsonNode probe = browser.probe(out.resolve(ReportWriter.HTML), "vstProbe.hover(0, " + hoverAt + ");"
                + "vstProbe.step('hover'); vstProbe.drag(2, 0.25, 0.6); vstProbe.step('drag');"
                + "vstProbe.zoom(2.5, 4.25, -1); vstProbe.step('zoom'); vstProbe.pan(1, 0.5, 0.25); vstProbe.step('pan');"
                + "vstProbe.toggle(0, 1); vstProbe.step('toggled');");
        JsonNode charts = probe.get("loaded");
        assertThat(charts).hasSize(ChartCatalog.available(RunDataReader.read(SEARCH_PROXY)).size());
        double end = 0;
        int timelineCharts = 0;
        for (JsonNode chart : charts) {
            assertThat(chart.get("series")).as(chart.get("id").asText()).isNotEmpty();
            for (JsonNode s : chart.get("series")) {
                if (s.hasNonNull("column")) {
                    assertThat(s.get("points").asInt()).as("%s: %s", chart.get("id"), s.get("label"))
                            .isEqualTo(timeline.filled(s.get("column").asText())).isPositive();
                }
            }
            if (chart.get("series").get(0).hasNonNull("column")) {
                timelineCharts++;
                assertThat(chart.get("rows").asInt()).as(chart.get("id").asText()).isEqualTo(timeline.rows());
            }
            if ("time".equals(chart.get("kind").asText())) {
                end = chart.get("max").asDouble();
                assertThat(chart.get("min").asDouble()).isZero();
            }
        }
        assertThat(timelineCharts).isGreaterThanOrEqualTo(8);
        assertThat(end).isGreaterThanOrEqualTo(Double.parseDouble(timeline.cell(timeline.rows() - 1, "elapsed_s")));
        perVectorAndSpectraMatchTheirCsv(charts, out);

        // Hovering the memory chart at one sample moves every time chart's cursor there (one shared cursor),
        // and each legend reads that row of timeline.csv in the chart's unit.
        for (JsonNode chart : probe.get("hover")) {
            if (!chart.get("series").get(0).hasNonNull("column")) {
                continue;
            }
            String id = chart.get("id").asText();
            assertThat(chart.get("legend").get(0).asText()).as(id).startsWith(elapsed(hoverAt));
            for (int i = 0; i < chart.get("series").size(); i++) {
                String column = chart.get("series").get(i).get("column").asText();
                assertThat(chart.get("legend").get(i + 1).asText()).as("%s %s", id, column)
                        .isEqualTo(expected(chart.get("unit").asText(), column, timeline.cell(hoverRow, column)));
            }
        }
        // A drag across the third chart from 25 % to 60 % of its width zooms every time chart alike.
        double[] dragged = sameTimeScale(probe.get("drag"));
        assertThat(dragged[0]).isCloseTo(0.25 * end, within(0.02 * end));
        assertThat(dragged[1]).isCloseTo(0.60 * end, within(0.02 * end));
        // The test hook zooms the last time chart; the first follows like every other.
        assertThat(sameTimeScale(probe.get("zoom"))).containsExactly(2.5, 4.25);
        // Shift+drag on the second chart from the middle to a quarter of its width pans every time chart by a
        // quarter of the 1.75 s shown: later by 0.4375 s.
        double[] panned = sameTimeScale(probe.get("pan"));
        assertThat(panned[0]).isCloseTo(2.9375, within(0.01));
        assertThat(panned[1]).isCloseTo(4.6875, within(0.01));
        // A click on the memory chart's second legend entry hides that line and only that one.
        JsonNode memory = probe.get("toggled").get(0).get("series");
        for (int i = 0; i < memory.size(); i++) {
            assertThat(memory.get(i).get("show").asBoolean()).as(memory.get(i).get("label").asText()).isEqualTo(i != 1);
        }
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theQuickstartReportShowsItsChartsOnScreenWithTheStepsShaded() throws Exception {
        HeadlessChromium browser = HeadlessChromium.require(tmp);
        Path out = tmp.resolve("report");
        ReportWriter.write(QUICKSTART, out, EnumSet.of(ReportFormat.HTML, ReportFormat.CSV));
        // The background each chart shows (the commonest colour of a pixel column) before the first step, inside
        // the first step and inside the second: steps.csv says where the steps are.
        Csv steps = Csv.read(out.resolve("csv/steps.csv"));
        Csv timeline = Csv.read(out.resolve("csv/timeline.csv"));
        double firstSample = Double.parseDouble(timeline.cell(0, "elapsed_s"));
        double t0 = Instant.parse(timeline.cell(0, "timestamp_utc")).toEpochMilli() / 1000.0 - firstSample;
        StringBuilder script = new StringBuilder();
        List<String> inside = new ArrayList<>();
        for (int r = 0; r < steps.rows() && inside.size() < 2; r++) {
            if (!steps.cell(r, "type").equals("checkpoint")) {
                double middle = (Instant.parse(steps.cell(r, "started_at_utc")).toEpochMilli()
                        + Instant.parse(steps.cell(r, "ended_at_utc")).toEpochMilli()) / 2000.0 - t0;
                script.append(String.format(Locale.ROOT, "vstProbe.shade(0, %f, '%s');", middle, steps.cell(r, "name")));
                inside.add(steps.cell(r, "name"));
            }
        }
        script.append(String.format(Locale.ROOT, "vstProbe.shade(0, %f, 'before');", firstSample / 3));
        JsonNode shades = browser.probe(out.resolve(ReportWriter.HTML), script.toString()).get("shades");
        assertThat(inside).hasSize(2);
        assertThat(shades.get("before").asText()).isEqualTo("0,0,0,0");
        assertThat(shades.get(inside.get(0)).asText()).isNotEqualTo("0,0,0,0")
                .isNotEqualTo(shades.get(inside.get(1)).asText());
        assertThat(shades.get(inside.get(1)).asText()).isNotEqualTo("0,0,0,0");

        ReportWriter.write(QUICKSTART, out, EnumSet.of(ReportFormat.HTML));
        Path shot = browser.screenshot(out.resolve(ReportWriter.HTML), 1280, 2200);
        assertThat(browser.consoleErrors()).isEmpty();
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(ChartCatalogTest.distinctColours(image)).as("a page with charts, not a blank").isGreaterThan(50);
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of("target/report-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theComparisonOverlaysEveryRowOfEachRunAndZoomsTogether() throws Exception {
        HeadlessChromium browser = HeadlessChromium.require(tmp);
        Path out = tmp.resolve("cmp");
        VstCli.Result cli = VstCli.vst("compare", QUICKSTART.toString(), SEARCH_PROXY.toString(), "--out",
                out.toString());
        assertThat(cli.code()).as(cli.err()).isIn(0, 3);
        List<Csv> timelines = List.of(Csv.read(QUICKSTART.resolve(RunDirectory.TIMELINE)),
                Csv.read(SEARCH_PROXY.resolve(RunDirectory.TIMELINE)));
        JsonNode probe = browser.probe(out.resolve(ComparisonWriter.HTML), "vstProbe.zoom(1.5, 3, 1);"
                + "vstProbe.step('zoom');");
        int checked = 0;
        for (JsonNode chart : probe.get("loaded")) {
            for (JsonNode s : chart.get("series")) {
                if (s.hasNonNull("column")) {
                    assertThat(s.get("points").asInt()).as("%s: %s", chart.get("id"), s.get("label"))
                            .isEqualTo(timelines.get(s.get("run").asInt()).filled(s.get("column").asText()));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(20);
        assertThat(sameTimeScale(probe.get("zoom"))).containsExactly(1.5, 3.0);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private static void perVectorAndSpectraMatchTheirCsv(JsonNode charts, Path out) throws Exception {
        Csv checkpoints = Csv.read(out.resolve("csv/checkpoints.csv"));
        Csv latency = Csv.read(out.resolve("csv/latency_percentiles.csv"));
        for (JsonNode chart : charts) {
            String id = chart.get("id").asText();
            if (id.equals("memory-per-vector")) {
                List<Integer> points = new ArrayList<>();
                chart.get("series").forEach(s -> points.add(s.get("points").asInt()));
                assertThat(points).as(id).contains(checkpoints.filled("per_vector_total_bytes"));
            } else if (id.startsWith("spectrum-")) {
                String op = id.substring("spectrum-".length());
                List<String> expected = new ArrayList<>();
                for (int r = 0; r < latency.rows(); r++) {
                    if (latency.cell(r, "operation").equals(op)) {
                        expected.add(latency.cell(r, "step") + String.format(Locale.ROOT, " (n=%,d)",
                                Long.parseLong(latency.cell(r, "count"))));
                    }
                }
                List<String> labels = new ArrayList<>();
                chart.get("series").forEach(s -> {
                    labels.add(s.get("label").asText());
                    assertThat(s.get("points").asInt()).as(s.get("label").asText()).isGreaterThanOrEqualTo(20);
                });
                assertThat(labels).as(id).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    /** Every time chart's x scale, asserted equal; returns it. */
    private static double[] sameTimeScale(JsonNode charts) {
        double[] scale = null;
        for (JsonNode chart : charts) {
            if (!"time".equals(chart.get("kind").asText())) {
                continue;
            }
            double[] s = {chart.get("min").asDouble(), chart.get("max").asDouble()};
            if (scale == null) {
                scale = s;
            }
            assertThat(s).as(chart.get("id").asText()).containsExactly(scale);
        }
        assertThat(scale).isNotNull();
        return scale;
    }

    /** The hover text a reader expects for a raw timeline.csv cell, formatted here apart from the page. */
    static String expected(String unit, String column, String cell) {
        if (cell.isEmpty()) {
            return "—";
        }
        double v = Double.parseDouble(cell) / (column.endsWith("_usec") ? 1000 : 1);
        return switch (unit) {
            case "bytes" -> bytes(v);
            case "ms" -> fixed(v, 3) + " ms";
            case "ops/s" -> String.format(Locale.ROOT, "%,d ops/s", Math.round(v));
            case "count" -> String.format(Locale.ROOT, "%,d", Math.round(v));
            case "recall" -> fixed(v, 4);
            case "ratio" -> fixed(v, 2);
            default -> throw new AssertionError("unknown unit " + unit);
        };
    }

    private static String bytes(double v) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int i = 0;
        double a = Math.abs(v);
        while (a >= 1024 && i < units.length - 1) {
            a /= 1024;
            i++;
        }
        return fixed(v / Math.pow(1024, i), i == 0 ? 0 : 2) + " " + units[i];
    }

    private static String fixed(double v, int decimals) {
        return new BigDecimal(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    private static String elapsed(double seconds) {
        return new BigDecimal(seconds).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + " s";
    }

    /** A CSV file as rows of cells by header name. */
    record Csv(List<Map<String, String>> records) {

        static Csv read(Path file) throws Exception {
            List<Map<String, String>> rows = new ArrayList<>();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                for (CSVRecord r : p) {
                    rows.add(new HashMap<>(r.toMap()));
                }
            }
            return new Csv(rows);
        }

        int rows() {
            return records.size();
        }

        String cell(int row, String column) {
            String v = records.get(row).get(column);
            assertThat(v).as("column %s", column).isNotNull();
            return v;
        }

        /** Rows with a value in {@code column}. */
        int filled(String column) {
            return (int) records.stream().filter(r -> !r.getOrDefault(column, "").isEmpty()).count();
        }
    }
}
