package io.vst.report;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vst.rundir.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code chromium}, headless, opening report pages from disk. A probe drives a page as a user
 * would (real mouse events on the charts) and reads back what every chart holds through the page's test
 * hook {@code window.__vstCharts()}. Skips the test without Chromium, unless VST_TEST_REQUIRE_VALKEY=1
 * (scripts/test.sh) makes it mandatory.
 */
final class HeadlessChromium {

    /** Steps the probe takes in the page, each after the page has drawn the one before. */
    private static final String PROBE = """
            <script>
            window.vstProbe = (function () {
              var queue = [];
              var out = {};
              function over(i) { return document.querySelectorAll('.vst-chart .u-over')[i]; }
              function fire(el, type, x, target, shift) {
                var r = el.getBoundingClientRect();
                (target || el).dispatchEvent(new MouseEvent(type, {clientX: r.left + x, clientY: r.top + r.height / 2,
                  bubbles: true, button: 0, buttons: type === 'mouseup' ? 0 : 1, movementX: 5, shiftKey: !!shift}));
              }
              function width(i) { return over(i).getBoundingClientRect().width; }
              return {
                hover: function (i, t) {
                  queue.push(function () {
                    var c = window.__vstCharts()[i];
                    var x = (t - c.min) / (c.max - c.min) * width(i);
                    fire(over(i), 'mouseenter', x);
                    fire(over(i), 'mousemove', x);
                  });
                },
                drag: function (i, from, to) {
                  queue.push(function () {
                    fire(over(i), 'mouseenter', from * width(i));
                    fire(over(i), 'mousemove', from * width(i));
                    fire(over(i), 'mousedown', from * width(i));
                  });
                  queue.push(function () { fire(over(i), 'mousemove', to * width(i)); });
                  queue.push(function () { fire(over(i), 'mouseup', to * width(i), document); });
                },
                pan: function (i, from, to) {
                  queue.push(function () { fire(over(i), 'mousedown', from * width(i), null, true); });
                  queue.push(function () { fire(over(i), 'mousemove', to * width(i), document, true); });
                  queue.push(function () { fire(over(i), 'mouseup', to * width(i), document, true); });
                },
                toggle: function (i, series) {
                  queue.push(function () {
                    var rows = document.querySelectorAll('.vst-chart')[i].querySelectorAll('.u-legend .u-series');
                    rows[series + 1].querySelector('th').dispatchEvent(new MouseEvent('click', {bubbles: true, button: 0}));
                  });
                },
                shade: function (i, t, name) {
                  queue.push(function () {
                    var c = window.__vstCharts()[i];
                    var box = document.querySelectorAll('.vst-chart')[i];
                    var canvas = box.querySelector('canvas');
                    var o = over(i).getBoundingClientRect();
                    var k = canvas.width / canvas.getBoundingClientRect().width;
                    var x = Math.round((o.left - canvas.getBoundingClientRect().left + (t - c.min) / (c.max - c.min) * o.width) * k);
                    var top = Math.round((o.top - canvas.getBoundingClientRect().top) * k);
                    // Read a copy, made for reading, so the chart's own canvas is never read back.
                    var copy = document.createElement('canvas');
                    copy.width = canvas.width;
                    copy.height = canvas.height;
                    var ctx = copy.getContext('2d', {willReadFrequently: true});
                    ctx.drawImage(canvas, 0, 0);
                    var d = ctx.getImageData(x, top, 1, Math.round(o.height * k)).data;
                    var counts = {};
                    var best = null;
                    for (var p = 0; p < d.length; p += 4) {
                      var key = d[p] + ',' + d[p + 1] + ',' + d[p + 2] + ',' + d[p + 3];
                      counts[key] = (counts[key] || 0) + 1;
                      if (best === null || counts[key] > counts[best]) { best = key; }
                    }
                    out.shades = out.shades || {};
                    out.shades[name] = best;
                  });
                },
                zoom: function (min, max, i) {
                  queue.push(function () {
                    var n = window.__vstCharts().filter(function (c) { return c.kind === 'time'; }).length;
                    window.__vstZoom(min, max, i < 0 ? n - 1 : i);
                  });
                },
                step: function (name) { queue.push(function () { out[name] = window.__vstCharts(); }); },
                run: function () {
                  out.loaded = window.__vstCharts();
                  (function next() {
                    if (queue.length === 0) {
                      var pre = document.createElement('pre');
                      pre.id = 'vst-probe';
                      pre.textContent = JSON.stringify(out);
                      document.body.appendChild(pre);
                      return;
                    }
                    queue.shift()();
                    setTimeout(next, 150);
                  })();
                }
              };
            })();
            window.addEventListener('load', function () { setTimeout(function () { %s; window.vstProbe.run(); }, 100); });
            </script>
            """;

    private final Path executable;
    private final Path work;
    private final List<String> stderr = new ArrayList<>();
    private int runs;

    private HeadlessChromium(Path executable, Path work) {
        this.executable = executable;
        this.work = work;
    }

    /** Chromium from PATH; skips the calling test when it is absent (fails under VST_TEST_REQUIRE_VALKEY=1). */
    static HeadlessChromium require(Path work) {
        Path chromium = onPath("chromium");
        if (chromium == null && "1".equals(System.getenv("VST_TEST_REQUIRE_VALKEY"))) {
            fail("chromium is not on PATH but VST_TEST_REQUIRE_VALKEY=1 requires the system packages "
                    + "(scripts/setup-system.sh installs it)");
        }
        assumeTrue(chromium != null, "chromium is not on PATH: the report's browser tests need it");
        return new HeadlessChromium(chromium, work);
    }

    /**
     * Opens a copy of {@code page} with the probe, runs {@code steps} (calls of {@code vstProbe.hover / drag
     * / pan / toggle / zoom / shade / step}) and returns what the probe recorded: {@code loaded} and one entry per step name.
     */
    JsonNode probe(Path page, String steps) throws IOException, InterruptedException {
        Path probe = page.resolveSibling("probe-" + runs + ".html");
        Files.writeString(probe, Files.readString(page) + String.format(java.util.Locale.ROOT, PROBE, steps), StandardCharsets.UTF_8);
        String dom = run("--virtual-time-budget=20000", "--dump-dom", probe.toUri().toString());
        Matcher m = Pattern.compile("<pre id=\"vst-probe\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        if (!m.find()) {
            fail("the probe did not finish; console: " + consoleErrors());
        }
        String json = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&");
        return Json.mapper().readTree(json);
    }

    /** A screenshot of {@code page} at this window size, once its scripts have run. */
    Path screenshot(Path page, int width, int height) throws IOException, InterruptedException {
        Path shot = work.resolve("screenshot-" + runs + ".png");
        run("--virtual-time-budget=5000", "--window-size=" + width + "," + height, "--screenshot=" + shot,
                page.toUri().toString());
        return shot;
    }

    /** Lines where a page complained in any run so far: console messages, failed loads, uncaught errors. */
    List<String> consoleErrors() {
        return stderr.stream().flatMap(String::lines).filter(l -> l.contains("CONSOLE") || l.contains("net::ERR")
                || l.contains("Failed to load") || l.contains("Uncaught")).toList();
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=" + work.resolve("chromium-profile")));
        cmd.addAll(List.of(args));
        int n = runs++;
        Path out = work.resolve("chromium-" + n + ".out");
        Path err = work.resolve("chromium-" + n + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("chromium did not finish within 60 s");
        }
        stderr.add(Files.readString(err));
        if (p.exitValue() != 0) {
            fail("chromium exited with " + p.exitValue() + ": " + Files.readString(err));
        }
        return Files.readString(out);
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
