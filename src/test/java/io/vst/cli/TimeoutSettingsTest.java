package io.vst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.rundir.RunDataReader;
import io.vst.rundir.StepRecord;
import io.vst.testsupport.SilentServer;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.testsupport.proxy.SearchProxy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code operation_timeout} and {@code connection_timeout} of global_config bound what they name, through
 * {@code vst run} as a user calls it. The references are a delay the test-only search proxy injects into
 * every FT.SEARCH reply, a loopback port that accepts TCP connections and never answers, and the test's
 * own clock.
 */
@Timeout(120)
class TimeoutSettingsTest {

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err, double seconds) {
    }

    private Result vst(String yaml, int port, String runs) throws IOException {
        Path scenario = Files.writeString(tmp.resolve(runs + ".yaml"), yaml);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        int code = Main.run(new String[] {"run", "--scenario", scenario.toString(), "--server",
            "valkey://127.0.0.1:" + port, "--output", tmp.resolve(runs).toString(), "--no-report"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                (System.nanoTime() - t0) / 1e9);
    }

    private StepRecord step(String runs, String name) throws IOException {
        try (Stream<Path> dirs = Files.list(tmp.resolve(runs))) {
            Path run = dirs.findFirst().orElseThrow();
            return RunDataReader.read(run).steps().stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow();
        }
    }

    private static String queries(double operationTimeout) {
        return String.format(Locale.ROOT, """
                name: slow_search
                dataset: synthetic-8
                index: {algorithm: FLAT, distance_metric: L2}
                global_config: {n_threads: 1, n_clients: 1, batch_size: 100, operation_timeout: %s,
                                continue_on_error: true}
                steps:
                  - name: load
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 200}
                  - name: ask
                    type: workload
                    workload: query
                    max_operations: 3
                    parameters: {query_k: 5}
                """, operationTimeout);
    }

    @Test
    void operationTimeoutEndsACommandThatTakesLongerAndNotOneThatIsFaster() throws IOException {
        ValkeyTestServer.requireBinary();
        try (SearchProxy proxy = SearchProxy.start()) {
            // every search takes 1.5 s on the server side
            proxy.delayReplies("FT.SEARCH", Duration.ofMillis(1500));
            Result shortTimeout = vst(queries(0.4), proxy.port(), "short");
            StepRecord cut = step("short", "ask");
            Result longTimeout = vst(queries(5.0), proxy.port(), "long");
            StepRecord waited = step("long", "ask");
            // 0.4 s: each of the three searches is given up after 0.4 s, an error each, none answered
            assertThat(cut.errors()).as(shortTimeout.out() + shortTimeout.err()).isEqualTo(3);
            assertThat(cut.operations()).isZero();
            assertThat(cut.activeSeconds()).as("three searches cut at 0.4 s, not waited 1.5 s for").isLessThan(3 * 1.5);
            // 5 s: the same slow searches are waited for and answered
            assertThat(longTimeout.code()).as(longTimeout.out() + longTimeout.err()).isZero();
            assertThat(waited.errors()).isZero();
            assertThat(waited.operations()).isEqualTo(3);
            assertThat(waited.activeSeconds()).isGreaterThanOrEqualTo(3 * 1.5);
        }
    }

    @Test
    void connectionTimeoutBoundsTheConnectToAServerThatNeverAnswers() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            String yaml = """
                    name: silent
                    dataset: synthetic-8
                    global_config: {connection_timeout: %s, operation_timeout: 60}
                    steps:
                      - name: load
                        type: workload
                        workload: ingest
                        parameters: {target_vectors: 10}
                    """;
            Result one = vst(String.format(Locale.ROOT, yaml, 1.0), silent.port(), "one");
            Result three = vst(String.format(Locale.ROOT, yaml, 3.0), silent.port(), "three");
            for (Result r : List.of(one, three)) {
                assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Main.EXIT_RUNTIME);
                assertThat(r.err()).contains("127.0.0.1:" + silent.port()).containsIgnoringCase("timed out")
                        .doesNotContain("Exception").doesNotContain("\tat ");
            }
            // Seen from the server's side: each run held one connection open for its own connection_timeout
            // and then gave up, long before the 60 s operation_timeout.
            // The server's thread sees the second client close a moment after vst has exited: wait for it.
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (silent.heldSeconds().size() < 2 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            List<Double> held = silent.heldSeconds();
            assertThat(held).as(one.err() + three.err()).hasSize(2);
            assertThat(held.get(0)).isBetween(0.95, 2.0);
            assertThat(held.get(1)).isBetween(2.95, 4.5);
        }
    }
}
