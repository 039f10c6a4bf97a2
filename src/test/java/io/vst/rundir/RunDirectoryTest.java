package io.vst.rundir;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    @TempDir
    Path root;

    private static final Instant T0 = Instant.parse("2026-11-27T10:15:00Z");

    private RunDirectory create() {
        RunInfo info = new RunInfo("vst test", "my scenario", "my.yaml", Map.of("version", "8.0.1"), true, T0, null,
                RunOutcome.RUNNING, null, List.of(), Map.of());
        return RunDirectory.create(root, null, info, "name: my scenario\n");
    }

    @Test
    void filesAreWrittenAsTheRunGoes() throws Exception {
        RunDirectory dir = create();
        assertThat(dir.path().getFileName().toString()).isEqualTo("20261127T101500Z_my_scenario");
        assertThat(Files.readString(dir.path().resolve("scenario.yaml"))).isEqualTo("name: my scenario\n");
        dir.append(new Sample(T0.plusSeconds(1), 1.0, "load, \"quoted\"",
                Map.of(TimelineColumns.USED_MEMORY, 1024.0, TimelineColumns.MEM_FRAG_RATIO, 1.25)));
        List<String> lines = Files.readAllLines(dir.path().resolve("timeline.csv"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("2026-11-27T10:15:01Z,1,\"load, \"\"quoted\"\"\",1024,");
        assertThat(lines.get(1).split(",", -1)).hasSize(lines.get(0).split(",", -1).length + 1);
        // 1000 writes over 2 s of work in a 2.5 s step (the rest was the index wait): 500 ops/s, not 400.
        dir.append(new StepRecord("load", "workload", "ingest", StepStatus.OK, T0, T0.plusMillis(2500), 2.0, 1000, 0, 1000,
                0.5, Double.NaN, Map.of("ingest", new StepRecord.LatencySummary(1000, 1.5, 3, 4, 5)), "added"));
        assertThat(Files.readAllLines(dir.path().resolve("steps.csv")).get(1))
                .isEqualTo("load,workload,ingest,ok,2026-11-27T10:15:00Z,2026-11-27T10:15:02.500Z,2.5,2,1000,0,500,"
                        + "1000,0.5,,\"ingest:n=1000,p50=1.5,p99=3,p999=4,max=5\",added");
        Histogram h = new Histogram(3600_000_000L, 3);
        h.recordValue(1500);
        dir.appendLatency("ingest", "load", h);
        dir.finish(dir.info().finished(T0.plusSeconds(3), RunOutcome.COMPLETED, null, List.of("load")));
        dir.close();
        String json = Files.readString(dir.path().resolve("run.json"));
        assertThat(json).contains("\"outcome\" : \"completed\"").contains("\"endedAt\" : \"2026-11-27T10:15:03Z\"");
        HistogramLogReader reader = new HistogramLogReader(dir.path().resolve("latency/ingest.hlog").toFile());
        Histogram back = (Histogram) reader.nextIntervalHistogram();
        assertThat(back.getTotalCount()).isEqualTo(1);
        assertThat(back.getTag()).isEqualTo("load");
    }

    /** Read back by commons-csv's own parser: every step name and every cell comes back as written. */
    @Test
    void timelineRowsReadBackFieldForField() throws Exception {
        RunDirectory dir = create();
        String[] steps = {"load", "load, \"quoted\"", "two\nlines", " padded ", "#hash", "", "load", "semi;colon"};
        List<Map<String, Double>> values = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < steps.length; i++) {
            Map<String, Double> v = new java.util.HashMap<>();
            for (String col : TimelineColumns.all()) {
                if (random.nextInt(3) > 0) {
                    v.put(col, random.nextBoolean() ? random.nextInt(1_000_000) : random.nextGaussian() * 1e4);
                }
            }
            values.add(v);
            dir.append(new Sample(T0.plusMillis(1000L * i + 125), i + 0.125, steps[i], v));
        }
        dir.close();
        // The same rows through commons-csv's printer, as the file was written before: byte for byte.
        StringBuilder asPrinted = new StringBuilder();
        try (var printer = new org.apache.commons.csv.CSVPrinter(asPrinted,
                org.apache.commons.csv.CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            List<Object> header = new java.util.ArrayList<>(List.of("timestamp_utc", "elapsed_s", "step"));
            header.addAll(TimelineColumns.all());
            printer.printRecord(header);
            for (int i = 0; i < steps.length; i++) {
                List<Object> row = new java.util.ArrayList<>(List.of(T0.plusMillis(1000L * i + 125).toString(),
                        io.vst.units.Units.cell(i + 0.125), steps[i]));
                for (String col : TimelineColumns.all()) {
                    row.add(io.vst.units.Units.cell(values.get(i).getOrDefault(col, Double.NaN)));
                }
                printer.printRecord(row);
            }
        }
        assertThat(Files.readString(dir.path().resolve("timeline.csv"))).isEqualTo(asPrinted.toString());
        try (var parser = org.apache.commons.csv.CSVParser.parse(dir.path().resolve("timeline.csv"),
                java.nio.charset.StandardCharsets.UTF_8, org.apache.commons.csv.CSVFormat.RFC4180)) {
            List<org.apache.commons.csv.CSVRecord> rows = parser.getRecords();
            assertThat(rows).hasSize(steps.length + 1);
            List<String> header = rows.get(0).toList();
            assertThat(header.subList(3, header.size())).isEqualTo(TimelineColumns.all());
            for (int i = 0; i < steps.length; i++) {
                List<String> row = rows.get(i + 1).toList();
                assertThat(row).hasSize(header.size());
                assertThat(row.get(0)).isEqualTo(T0.plusMillis(1000L * i + 125).toString());
                assertThat(Double.parseDouble(row.get(1))).isEqualTo(i + 0.125);
                assertThat(row.get(2)).isEqualTo(steps[i]);
                for (int c = 3; c < header.size(); c++) {
                    Double expected = values.get(i).get(header.get(c));
                    if (expected == null) {
                        assertThat(row.get(c)).as(header.get(c)).isEmpty();
                    } else {
                        assertThat(Double.parseDouble(row.get(c))).as(header.get(c))
                                .isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(5e-4));
                    }
                }
            }
        }
    }

    @Test
    void eachHlogLineIsTaggedWithItsOwnStepWithoutBlanksOrCommas() throws Exception {
        RunDirectory dir = create();
        String[] steps = {"grow, then hold", "grow, then hold", "shrink", "", "grow, then hold"};
        for (int i = 0; i < steps.length; i++) {
            Histogram h = new Histogram(3600_000_000L, 3);
            h.recordValue(100 + i);
            dir.appendLatency("query", steps[i], h);
        }
        dir.close();
        HistogramLogReader reader = new HistogramLogReader(dir.path().resolve("latency/query.hlog").toFile());
        List<String> tags = new java.util.ArrayList<>();
        List<Long> values = new java.util.ArrayList<>();
        for (Histogram back; (back = (Histogram) reader.nextIntervalHistogram()) != null; ) {
            tags.add(back.getTag());
            values.add(back.getMaxValue());
        }
        assertThat(tags).containsExactly("grow__then_hold", "grow__then_hold", "shrink", null, "grow__then_hold");
        assertThat(values).containsExactly(100L, 101L, 102L, 103L, 104L);
    }

    @Test
    void secondRunInTheSameSecondGetsItsOwnDirectory() {
        RunDirectory a = create();
        RunDirectory b = create();
        assertThat(a.path()).isNotEqualTo(b.path());
        a.close();
        b.close();
    }
}
