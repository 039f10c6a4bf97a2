package io.vst.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.gui.run.RunController;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ClusterMode;
import io.vst.valkey.ValkeyClient;
import java.awt.Toolkit;
import java.awt.datatransfer.DataFlavor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live results table: a running step's row follows the server (never more operations than the server
 * holds), an ended step's row shows what the server holds, and Copy as CSV puts the table on the clipboard.
 */
class ResultsGuiTest {

    private static final String SCENARIO = """
            name: results
            dataset: synthetic-16
            global_config: {n_threads: 1, n_clients: 1, batch_size: 10}
            steps:
              - name: slow_load
                type: workload
                workload: mixed
                duration_seconds: 4
                parameters: {ingest_ratio: 1.0, query_ratio: 0, target_ops_per_second: 3000}
              - name: more
                type: workload
                workload: ingest
                parameters: {target_vectors: 20000}
            """;

    @TempDir
    Path tmp;

    @Test
    void theTableFollowsTheRunAndEndsWithTheServersCounts() throws Exception {
        GuiTestSupport.requireValkey();
        Path file = tmp.resolve("results.yaml");
        Files.writeString(file, SCENARIO);
        GuiSession gui = GuiSession.open(file.toString(), tmp.resolve("runs"), "light");
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient admin = ValkeyClient.connect(server.endpoint().withCluster(ClusterMode.STANDALONE), 1)) {
            gui.server(false, server.port());
            gui.startRun();
            // Run shows Progress; the user clicks the Results tab.
            Edt.await(() -> gui.frame.bottom.getSelectedComponent() == gui.frame.progressPanel(), Duration.ofSeconds(5));
            gui.window.tabbedPane("bottomTabs").selectTab("Results");
            // While the first step runs, its row never counts more writes than the server holds right after.
            long seen = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int looks = 0;
            while (System.nanoTime() < deadline && looks < 5) {
                String[][] cells = gui.window.table("resultsTable").contents();
                long server1 = admin.dbSize();
                if (cells.length == 1 && cells[0][2].equals("running")) {
                    long ops = Long.parseLong(cells[0][3].replace(",", ""));
                    if (ops > seen) {
                        assertThat(ops).as("row operations against DBSIZE read after").isLessThanOrEqualTo(server1);
                        seen = ops;
                        looks++;
                    }
                }
                Thread.sleep(100);
            }
            assertThat(looks).as("the running row moved while the step ran").isGreaterThanOrEqualTo(2);
            assertThat(Edt.await(() -> gui.frame.runController().state() == RunController.State.IDLE
                    && gui.frame.runController().lastOutcome() != null, Duration.ofSeconds(120))).isTrue();
            String[][] rows = gui.window.table("resultsTable").contents();
            assertThat(rows).hasNumberOfRows(2);
            long keys = admin.dbSize();
            assertThat(keys).isEqualTo(20000);
            assertThat(rows[0]).startsWith("slow_load", "mixed", "ok");
            assertThat(rows[1]).startsWith("more", "ingest", "ok");
            long first = Long.parseLong(rows[0][10].replace(",", ""));
            // Every operation of the first step wrote a new key; the second wrote the rest up to 20,000.
            assertThat(Long.parseLong(rows[1][3].replace(",", ""))).isEqualTo(keys - first);
            assertThat(rows[1][10]).isEqualTo("20,000");
            assertThat(rows[0][9]).isEqualTo("0");
            for (String[] row : rows) {
                double p50 = Double.parseDouble(row[5]);
                double p90 = Double.parseDouble(row[6]);
                double p99 = Double.parseDouble(row[7]);
                double max = Double.parseDouble(row[8]);
                assertThat(p50).isPositive().isLessThanOrEqualTo(p90);
                assertThat(p90).isLessThanOrEqualTo(p99);
                assertThat(p99).isLessThanOrEqualTo(max);
            }
            gui.window.button("copyResults").click();
            String copied = Edt.call(() -> {
                try {
                    return (String) Toolkit.getDefaultToolkit().getSystemClipboard().getData(DataFlavor.stringFlavor);
                } catch (java.awt.datatransfer.UnsupportedFlavorException | java.io.IOException e) {
                    throw new AssertionError("clipboard holds no text", e);
                }
            });
            List<String> lines = copied.lines().toList();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).startsWith("step,kind,status,operations,ops/s,p50 ms,p90 ms,p99 ms,max ms");
            assertThat(lines.get(2)).startsWith("more,ingest,ok," + (keys - first) + ",").contains(",0,20000,");
        } finally {
            gui.close();
        }
    }
}
