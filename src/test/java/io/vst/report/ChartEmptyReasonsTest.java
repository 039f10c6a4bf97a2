package io.vst.report;

import static io.vst.report.RecordedRuns.QUICKSTART;
import static io.vst.report.RecordedRuns.SEARCH_PROXY;
import static org.assertj.core.api.Assertions.assertThat;

import io.vst.engine.ConnectionSpec;
import io.vst.engine.RunResult;
import io.vst.engine.ServerSession;
import io.vst.engine.WatchSession;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunData;
import io.vst.rundir.RunDataReader;
import io.vst.rundir.RunDirectory;
import io.vst.rundir.RunOutcome;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart without data says why, from the run itself: the recorded quickstart ran on a plain server without
 * queries, the recorded search run had queries and recall, and a copy of it without its recall column is a
 * run whose queries were not verified. The watch's two charts are drawn from a real watch's run directory
 * and hold exactly the figures of its timeline.csv.
 */
class ChartEmptyReasonsTest {

    @TempDir
    Path tmp;

    private static String why(String chart, RunData run) {
        return ChartCatalog.get(chart).emptyReason(run);
    }

    @Test
    void aPlainServerRunWithoutQueriesSaysSo() {
        RunData quickstart = RunDataReader.read(QUICKSTART);
        assertThat(why("memory", quickstart)).isNull();
        assertThat(why("latency-query", quickstart)).isEqualTo("no queries in this run");
        assertThat(why("spectrum-query", quickstart)).isEqualTo("no queries in this run");
        assertThat(why("latency-update", quickstart)).isEqualTo("no updates in this run");
        assertThat(why("recall", quickstart)).isEqualTo("no search index: the server has no search module");
        assertThat(why("latency-query-server", quickstart)).isEqualTo("no queries in this run");
        assertThat(why("server-throughput", quickstart)).isEqualTo(ChartCatalog.WATCH_ONLY);
        assertThat(why("server-clients", quickstart)).isEqualTo(ChartCatalog.WATCH_ONLY);
    }

    @Test
    void queriesWithoutVerifiedResultsSayWhatRecallNeeds() throws Exception {
        RunData search = RunDataReader.read(SEARCH_PROXY);
        assertThat(why("recall", search)).isNull();
        Path copy = RecordedRuns.copy(SEARCH_PROXY, tmp.resolve("unverified"));
        Path timeline = copy.resolve(RunDirectory.TIMELINE);
        List<String> rows = Files.readAllLines(timeline, StandardCharsets.UTF_8);
        List<String> header = List.of(rows.get(0).split(",", -1));
        int recall = header.indexOf(TimelineColumns.RECALL);
        assertThat(recall).isPositive();
        List<String> out = new ArrayList<>();
        for (String row : rows) {
            String[] cells = row.split(",", -1);
            if (out.isEmpty()) {
                out.add(row);
            } else {
                cells[recall] = "";
                out.add(String.join(",", cells));
            }
        }
        Files.write(timeline, out, StandardCharsets.UTF_8);
        RunData unverified = RunDataReader.read(copy);
        assertThat(unverified.hasOperation("query")).isTrue();
        assertThat(why("recall", unverified)).isEqualTo("recall needs verify_results and the search module");
        assertThat(why("latency-query", unverified)).isNull();
    }

    @Test
    void aRunWithoutSamplesYetIsWaitingForTheFirst() {
        RunData live = new RunData("live");
        for (String id : ChartCatalog.ALWAYS_SHOWN) {
            assertThat(why(id, live)).as(id).isEqualTo("waiting for the first sample");
        }
    }

    @Test
    void aWatchedRunDrawsTheServersThroughputAndClientsFromItsTimeline() throws Exception {
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient loader = ValkeyClient.connect(server.endpoint(), 1);
                ServerSession session = WatchSession.open(ConnectionSpec.server(server.endpoint().toUri()))) {
            AtomicBoolean stop = new AtomicBoolean();
            Thread load = new Thread(() -> {
                for (int i = 0; i < 20_000 && !stop.get(); i++) {
                    loader.command("SET", "test:watch:" + (i % 50), "v");
                }
            }, "test-load");
            load.start();
            RunResult result = new WatchSession(session, new WatchSession.Options(0.2, 1.4, tmp, null, "test"),
                    List.of()).run();
            stop.set(true);
            load.join(10_000);
            assertThat(result.outcome()).isEqualTo(RunOutcome.COMPLETED);
            RunData watched = RunDataReader.read(result.directory());
            assertThat(ChartCatalog.available(watched)).extracting(ChartSpec::id)
                    .contains("memory", "server-throughput", "server-clients").doesNotContain("throughput", "recall");
            assertThat(why("throughput", watched)).isEqualTo("no operations in this run");
            List<CSVRecord> rows;
            try (Reader r = Files.newBufferedReader(result.directory().resolve(RunDirectory.TIMELINE))) {
                rows = CSVFormat.DEFAULT.builder().setHeader().build().parse(r).getRecords();
            }
            assertThat(figures(watched, "server-throughput")).isEqualTo(column(rows, TimelineColumns.SERVER_OPS));
            List<Double> clients = figures(watched, "server-clients");
            assertThat(clients).isEqualTo(column(rows, TimelineColumns.CONNECTED_CLIENTS));
            // The watch's own connection and the test's loader were connected throughout.
            assertThat(clients).allMatch(c -> c >= 2);
            assertThat(column(rows, TimelineColumns.SERVER_OPS)).anyMatch(v -> v > 0);
        }
    }

    private static List<Double> figures(RunData run, String chart) {
        XYPlot plot = ChartCatalog.get(chart).create(run).getXYPlot();
        XYDataset d = plot.getDataset();
        assertThat(d.getSeriesCount()).isEqualTo(1);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < d.getItemCount(0); i++) {
            out.add(d.getYValue(0, i));
        }
        return out;
    }

    private static List<Double> column(List<CSVRecord> rows, String column) {
        return rows.stream().map(r -> r.get(column)).filter(v -> !v.isEmpty()).map(Double::parseDouble).toList();
    }
}
