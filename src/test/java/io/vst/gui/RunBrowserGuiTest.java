package io.vst.gui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vst.cli.Main;
import io.vst.gui.run.ComparisonDialog;
import io.vst.gui.run.PastRunDialog;
import io.vst.gui.run.RunHistoryPanel;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.units.Units;
import java.awt.Desktop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run browser on two real runs written by {@code vst run} and a damaged run directory: every cell is what
 * run.json says (read here with Jackson), an opened run's step table is steps.csv (read here with commons-csv),
 * Open report writes report.html, and Compare shows the rows {@code vst compare A B} prints.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunBrowserGuiTest {

    private static final String SCENARIO = """
            name: browse
            dataset: synthetic-16
            global_config: {n_threads: 1, n_clients: 1, batch_size: 50}
            steps:
              - name: load
                type: workload
                workload: ingest
                parameters: {target_vectors: 3000}
              - name: loaded
                type: checkpoint
              - name: shrink
                type: workload
                workload: shrink
                parameters: {target_vectors: 1000}
              - name: shrunk
                type: checkpoint
                parameters: {compare_with: loaded}
            """;

    private GuiSession gui;
    private Path runs;
    private Path first;
    private Path second;
    private Path broken;
    private Path aborted;

    @BeforeAll
    void twoRealRunsAndABrokenOne(@TempDir Path tmp) throws Exception {
        GuiTestSupport.requireValkey();
        runs = tmp.resolve("runs");
        Path file = tmp.resolve("browse.yaml");
        Files.writeString(file, SCENARIO);
        try (ValkeyTestServer server = ValkeyTestServer.start()) {
            String url = "valkey://127.0.0.1:" + server.port();
            assertThat(vst("run", "--scenario", file.toString(), "--output", runs.toString(), "--server", url, "--yes",
                    "--no-report")).isZero();
            Thread.sleep(1100);
            assertThat(vst("run", "--scenario", file.toString(), "--output", runs.toString(), "--server", url, "--yes"))
                    .isZero();
        }
        try (Stream<Path> s = Files.list(runs)) {
            List<Path> dirs = s.sorted().toList();
            assertThat(dirs).hasSize(2);
            first = dirs.get(0);
            second = dirs.get(1);
        }
        broken = runs.resolve("20991231T000000Z_broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("run.json"), "{ \"tool\": ");
        // A run whose process died while it ran: run.json still says running, and its writer is gone.
        aborted = runs.resolve("20000101T000000Z_aborted");
        Files.createDirectories(aborted);
        Files.copy(first.resolve("timeline.csv"), aborted.resolve("timeline.csv"));
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode info = (com.fasterxml.jackson.databind.node.ObjectNode) json
                .readTree(first.resolve("run.json").toFile());
        info.put("outcome", "running");
        info.putNull("endedAt");
        ((com.fasterxml.jackson.databind.node.ObjectNode) info.get("writer")).put("pid", Integer.MAX_VALUE - 7)
                .put("host", io.vst.rundir.RunInfo.Writer.current().host());
        json.writeValue(aborted.resolve("run.json").toFile(), info);
        gui = GuiSession.open(file.toString(), runs, "light");
    }

    @AfterAll
    void close() {
        if (gui != null) {
            gui.close();
        }
    }

    private RunHistoryPanel history() {
        return gui.frame.runHistory();
    }

    @Test
    void everyCellIsWhatRunJsonSays() throws Exception {
        List<Path> listed = Edt.call(() -> history().refresh()).get(60, TimeUnit.SECONDS);
        assertThat(listed).containsExactly(broken, second, first, aborted);
        List<List<String>> cells = Edt.call(() -> history().cells());
        ObjectMapper json = new ObjectMapper();
        for (int i = 1; i < 3; i++) {
            Path dir = listed.get(i);
            JsonNode n = json.readTree(dir.resolve("run.json").toFile());
            double seconds = (Instant.parse(n.get("endedAt").asText()).toEpochMilli()
                    - Instant.parse(n.get("startedAt").asText()).toEpochMilli()) / 1000.0;
            JsonNode server = n.get("server");
            assertThat(cells.get(i)).as("row of %s", dir).containsExactly(dir.getFileName().toString(),
                    n.get("outcome").asText(), n.get("startedAt").asText(), Units.duration(seconds),
                    n.get("scenario").asText(), server.get("server").asText() + " " + server.get("version").asText()
                            + " / " + server.get("address").asText(), n.get("tool").asText());
            assertThat(cells.get(i).get(1)).isEqualTo("completed");
            assertThat(cells.get(i).get(4)).isEqualTo("browse");
        }
        String reason = cells.get(0).get(1);
        assertThat(reason).startsWith("unreadable: ").contains("run.json").doesNotContain("\n")
                .doesNotContain("Exception").doesNotContain("at io.vst");
        assertThat(cells.get(0).subList(2, 7)).containsOnly("");
        // The aborted run ends at its last sample, as RunDataReader says (timeline.csv read here).
        List<String> timeline = Files.readAllLines(aborted.resolve("timeline.csv"));
        Instant lastSample = Instant.parse(timeline.get(timeline.size() - 1).split(",")[0]);
        Instant started = Instant.parse(json.readTree(aborted.resolve("run.json").toFile()).get("startedAt").asText());
        assertThat(cells.get(3).get(1)).startsWith("aborted: the process that wrote this run (pid "
                + (Integer.MAX_VALUE - 7));
        assertThat(cells.get(3).get(3)).isEqualTo(Units.duration((lastSample.toEpochMilli() - started.toEpochMilli())
                / 1000.0));
    }

    @Test
    void anOpenedRunShowsItsStepsAsStepsCsvHasThemAndItsCheckpoints() throws Exception {
        PastRunDialog dialog = Edt.call(() -> history().openRun(second)).get(60, TimeUnit.SECONDS);
        try {
            List<List<String>> shown = Edt.call(dialog::stepCells);
            List<List<String>> expected = new ArrayList<>();
            String text = Files.readString(second.resolve("steps.csv"));
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(text))) {
                long ops = Long.parseLong(r.get("operations"));
                // steps.csv holds ops/s to six significant digits; the table recomputes it from the record.
                String rate = ops > 0 ? r.get("ops_per_s") : "";
                List<String> base = List.of(r.get("name"), r.get("type"), r.get("status"), Units.count(ops), rate,
                        Units.count(Long.parseLong(r.get("errors"))));
                String latency = r.get("latency_ms");
                List<String> tail = List.of(Units.count(Long.parseLong(r.get("live_vectors_after"))),
                        r.get("recall").isEmpty() ? "" : String.format(Locale.ROOT, "%.4f",
                                Double.parseDouble(r.get("recall"))), r.get("detail"));
                if (latency.isBlank()) {
                    expected.add(concat(base, List.of("", "", "", "", "", ""), tail));
                }
                for (String part : latency.isBlank() ? new String[0] : latency.split(" ")) {
                    String op = part.substring(0, part.indexOf(':'));
                    List<String> fig = new ArrayList<>(List.of(op, "", "", "", "", ""));
                    for (String kv : part.substring(part.indexOf(':') + 1).split(",")) {
                        String[] p = kv.split("=");
                        int at = Arrays.asList("n", "p50", "p90", "p99", "max").indexOf(p[0]);
                        if (at >= 0) {
                            fig.set(at + 1, at == 0 ? Units.count(Long.parseLong(p[1]))
                                    : String.format(Locale.ROOT, "%.3f", Double.parseDouble(p[1])));
                        }
                    }
                    expected.add(concat(base, fig, tail));
                }
            }
            assertThat(expected).as("steps.csv rows").hasSizeGreaterThanOrEqualTo(4);
            assertThat(shown).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                List<String> want = new ArrayList<>(expected.get(i));
                List<String> got = new ArrayList<>(shown.get(i));
                String csvRate = want.set(4, "");
                String shownRate = got.set(4, "");
                assertThat(got).as("row %d but ops/s", i).isEqualTo(want);
                if (csvRate.isEmpty()) {
                    assertThat(shownRate).as("ops/s of row %d", i).isEmpty();
                } else {
                    double csv = Double.parseDouble(csvRate);
                    assertThat(shownRate).endsWith(" ops/s");
                    double table = Double.parseDouble(shownRate.replace(" ops/s", "").replace(",", ""));
                    // Display rounding (whole ops/s above 100) plus the CSV's six significant digits.
                    assertThat(table).as("ops/s of row %d", i).isCloseTo(csv,
                            org.assertj.core.data.Offset.offset(0.5 + csv * 1e-5));
                }
            }
            assertThat(Edt.call(() -> dialog.checkpoints().count())).isEqualTo(2);
            Edt.run(() -> dialog.checkpoints().select(1));
            assertThat(Edt.call(() -> dialog.checkpoints().shownRows())).isNotEmpty()
                    .anyMatch(row -> row.section().startsWith("Compared with loaded"));
        } finally {
            Edt.run(dialog::dispose);
        }
    }

    @Test
    void doubleClickingABrokenRunSaysWhyInOneMessageWithoutJavaNames() throws Exception {
        Edt.call(() -> history().refresh()).get(60, TimeUnit.SECONDS);
        gui.window.tabbedPane("bottomTabs").selectTab("Run history");
        int row = Edt.call(() -> history().listed().indexOf(broken));
        gui.window.table("runHistoryTable").cell(org.assertj.swing.data.TableCell.row(row).column(0)).doubleClick();
        org.assertj.swing.fixture.JOptionPaneFixture pane = gui.optionPaneSaying("Cannot read the run");
        String message = String.valueOf(Edt.call(() -> pane.target().getMessage()));
        assertThat(message).contains(broken.resolve("run.json").toString()).doesNotContain("Exception")
                .doesNotContain("at io.vst").doesNotContain("com.fasterxml");
        gui.answer(pane, "OK");
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> out = new ArrayList<>();
        for (List<String> p : parts) {
            out.addAll(p);
        }
        return out;
    }

    @Test
    void openReportWritesReportHtmlAndSaysWhereItIs() throws Exception {
        Path html = first.resolve("report.html");
        assertThat(html).as("the first run was made with --no-report").doesNotExist();
        String said = Edt.call(() -> history().openReport(first)).get(120, TimeUnit.SECONDS);
        assertThat(html).exists();
        assertThat(Files.readString(html)).contains("<html").contains("browse");
        assertThat(Edt.call(() -> history().noteText())).isEqualTo(said);
        if (!Desktop.isDesktopSupported() || !Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
            assertThat(said).isEqualTo("Report: " + html.toAbsolutePath()
                    + " (no browser can be opened from here: open this file)");
        } else {
            assertThat(said).isEqualTo("Opened " + html + " in the browser");
        }
    }

    @Test
    void compareShowsTheRowsAndVerdictVstComparePrints() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"compare", first.toString(), second.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8));
        assertThat(code).isIn(0, 3);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("scope ")).findFirst().orElseThrow());
        List<List<String>> printed = new ArrayList<>();
        for (String l : lines.subList(header + 1, lines.size() - 1)) {
            printed.add(Arrays.asList(l.trim().split("\\s+")));
        }
        assertThat(printed).as("vst compare rows").isNotEmpty().anyMatch(r -> r.get(0).equals("checkpoint"))
                .anyMatch(r -> r.get(0).equals("step"));
        ComparisonDialog dialog = Edt.call(() -> history().compare(first, second)).get(60, TimeUnit.SECONDS);
        try {
            assertThat(Edt.call(dialog::cells)).isEqualTo(printed);
            assertThat(Edt.call(dialog::verdictText)).isEqualTo(lines.get(lines.size() - 1));
        } finally {
            Edt.run(dialog::dispose);
        }
    }

    private static int vst(String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
        int code = Main.run(args, ps, ps);
        if (code != 0) {
            System.err.println(sink.toString(StandardCharsets.UTF_8));
        }
        return code;
    }

}
