package io.vst.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vst.testsupport.RealSearch;
import io.vst.testsupport.ValkeyTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vst run --valkey-server PATH --module PATH}: an embedded server with the real valkey-search
 * module runs a query scenario end to end, and a module that cannot serve the run is a clear error naming
 * the server's own words, with no stack trace.
 */
class EmbeddedModuleRunTest {

    private static final String QUERY = """
            name: module_query
            dataset: synthetic-32
            index: {algorithm: HNSW, m: 16, ef_construction: 200}
            steps:
              - name: load
                type: workload
                workload: ingest
                parameters: {target_vectors: 3000}
              - name: ask
                type: workload
                workload: query
                max_operations: 300
                parameters: {query_k: 10, ef_runtime: 200, verify_results: true, recall_sample_rate: 1.0}
            """;

    @TempDir
    Path tmp;

    private Path scenario;

    private record Result(int code, String text) {
    }

    @BeforeEach
    void writeScenario() throws IOException {
        RealSearch.requireAvailable();
        scenario = Files.writeString(tmp.resolve("module_query.yaml"), QUERY);
    }

    private Result vst(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--scenario", scenario.toString(), "--output",
                tmp.resolve("runs").toString(), "--no-report"));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = Main.run(args.toArray(String[]::new), ps, ps);
        return new Result(code, out.toString(StandardCharsets.UTF_8));
    }

    private static void noStackTrace(Result r) {
        assertThat(r.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aQueryScenarioRunsOnAnEmbeddedServerWithTheModule() {
        Result r = vst("--valkey-server", RealSearch.serverBinary().toString(), "--module",
                RealSearch.module().toString());
        assertThat(r.code()).as(r.text()).isZero();
        assertThat(r.text()).contains("valkey 8.1.1").contains("search 1.0.3").contains("Run completed");
        Matcher m = Pattern.compile("recall@10 ([0-9.]+) over ([0-9,]+) verified queries").matcher(r.text());
        assertThat(m.find()).as(r.text()).isTrue();
        // The verifier may skip samples to keep up; enough must remain to mean something.
        assertThat(Integer.parseInt(m.group(2).replace(",", ""))).isGreaterThanOrEqualTo(100);
        // Approximate HNSW at ef 200 on 3,000 vectors: plausible, not necessarily exact.
        assertThat(Double.parseDouble(m.group(1))).isBetween(0.9, 1.0);
    }

    @Test
    void aMissingModuleFileIsBadInputNamingTheOption() {
        Result r = vst("--valkey-server", RealSearch.serverBinary().toString(), "--module",
                tmp.resolve("nosuch.so").toString());
        assertThat(r.code()).as(r.text()).isEqualTo(2);
        assertThat(r.text()).contains("--module").contains("nosuch.so: no such file");
        noStackTrace(r);
    }

    @Test
    void aFileThatIsNotAModuleIsBadInputInTheServersWords() throws IOException {
        Path text = Files.writeString(tmp.resolve("notamodule.so"), "not a shared object\n");
        Result plain = vst("--valkey-server", RealSearch.serverBinary().toString(), "--module", text.toString());
        assertThat(plain.code()).as(plain.text()).isEqualTo(2);
        assertThat(plain.text()).contains("could not load the module")
                .contains("Module " + text + " failed to load: It does not have execute permissions");
        noStackTrace(plain);
        Files.setPosixFilePermissions(text, PosixFilePermissions.fromString("rwxr-xr-x"));
        Result executable = vst("--valkey-server", RealSearch.serverBinary().toString(), "--module", text.toString());
        assertThat(executable.code()).as(executable.text()).isEqualTo(2);
        assertThat(executable.text()).contains("could not load the module").contains("failed to load")
                .contains("notamodule.so");
        noStackTrace(executable);
    }

    @Test
    void aServerTooOldForTheModuleIsRefusedBeforeTheRun() throws Exception {
        ValkeyTestServer.requireBinary();
        Path debian = Path.of("/usr/bin/valkey-server");
        assumeTrue(Files.isExecutable(debian), "no Debian valkey-server at " + debian);
        Process version = new ProcessBuilder(debian.toString(), "--version").redirectErrorStream(true).start();
        String v = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(version.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assumeTrue(v.contains("v=8.0."), "the Debian server is not 8.0.x: " + v);
        Result r = vst("--valkey-server", debian.toString(), "--module", RealSearch.module().toString());
        assertThat(r.code()).as(r.text()).isEqualTo(2);
        assertThat(r.text()).contains("valkey-search 1.0.3 needs valkey-server 8.1.1 or later")
                .contains(debian + " is 8.0.1").contains("--valkey-server").doesNotContain("▶ load");
        noStackTrace(r);
    }
}
