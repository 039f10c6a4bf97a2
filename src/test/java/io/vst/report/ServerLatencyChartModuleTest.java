package io.vst.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vst.cli.Main;
import io.vst.rundir.RunData;
import io.vst.rundir.RunDataReader;
import io.vst.testsupport.PlainReadings;
import io.vst.testsupport.RealSearch;
import io.vst.valkey.server.ManagedServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart of client query latency beside the module's own search latency, from a run on the real
 * valkey-search module: its server line is what INFO SEARCH says, read apart after the run.
 */
class ServerLatencyChartModuleTest {

    @TempDir
    Path tmp;

    @Test
    void serverLinesAreTheModulesOwnFiguresBesideTheClientLines() throws Exception {
        try (ManagedServer server = RealSearch.start(); PlainReadings plain = PlainReadings.connect(server.port())) {
            Path scenario = Files.writeString(tmp.resolve("q.yaml"), """
                    name: server_latency
                    dataset: synthetic-32
                    index: {algorithm: HNSW}
                    global_config: {metrics_collection_interval: 0.5}
                    steps:
                      - name: load
                        type: workload
                        workload: ingest
                        parameters: {target_vectors: 2000}
                      - name: ask
                        type: workload
                        workload: query
                        duration_seconds: 2
                        parameters: {query_k: 10, queries_per_second: 200}
                      - name: settle
                        type: wait
                        duration_seconds: 1.5
                    """);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
            int code = Main.run(new String[] {"run", "--scenario", scenario.toString(), "--server",
                "valkey://127.0.0.1:" + server.port(), "--output", tmp.resolve("runs").toString(), "--no-report"}, ps, ps);
            assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
            Path dir;
            try (Stream<Path> dirs = Files.list(tmp.resolve("runs"))) {
                dir = dirs.findFirst().orElseThrow();
            }
            RunData run = RunDataReader.read(dir);
            assertThat(ChartCatalog.available(run)).extracting(ChartSpec::id).contains("latency-query-server");
            XYDataset data = ChartCatalog.get("latency-query-server").create(run).getXYPlot().getDataset();
            String p50 = plain.info("search").get("search_hnsw_vector_index_search_latency_usec");
            double serverP50Ms = Double.parseDouble(p50.substring(4, p50.indexOf(','))) / 1000;
            int found = 0;
            for (int s = 0; s < data.getSeriesCount(); s++) {
                String key = data.getSeriesKey(s).toString();
                int last = data.getItemCount(s) - 1;
                if (key.equals("server HNSW search p50")) {
                    // No query ran after the last sample: the module's figure is still the one charted.
                    assertThat(data.getYValue(s, last)).isCloseTo(serverP50Ms, within(1e-9));
                    found++;
                } else if (key.equals("client p50") || key.equals("client p99")) {
                    assertThat(data.getItemCount(s)).isPositive();
                    found++;
                }
            }
            assertThat(found).as("client p50, client p99 and server p50 lines").isEqualTo(3);
        }
    }
}
