package io.vst.report;

import static io.vst.report.RecordedRuns.QUICKSTART;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html of the recorded quickstart run opened from disk by headless Chromium (Debian's
 * {@code chromium}): the page loads without console errors, every embedded chart decodes, and a
 * screenshot shows more than a blank page. Skipped without Chromium unless VST_TEST_REQUIRE_VALKEY=1
 * (the switch that makes this machine's system packages mandatory).
 */
class ReportInBrowserTest {

    @TempDir
    Path tmp;

    private Path chromium;

    @BeforeEach
    void findChromium() {
        chromium = onPath("chromium");
        if (chromium == null && "1".equals(System.getenv("VST_TEST_REQUIRE_VALKEY"))) {
            fail("chromium is not on PATH but VST_TEST_REQUIRE_VALKEY=1 requires the system packages "
                    + "(scripts/setup-system.sh installs it)");
        }
        assumeTrue(chromium != null, "chromium is not on PATH");
    }

    @Test
    void theQuickstartReportLoadsFromDiskWithEveryChartDecoded() throws Exception {
        Path out = tmp.resolve("report");
        ReportWriter.write(QUICKSTART, out, EnumSet.of(ReportFormat.HTML, ReportFormat.CSV, ReportFormat.JSON));
        Path html = out.resolve(ReportWriter.HTML);
        int charts = ChartCatalog.available(RunDataReader.read(QUICKSTART)).size();

        // A copy with a probe that lists, once the page has loaded, the size each image decoded to.
        Path probe = out.resolve("probe.html");
        Files.writeString(probe, Files.readString(html) + "<script>window.addEventListener('load', function () {"
                + "document.body.setAttribute('data-images', Array.from(document.images).map(function (i) {"
                + "return i.complete ? i.naturalWidth + 'x' + i.naturalHeight : 'pending'; }).join(' ')); });"
                + "</script>\n", StandardCharsets.UTF_8);
        Browser dom = chromium("--dump-dom", probe.toUri().toString());
        assertThat(dom.code()).as(dom.err()).isZero();
        Matcher images = Pattern.compile("data-images=\"([^\"]*)\"").matcher(dom.out());
        assertThat(images.find()).as("the load event fired").isTrue();
        assertThat(images.group(1).split(" ")).hasSize(charts).containsOnly("1600x900");
        assertThat(dom.out()).contains("vst report: quickstart", "initial_load", "regrown");

        Path shot = tmp.resolve("report.png");
        Browser screenshot = chromium("--window-size=1280,2200", "--screenshot=" + shot, html.toUri().toString());
        assertThat(screenshot.code()).as(screenshot.err()).isZero();
        assertThat(consoleErrors(screenshot.err())).isEmpty();
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(ChartCatalogTest.distinctColours(image)).as("a page, not a blank").isGreaterThan(50);
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of("target/report-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private record Browser(int code, String out, String err) {
    }

    private Browser chromium(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=" + tmp.resolve("profile")));
        cmd.addAll(List.of(args));
        Path stdout = tmp.resolve("chromium.out");
        Path stderr = tmp.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("chromium did not finish within 90 s");
        }
        return new Browser(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    /** Lines where the page itself complained: console messages and failed loads, not the sandbox's D-Bus noise. */
    static List<String> consoleErrors(String stderr) {
        return stderr.lines().filter(l -> l.contains("CONSOLE") || l.contains("net::ERR") || l.contains("Failed to load")
                || l.contains("Uncaught")).toList();
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
