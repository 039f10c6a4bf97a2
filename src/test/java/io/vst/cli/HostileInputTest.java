package io.vst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The hostile-input corpus: generated scenario files (deep nesting, aliases, huge files and values,
 * bytes that are not UTF-8 text, bad datasets, oversized parallel steps) and bad command lines. All run
 * in one child JVM limited to {@value #HEAP} of heap; each must exit 2 within {@value #MAX_MILLIS} ms,
 * print no Java exception or stack frame, name where the problem is (file:line:col or the option) and
 * say what to do.
 */
class HostileInputTest {

    private static final String HEAP = "-Xmx300m";
    private static final long MAX_MILLIS = 5_000;
    private static final Pattern JAVA_LEAK = Pattern.compile("Exception|\\bat io\\.|java\\.|Error:|\\$[A-Z]");

    @TempDir
    static Path dir;

    /** name -> case; {@code where} must appear in the output. */
    private static final Map<String, Case> CASES = new LinkedHashMap<>();
    private static List<Map<String, Object>> results;

    record Case(String name, List<String> args, String where) {
    }

    @BeforeAll
    static void runCorpusInAChildJvm() throws Exception {
        for (HostileScenarioFiles.HostileFile f : new HostileScenarioFiles(dir).all()) {
            String loc = f.where() == null ? f.file() + ":" : f.file() + ":" + f.where() + ":";
            add(f.name(), loc, "scenario", "validate", "--scenario", f.file().toString());
            if (f.name().startsWith("dataset_")) {
                add(f.name() + " (check)", loc, "scenario", "check", "--scenario", f.file().toString());
                add(f.name() + " (dry run)", loc, "run", "--scenario", f.file().toString(), "--dry-run");
            }
        }
        Path fieldKey = Files.writeString(dir.resolve("index_field_unknown_key.yaml"), "name: x\ndataset: synthetic-16\n"
                + "index:\n  fields:\n    - name: color\n      type: tag\n      sortabel: true\nsteps:\n  - name: w\n"
                + "    type: wait\n    duration_seconds: 1\n");
        add("index_field_unknown_key (strict)", fieldKey + ":7:7:", "scenario", "validate", "--strict", "--scenario",
                fieldKey.toString());
        commandLines();
        ObjectMapper json = new ObjectMapper();
        Path in = dir.resolve("cases.json");
        Path out = dir.resolve("results.json");
        List<Map<String, Object>> list = new ArrayList<>();
        CASES.values().forEach(c -> list.add(Map.of("name", c.name(), "args", c.args())));
        json.writeValue(in.toFile(), list);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-Djava.awt.headless=true", "-Dvst.config.dir=" + dir.resolve("config"),
                "-Dvst.data.dir=" + dir.resolve("data"), "-cp", System.getProperty("java.class.path"),
                HostileCorpusRunner.class.getName(), in.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the corpus did not finish in 180 s:\n" + Files.readString(dir.resolve("child.log")));
        }
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();
        results = json.readValue(out.toFile(), new TypeReference<>() { });
    }

    private static void commandLines() throws IOException {
        Path file = Files.writeString(dir.resolve("a_file.txt"), "x\n");
        Path quick = dir.resolve("q.yaml");
        Files.writeString(quick, "name: q\ndataset: synthetic-16\nsteps:\n  - name: w\n    type: wait\n"
                + "    duration_seconds: 1\n");
        String q = quick.toString();
        for (String port : new String[] {"70000", "-1", "65536", "99999999999", "abc", "1.5"}) {
            add("prometheus_port_" + port, "--prometheus-port", "run", "--scenario", q, "--prometheus-port", port);
        }
        add("output_is_a_file", "--output", "run", "--scenario", q, "--output", file.toString());
        add("output_under_a_file", "--output", "run", "--scenario", q, "--output", file + "/runs");
        add("output_in_proc", "--output", "run", "--scenario", q, "--output", "/proc/vst-none/runs");
        add("log_level_loud", "log level 'LOUD'", "--log-level=LOUD", "scenario", "list");
        add("log_level_missing", "--log-level", "scenario", "list", "--log-level");
        add("log_level_empty", "log level ''", "--log-level=", "scenario", "list");
        add("cluster_maybe", "cluster setting 'maybe'", "run", "--scenario", q, "--cluster=maybe", "--dry-run");
        add("cluster_on_info", "cluster setting 'sometimes'", "info", "server", "--cluster=sometimes");
        add("seed_not_a_number", "--seed", "run", "--scenario", q, "--seed", "abc", "--dry-run");
        add("time_scale_zero", "--time-scale", "run", "--scenario", q, "--time-scale", "0", "--dry-run");
        add("time_scale_negative", "--time-scale", "run", "--scenario", q, "--time-scale", "-2", "--dry-run");
        add("time_scale_text", "--time-scale", "run", "--scenario", q, "--time-scale", "fast", "--dry-run");
        add("vector_scale_zero", "--vector-scale", "run", "--scenario", q, "--vector-scale", "0", "--dry-run");
        add("run_dataset_unknown", "--dataset nope", "run", "--scenario", q, "--dataset", "nope", "--dry-run");
        add("run_dataset_synthetic_zero", "--dataset synthetic-0", "run", "--scenario", q, "--dataset",
                "synthetic-0", "--dry-run");
        add("run_dataset_missing_file", "--dataset /nowhere/x.fvecs", "run", "--scenario", q, "--dataset",
                "/nowhere/x.fvecs", "--dry-run");
        add("unknown_command", "'forecast'", "forecast");
        add("unknown_command_help", "'forecast'", "forecast", "--help");
        add("unknown_subcommand_dataset", "'bogus'", "dataset", "bogus");
        add("unknown_subcommand_help", "'bogus'", "scenario", "bogus", "--help");
        add("unknown_subcommand_info", "'client'", "info", "client");
        add("unknown_option_run", "'--bogus'", "run", "--scenario", q, "--bogus");
        add("unknown_option_root", "'--frobnicate'", "--frobnicate");
        add("extra_argument", "'extra'", "scenario", "validate", "--scenario", q, "extra");
        add("run_without_scenario", "--scenario", "run", "--dry-run");
        add("validate_without_scenario", "--scenario", "scenario", "validate");
        add("scenario_missing_file", "/nowhere/s.yaml", "scenario", "validate", "--scenario", "/nowhere/s.yaml");
        add("scenario_is_directory", dir.toString(), "scenario", "validate", "--scenario", dir.toString());
        add("scenario_unknown_builtin", "'quickstrat'", "run", "--scenario", "quickstrat", "--dry-run");
        add("scenario_show_unknown", "'nope'", "scenario", "show", "nope");
        add("rules_missing", "/nowhere/rules.yaml", "scenario", "validate", "--scenario", q, "--rules",
                "/nowhere/rules.yaml");
        add("plugins_missing", "/nowhere/plugins", "scenario", "validate", "--scenario", q, "--plugins",
                "/nowhere/plugins");
        add("server_not_a_uri", "'::nope::'", "info", "server", "--server", "::nope::");
        add("server_bad_scheme", "http://", "info", "server", "--server", "http://localhost:6379");
        add("server_port_too_big", "99999", "info", "server", "--server", "valkey://127.0.0.1:99999");
        add("server_db_not_a_number", "abc", "info", "server", "--server", "valkey://127.0.0.1:6379/abc");
        add("server_and_profile", "--profile", "info", "server", "--server", "valkey://127.0.0.1:1", "--profile",
                "p");
        add("tls_without_server", "--server", "info", "server", "--tls-ca", file.toString());
        add("compare_one_run", "RUN_DIR", "compare", dir.toString());
        add("compare_bad_percent", "--max-regression", "compare", "--max-regression", "lots", dir.toString(),
                dir.toString());
        add("report_missing_dir", "/nowhere/run", "report", "/nowhere/run");
        add("dataset_info_unknown", "'nope'", "dataset", "info", "nope");
        add("dataset_verify_unknown", "'nope'", "dataset", "verify", "nope");
        add("dataset_generate_zero_dims", "dims 0", "dataset", "generate", "--name", "g", "--dims", "0", "--count",
                "10");
        add("workload_unknown", "'bogus'", "workload", "bogus");
    }

    private static void add(String name, String where, String... args) {
        CASES.put(name, new Case(name, List.of(args), where));
    }

    @Test
    void theCorpusHasAtLeast150Cases() {
        assertThat(results).hasSize(CASES.size()).hasSizeGreaterThanOrEqualTo(150);
    }

    @Test
    void everyHostileInputExitsTwoQuicklyWithAPlainMessageThatSaysWhereAndWhatToDo() {
        List<String> failures = new ArrayList<>();
        for (Map<String, Object> r : results) {
            Case c = CASES.get((String) r.get("name"));
            String output = r.get("out") + "\n" + r.get("err");
            long millis = ((Number) r.get("millis")).longValue();
            List<String> wrong = new ArrayList<>();
            if (((Number) r.get("code")).intValue() != Main.EXIT_INVALID) {
                wrong.add("exit " + r.get("code"));
            }
            if (millis > MAX_MILLIS) {
                wrong.add(millis + " ms");
            }
            if (JAVA_LEAK.matcher(output).find()) {
                wrong.add("Java shows through");
            }
            if (!output.contains(c.where())) {
                wrong.add("does not name " + c.where());
            }
            if (!output.contains("hint: ") && !output.contains("Try 'vst")) {
                wrong.add("says nothing about what to do");
            }
            if (!wrong.isEmpty()) {
                failures.add(c.name() + " " + c.args() + ": " + wrong + "\n" + output.strip());
            }
        }
        assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
    }

    @Test
    void theWholeCorpusRunsInUnderAMinute() {
        long total = results.stream().mapToLong(r -> ((Number) r.get("millis")).longValue()).sum();
        System.out.println(table());
        assertThat(total).isLessThan(60_000);
    }

    /** The cases and what each did, as a markdown table (printed for the record). */
    private static String table() {
        StringBuilder sb = new StringBuilder("| case | exit | ms | peak heap MB | first line |\n|---|---|---|---|---|\n");
        for (Map<String, Object> r : results) {
            String err = ((String) r.get("err")).strip();
            String first = (err.isEmpty() ? ((String) r.get("out")).strip() : err).lines().findFirst().orElse("");
            first = first.replace(dir.toString(), "$TMP").replace("|", "\\|");
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f | %s |%n", r.get("name"), r.get("code"),
                    r.get("millis"), ((Number) r.get("peakHeapBytes")).doubleValue() / (1 << 20),
                    first.length() > 140 ? first.substring(0, 140) + "..." : first));
        }
        return sb.toString();
    }

    @Test
    void helpWorksOnEveryCommandAndSubcommand() {
        List<String> failures = new ArrayList<>();
        walk(Main.newCommandLine(System.out, System.err), new ArrayList<>(), failures);
        assertThat(failures).isEmpty();
    }

    private static void walk(CommandLine cmd, List<String> path, List<String> failures) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String usage = out.toString(StandardCharsets.UTF_8);
        String complaints = err.toString(StandardCharsets.UTF_8) + (usage.contains("[picocli WARN]") ? usage : "");
        if (code != 0 || !usage.startsWith("Usage: " + cmd.getCommandSpec().qualifiedName()) || !complaints.isEmpty()) {
            failures.add(args + " -> exit " + code + ": " + complaints + usage.lines().findFirst().orElse(""));
        }
        cmd.getSubcommands().forEach((name, sub) -> {
            List<String> next = new ArrayList<>(path);
            next.add(name);
            walk(sub, next, failures);
        });
    }
}
