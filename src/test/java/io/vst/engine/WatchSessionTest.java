package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunDirectory;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watch against a real valkey-server, checked against the server's own INFO read by the test around each
 * sample and against the commands the test itself sends.
 */
class WatchSessionTest {

    /** The load the test drives: SETs per second of a 4 KiB value on keys of its own. */
    private static final int SETS_PER_SECOND = 200;
    private static final int VALUE_BYTES = 4096;
    /**
     * used_memory moves by the client buffers of the three connections (watch, test reader, loader) besides
     * the data: an INFO reply of ~6 KiB and a 4 KiB SET in a query buffer. 64 KiB covers them; a window's
     * growth (100 SETs of 4 KiB, ~400 KiB) is far larger, and the test's own INFO every 10 ms brackets each
     * sample within ~8 KiB of growth, so a figure one sample stale falls outside (tried: it does).
     */
    private static final double MEMORY_SLACK = 64 * 1024;

    @TempDir
    Path tmp;

    /** A sample as the test saw it: its elapsed time and when the sampler handed it over. */
    private record Window(double elapsed, long doneNanos) {
    }

    /** One INFO memory of the test's: sent and answered at these System.nanoTime() values. */
    private record Read(long sentNanos, long gotNanos, double usedMemory) {
    }

    /**
     * When each command the test sent had its reply (System.nanoTime()): a command answered before the
     * sampler began a sample ran before that sample's INFO.
     */
    private static final class Sent {
        private final List<Long> done = new ArrayList<>();

        synchronized void add() {
            done.add(System.nanoTime());
        }

        synchronized long between(long from, long to) {
            return done.stream().filter(t -> t > from && t <= to).count();
        }
    }

    @Test
    void recordsUsedMemoryInsideTheServersOwnReadsAndTheRateOfTheLoadTheTestDrives() throws Exception {
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient reader = ValkeyClient.connect(server.endpoint(), 1);
                ValkeyClient loader = ValkeyClient.connect(server.endpoint(), 1);
                ServerSession session = WatchSession.open(ConnectionSpec.server(server.endpoint().toUri()))) {
            Sent sent = new Sent();
            List<Window> windows = new CopyOnWriteArrayList<>();
            List<Read> reads = new CopyOnWriteArrayList<>();
            RunListener bracket = new RunListener() {
                @Override
                public void sampleTaken(Sample s) {
                    // On the sampler thread, once the watch's INFO has been answered.
                    windows.add(new Window(s.elapsedSeconds(), System.nanoTime()));
                }
            };
            AtomicBoolean loading = new AtomicBoolean(true);
            Thread load = new Thread(() -> drive(loader, loading, sent), "test-load");
            Thread read = new Thread(() -> poll(reader, loading, sent, reads), "test-info");
            load.start();
            read.start();
            WatchSession watch = new WatchSession(session, new WatchSession.Options(0.5, 3.2, tmp, tmp.resolve("w"),
                    "test"), List.of(bracket));
            RunResult result;
            long t0 = System.nanoTime();
            try {
                result = watch.run();
            } finally {
                loading.set(false);
                load.join(5_000);
                read.join(5_000);
            }

            assertThat(result.outcome()).isEqualTo(io.vst.rundir.RunOutcome.COMPLETED);
            List<CSVRecord> rows = timeline(result.directory());
            assertThat(rows).hasSize(windows.size()).hasSizeGreaterThanOrEqualTo(6);
            int rated = 0;
            for (int i = 1; i < rows.size(); i++) {
                Window w = windows.get(i);
                long began = t0 + (long) (w.elapsed() * 1e9);
                // The server's own figure answered before the sample began, and the first one asked after it ended.
                double before = reads.stream().filter(r -> r.gotNanos() <= began).mapToDouble(Read::usedMemory)
                        .reduce((a, b) -> b).orElseThrow();
                double after = reads.stream().filter(r -> r.sentNanos() >= w.doneNanos())
                        .mapToDouble(Read::usedMemory).findFirst().orElse(Double.NaN);
                double used = Double.parseDouble(rows.get(i).get(TimelineColumns.USED_MEMORY));
                if (!Double.isNaN(after)) {
                    assertThat(used).as("sample %d used_memory", i).isBetween(before - MEMORY_SLACK,
                            after + MEMORY_SLACK);
                    assertThat(used - windowStartMemory(windows.get(i - 1), t0, reads)).as("sample %d grew", i)
                            .isGreaterThan(i == rows.size() - 1 ? 0 : 2 * MEMORY_SLACK);
                }
                Window prev = windows.get(i - 1);
                String cell = rows.get(i).get(TimelineColumns.SERVER_OPS);
                if (i == rows.size() - 1 || cell.isEmpty()) {
                    // The final sample follows the previous one after a fraction of an interval, while the load stops.
                    continue;
                }
                // The watch's figure is the server's count between its two INFOs over the server's clock between them;
                // each INFO ran somewhere between its sample's start and the reply. So the figure lies between the
                // fewest commands those bounds allow over the longest time, and the most over the shortest, whatever
                // a pause of this JVM did in between. 5 % + 8 ops/s more on each side cover a SET in flight at each
                // end and still catch a stale or averaged figure.
                long prevBegan = t0 + (long) (prev.elapsed() * 1e9);
                double lowest = sent.between(prev.doneNanos(), began) / ((w.doneNanos() - prevBegan) / 1e9);
                double highest = sent.between(prevBegan, w.doneNanos()) / ((began - prev.doneNanos()) / 1e9);
                assertThat(Double.parseDouble(cell)).as("sample %d ops/s (test sent %.1f-%.1f/s)", i, lowest, highest)
                        .isBetween(lowest * 0.95 - 8, highest * 1.05 + 8);
                rated++;
            }
            assertThat(rated).isGreaterThanOrEqualTo(4);
            assertThat(rows.get(0).get(TimelineColumns.SERVER_OPS)).as("no rate without a previous sample").isEmpty();
            assertThat(rows.get(1).get(TimelineColumns.CONNECTED_CLIENTS)).isEqualTo(
                    String.valueOf(clients(reader)));
            String json = Files.readString(result.directory().resolve(RunDirectory.RUN_JSON));
            assertThat(json).contains("\"outcome\" : \"completed\"").contains("\"scenario\" : \"watch\"");
        }
    }

    @Test
    void neverWritesOrDeletesAKey() throws Exception {
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient own = ValkeyClient.connect(server.endpoint(), 1)) {
            own.command("SET", "test:mine", "kept");
            List<String> seen;
            try (MonitorTap tap = new MonitorTap(server.port());
                    ServerSession session = WatchSession.open(ConnectionSpec.server(server.endpoint().toUri()))) {
                WatchSession watch = new WatchSession(session, new WatchSession.Options(0.2, 1.2, tmp, null, "test"),
                        List.of());
                RunResult result = watch.run();
                assertThat(result.outcome()).isEqualTo(io.vst.rundir.RunOutcome.COMPLETED);
                // Nobody else sends a command meanwhile: the watch's own INFO must not count as load.
                List<String> rates = timeline(result.directory()).stream().skip(1)
                        .map(r -> r.get(TimelineColumns.SERVER_OPS)).toList();
                assertThat(rates).hasSizeGreaterThanOrEqualTo(5).allMatch(v -> Double.parseDouble(v) == 0.0);
                Thread.sleep(200);
                seen = tap.commands();
            }
            assertThat(own.dbSize()).isEqualTo(1);
            assertThat(own.command("GET", "test:mine")).isEqualTo("kept");
            Set<String> names = new HashSet<>(seen);
            assertThat(seen.stream().filter("INFO"::equals).count()).as("an INFO per sample").isGreaterThanOrEqualTo(6);
            assertThat(names).as("commands the watch sent").isSubsetOf(Set.of("INFO", "HELLO", "PING", "CLIENT",
                    "COMMAND", "CONFIG", "MODULE", "CLUSTER", "DBSIZE", "FT._LIST", "FT.INFO", "SELECT"));
        }
    }

    @Test
    void goesOnWhenTheServerStopsAndRecordsRowsWithoutFigures() throws Exception {
        ValkeyTestServer server = ValkeyTestServer.start();
        try (ServerSession session = WatchSession.open(ConnectionSpec.server(server.endpoint().toUri()))) {
            List<Sample> samples = new CopyOnWriteArrayList<>();
            RunListener count = new RunListener() {
                @Override
                public void sampleTaken(Sample s) {
                    samples.add(s);
                }
            };
            WatchSession watch = new WatchSession(session, new WatchSession.Options(0.2, 0, tmp, null, "test"),
                    List.of(count));
            Thread stopper = new Thread(() -> {
                awaitSamples(samples, 3);
                server.close();
                awaitSamples(samples, 7);
                watch.stop("test done");
            }, "test-stopper");
            stopper.start();
            RunResult result = watch.run();
            stopper.join(10_000);
            assertThat(result.outcome()).isEqualTo(io.vst.rundir.RunOutcome.COMPLETED);
            assertThat(result.message()).isEqualTo("stopped: test done");
            List<CSVRecord> rows = timeline(result.directory());
            assertThat(rows.get(1).get(TimelineColumns.USED_MEMORY)).isNotEmpty();
            CSVRecord last = rows.get(rows.size() - 1);
            assertThat(last.get(TimelineColumns.USED_MEMORY)).as("no figure from a stopped server").isEmpty();
            assertThat(last.get(TimelineColumns.LIVE_VECTORS)).isEmpty();
            assertThat(last.get(TimelineColumns.SERVER_OPS)).isEmpty();
            assertThat(Files.readString(result.directory().resolve(RunDirectory.LOG)))
                    .containsOnlyOnce("the server does not answer");
        } finally {
            server.close();
        }
    }

    private static void awaitSamples(List<Sample> samples, int n) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (samples.size() < n && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void drive(ValkeyClient loader, AtomicBoolean loading, Sent sent) {
        String value = "x".repeat(VALUE_BYTES);
        long start = System.nanoTime();
        for (int i = 0; loading.get() && i < SETS_PER_SECOND * 20; i++) {
            long due = start + i * 1_000_000_000L / SETS_PER_SECOND;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            loader.command("SET", "test:load:" + i, value);
            sent.add();
        }
    }

    /** INFO memory every 10 ms, each read kept with when it was sent and answered. */
    private static void poll(ValkeyClient reader, AtomicBoolean on, Sent sent, List<Read> reads) {
        for (int i = 0; on.get() && i < 2_000; i++) {
            long asked = System.nanoTime();
            double used = usedMemory(reader);
            long got = System.nanoTime();
            sent.add();
            reads.add(new Read(asked, got, used));
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** used_memory the server reported last before the previous sample began. */
    private static double windowStartMemory(Window prev, long t0, List<Read> reads) {
        long began = t0 + (long) (prev.elapsed() * 1e9);
        return reads.stream().filter(r -> r.gotNanos() <= began).mapToDouble(Read::usedMemory).reduce((a, b) -> b)
                .orElse(0);
    }

    private static double usedMemory(ValkeyClient c) {
        return Double.parseDouble(c.info("memory").aggregate().get("used_memory"));
    }

    private static long clients(ValkeyClient c) {
        return Long.parseLong(c.info("clients").aggregate().get("connected_clients"));
    }

    private static List<CSVRecord> timeline(Path dir) throws IOException {
        try (Reader r = Files.newBufferedReader(dir.resolve(RunDirectory.TIMELINE), StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }
}
