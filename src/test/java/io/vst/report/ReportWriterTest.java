package io.vst.report;

import io.vst.rundir.RunOutcome;
import static io.vst.report.RecordedRuns.QUICKSTART;
import static io.vst.report.RecordedRuns.SEARCH_PROXY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.Json;
import io.vst.rundir.RunData;
import io.vst.rundir.RunDataReader;
import io.vst.rundir.RunDirectory;
import io.vst.rundir.RunInfo;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir
    Path tmp;

    @Test
    void writesEveryFormatIntoTheRunDirectory() throws Exception {
        Path run = RecordedRuns.copy(SEARCH_PROXY, tmp.resolve("run"));
        List<Path> files = ReportWriter.write(run, null, ReportFormat.all());
        RunData data = RunDataReader.read(run);
        int charts = ChartCatalog.available(data).size();
        assertThat(files).hasSize(charts + 4 + 1 + 1);
        for (ChartSpec spec : ChartCatalog.available(data)) {
            BufferedImage png = ImageIO.read(run.resolve("charts/" + spec.id() + ".png").toFile());
            assertThat(png.getWidth()).isEqualTo(1600);
            assertThat(png.getHeight()).isEqualTo(900);
        }
        String html = Files.readString(run.resolve(ReportWriter.HTML));
        JsonNode page = Json.mapper().readTree(between(html, "<script type=\"application/json\" id=\"vst-chart-data\">",
                "</script>"));
        assertThat(page.get("charts")).extracting(c -> c.get("id").asText())
                .containsExactlyElementsOf(ChartCatalog.available(data).stream().map(ChartSpec::id).toList());
        assertThat(html).contains("search_churn", "query_full", "regrown", "STABLE", "moderate: allocator fragmentation",
                "href=\"csv/timeline.csv\"", "href=\"timeline.csv\"", "href=\"latency/query.hlog\"",
                "href=\"charts/memory.png\"");
        assertThat(html).as("self-contained: nothing fetched from elsewhere").doesNotContainPattern(
                "(src|href)=\"(https?:)?//").doesNotContain("<link", "<img", "<script src", "import(");
        assertThat(count(html, "<script")).as("the data, uPlot and vst's script, all inline").isEqualTo(3);
        // Every relative link of the report points at a file that exists.
        Matcher href = Pattern.compile("href=\"([^\"#][^\"]*)\"").matcher(html);
        while (href.find()) {
            assertThat(run.resolve(href.group(1))).as(href.group(1)).exists();
        }
        assertThat(Json.mapper().readTree(run.resolve(ReportWriter.SUMMARY).toFile()).get("charts")).hasSize(charts);
        assertThat(files).noneMatch(f -> f.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void linksToTheRunDirectoryFromAnotherFolderAndWritesOnlyWhatWasAsked() throws Exception {
        Path out = tmp.resolve("out/report");
        List<Path> files = ReportWriter.write(QUICKSTART, out, EnumSet.of(ReportFormat.HTML));
        assertThat(files).containsExactly(out.resolve(ReportWriter.HTML));
        assertThat(out.resolve(ReportWriter.CHARTS_DIR)).doesNotExist();
        String html = Files.readString(out.resolve(ReportWriter.HTML));
        Matcher href = Pattern.compile("href=\"([^\"#][^\"]*)\"").matcher(html);
        int links = 0;
        while (href.find()) {
            assertThat(out.resolve(href.group(1)).normalize()).as(href.group(1)).exists();
            links++;
        }
        assertThat(links).isGreaterThanOrEqualTo(6);
        assertThat(html).doesNotContain("href=\"csv/");
    }

    @Test
    void aReportCanBeWrittenWhileTheRunIsStillWriting() throws Exception {
        Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
        RunInfo info = new RunInfo("vst test", "live", "live.yaml", Map.of("version", "8.0.1"), true, t0, null,
                RunOutcome.RUNNING, null, List.of(), Map.of());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (RunDirectory dir = RunDirectory.create(tmp, null, info, "name: live\n")) {
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 3000; i++) {
                        dir.append(new Sample(t0.plusMillis(100L * i), i / 10.0, "load",
                                Map.of(TimelineColumns.USED_MEMORY, 1e6 + i, TimelineColumns.LIVE_VECTORS, (double) i)));
                        Histogram h = new Histogram(3);
                        h.recordValue(100 + i);
                        dir.appendLatency("ingest", "load", h);
                    }
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            }, "test-run-writer");
            writer.start();
            int reports = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (writer.isAlive() && reports < 20 && System.nanoTime() < deadline) {
                ReportWriter.write(dir.path(), tmp.resolve("report"), EnumSet.of(ReportFormat.CSV, ReportFormat.JSON));
                reports++;
            }
            writer.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(failure.get()).isNull();
            assertThat(reports).isPositive();
            ReportWriter.write(dir.path(), tmp.resolve("report"), EnumSet.of(ReportFormat.CSV));
            assertThat(Files.readAllLines(tmp.resolve("report/csv/timeline.csv"))).hasSize(3001);
        }
    }

    @Test
    void theQuickstartReportShowsItsFindings() throws Exception {
        ReportWriter.write(QUICKSTART, tmp, EnumSet.of(ReportFormat.HTML));
        String html = Files.readString(tmp.resolve(ReportWriter.HTML));
        assertThat(html).contains("vst report: quickstart", "valkey", "8.0.1", "jemalloc-5.3.0", "843 B",
                "97.1%", "regrown, memory trend: ", "initial_load", "batch_size: 500");
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from) + from.length();
        return text.substring(start, text.indexOf(to, start));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
