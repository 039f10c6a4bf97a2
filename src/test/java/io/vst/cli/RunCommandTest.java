package io.vst.cli;

import static io.vst.testsupport.VstCli.vst;
import static org.assertj.core.api.Assertions.assertThat;

import io.vst.testsupport.ValkeyTestServer;
import io.vst.testsupport.VstCli.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vst run} as a user calls it, with the embedded valkey-server. */
class RunCommandTest {

    @TempDir
    Path tmp;

    @Test
    void quickstartRunsOnTheEmbeddedServerAndLeavesARunDirectory() throws IOException {
        ValkeyTestServer.requireBinary();
        Result r = vst("run", "--scenario", "quickstart", "--output", tmp.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("started valkey-server on 127.0.0.1:").contains("Run completed")
                .contains("regrown").contains("leak check: STABLE");
        Matcher pid = Pattern.compile("\\(pid (\\d+)\\)").matcher(r.out());
        assertThat(pid.find()).isTrue();
        assertThat(ProcessHandle.of(Long.parseLong(pid.group(1))).map(ProcessHandle::isAlive).orElse(false))
                .as("embedded server stopped").isFalse();
        try (Stream<Path> dirs = Files.list(tmp)) {
            Path run = dirs.findFirst().orElseThrow();
            assertThat(run.getFileName().toString()).endsWith("_quickstart");
            assertThat(Files.readString(run.resolve("run.json"))).contains("\"outcome\" : \"completed\"");
            assertThat(Files.readAllLines(run.resolve("steps.csv"))).hasSize(7);
            assertThat(run.resolve("report.html")).isNotEmptyFile();
            assertThat(run.resolve("charts")).isDirectory();
            assertThat(r.out()).contains("Report:");
        }
    }

    @Test
    void dryRunPrintsThePlanWithoutAServer() {
        Result r = vst("run", "--scenario", "grow_shrink_grow", "--dry-run");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("initial_growth").contains("regrowth_phase").contains("3,000,000");
    }

    @Test
    void invalidScenarioIsReportedWithPositionsAndExitCodeTwo() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), """
                name: bad
                steps:
                  - name: load
                    type: workload
                    workload: ingests
                    parameters: {target_vectors: 10}
                """);
        Result r = vst("run", "--scenario", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ":5:").contains("error: Invalid workload type 'ingests'");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void queryStepsWithoutTheSearchModuleFailBeforeTheFirstStep() throws IOException {
        ValkeyTestServer.requireBinary();
        Path s = Files.writeString(tmp.resolve("q.yaml"), """
                name: needs_search
                dataset: synthetic-8
                steps:
                  - name: load
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 10}
                  - name: search_now
                    type: workload
                    workload: query
                    parameters: {query_k: 5}
                """);
        Result r = vst("run", "--scenario", s.toString(), "--output", tmp.resolve("runs").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("search_now").contains("valkey-search").contains("--module");
        assertThat(r.out()).doesNotContain("▶ load");
    }

    @Test
    void ctrlCStopsTheRunWithinTwoSecondsAndMarksItInterrupted() throws Exception {
        ValkeyTestServer.requireBinary();
        Path s = Files.writeString(tmp.resolve("long.yaml"), """
                name: long_load
                dataset: synthetic-64
                global_config: {n_threads: 2, n_clients: 2, batch_size: 100}
                steps:
                  - name: load
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 50000000}
                """);
        Path runs = tmp.resolve("runs");
        Path log = tmp.resolve("child.out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "run", "--scenario", s.toString(),
                // No report: the time measured is the stop's, not a cold JVM's drawing of the report's charts.
                "--output", runs.toString(), "--allow-large", "--no-report").redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("▶ load") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1500);
            assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
            long sent = System.nanoTime();
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            double seconds = (System.nanoTime() - sent) / 1e9;
            String output = Files.readString(log);
            assertThat(seconds).as(output).isLessThan(4.0);
            Path run;
            try (Stream<Path> dirs = Files.list(runs)) {
                run = dirs.findFirst().orElseThrow();
            }
            assertThat(Files.readString(run.resolve("run.json"))).contains("\"outcome\" : \"interrupted\"")
                    .contains("Ctrl-C");
            Matcher pid = Pattern.compile("\\(pid (\\d+)\\)").matcher(output);
            assertThat(pid.find()).isTrue();
            long serverPid = Long.parseLong(pid.group(1));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false))
                    .as("embedded server stopped").isFalse();
        } finally {
            p.destroyForcibly();
            List.of(p).forEach(proc -> proc.onExit().join());
        }
    }

    @Test
    void theConsoleSaysWhenItWarmsUpBeforeALargeIngest() throws IOException {
        ValkeyTestServer.requireBinary();
        Path s = Files.writeString(tmp.resolve("large.yaml"), """
                name: large
                dataset: synthetic-16
                steps:
                  - name: load
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 60000}
                """);
        io.vst.engine.WarmupReset.rearm();
        Result r = vst("run", "--scenario", s.toString(), "--output", tmp.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        String warm = "  warming up the write path of load for at most 1 s (nothing is sent to the server)\n";
        assertThat(r.out()).contains(warm);
        assertThat(r.out().indexOf(warm)).as("before the step starts").isLessThan(r.out().indexOf("▶ load"));
        // A small ingest is not warmed up for.
        io.vst.engine.WarmupReset.rearm();
        Path smallScenario = Files.writeString(tmp.resolve("small.yaml"),
                Files.readString(s).replace("target_vectors: 60000", "target_vectors: 2000"));
        Result small = vst("run", "--scenario", smallScenario.toString(), "--output", tmp.resolve("small").toString());
        assertThat(small.code()).as(small.out() + small.err()).isZero();
        assertThat(small.out()).doesNotContain("warming up");
    }

    @Test
    void runsOverTlsAgainstAServerItDoesNotOwn() throws Exception {
        io.vst.testsupport.TestPki pki = io.vst.testsupport.TestPki.make(tmp);
        io.vst.valkey.server.ManagedServerOptions options = io.vst.valkey.server.ManagedServerOptions.defaults().withTls(
                new io.vst.valkey.server.ManagedServerOptions.TlsFiles(pki.serverCert(), pki.serverKey(), pki.caCert()));
        ValkeyTestServer.requireBinary();
        try (ValkeyTestServer server = ValkeyTestServer.start(options)) {
            Path s = Files.writeString(tmp.resolve("tls.yaml"), """
                    name: over_tls
                    dataset: synthetic-16
                    steps:
                      - name: load
                        type: workload
                        workload: ingest
                        parameters: {target_vectors: 2000}
                      - name: cp
                        type: checkpoint
                        parameters: {collect_full_metrics: true}
                      - name: clean
                        type: cleanup
                        parameters: {cleanup_type: full}
                    """);
            Result r = vst("run", "--scenario", s.toString(), "--server",
                    "valkeys://127.0.0.1:" + server.server().tlsPort(), "--tls-ca", pki.caCert().toString(),
                    "--output", tmp.resolve("runs").toString());
            assertThat(r.code()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("2,000 live vectors").contains("Run completed");
            Result refused = vst("run", "--scenario", s.toString(), "--server",
                    "valkeys://127.0.0.1:" + server.server().tlsPort(), "--output", tmp.resolve("runs2").toString());
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).contains("error:").doesNotContain("\tat ");
        }
    }

    @Test
    void prometheusEndpointServesLiveFiguresDuringTheRun() throws Exception {
        ValkeyTestServer.requireBinary();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path s = Files.writeString(tmp.resolve("prom.yaml"), """
                name: prom
                dataset: synthetic-16
                global_config: {metrics_collection_interval: 0.2}
                steps:
                  - name: load
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 1000}
                  - name: hold
                    type: wait
                    parameters: {duration_seconds: 3}
                """);
        java.util.concurrent.atomic.AtomicReference<String> scraped = new java.util.concurrent.atomic.AtomicReference<>();
        Thread scraper = new Thread(() -> {
            long end = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < end && scraped.get() == null) {
                try {
                    java.net.HttpURLConnection c = (java.net.HttpURLConnection) new java.net.URL(
                            "http://127.0.0.1:" + port + "/metrics").openConnection();
                    c.setConnectTimeout(500);
                    c.setReadTimeout(1000);
                    String body = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (body.contains("1000")) {
                        scraped.set(body);
                    }
                } catch (IOException notYet) {
                    // The run has not opened the endpoint yet (or closed it): try again shortly.
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "test-scraper");
        scraper.start();
        Result r = vst("run", "--scenario", s.toString(), "--prometheus-port", Integer.toString(port), "--no-report",
                "--output", tmp.resolve("runs").toString());
        scraper.join(25_000);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("live metrics on http://127.0.0.1:" + port + "/metrics");
        assertThat(scraped.get()).as("a scrape during the run").isNotNull().contains("live_vectors");
    }
}
