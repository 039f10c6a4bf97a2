package io.vst.valkey.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.rundir.RunDataReader;
import io.vst.testsupport.ValkeyTestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded valkey-server dies with vst even when vst is killed with SIGKILL, and a server whose owner
 * is gone is ended by the next start. The reference is the process table (/proc), read apart from vst.
 */
class ServerWatchdogTest {

    private static final Pattern STARTED = Pattern.compile("started valkey-server on 127\\.0\\.0\\.1:(\\d+) \\(pid (\\d+)\\)");

    @TempDir
    Path tmp;

    /** Whether {@code pid} is a running process (a zombie waiting to be reaped is not). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    private static boolean goneWithin(long pid, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            if (!running(pid)) {
                return true;
            }
            Thread.sleep(50);
        }
        return !running(pid);
    }

    @Test
    void killingVstWithSigkillLeavesNoValkeyServerAndItsRunReadsAsAborted() throws Exception {
        ValkeyTestServer.requireBinary();
        Path scenario = Files.writeString(tmp.resolve("hold.yaml"), """
                name: hold
                dataset: synthetic-16
                steps:
                  - name: load
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 100}
                  - name: hold
                    type: wait
                    parameters: {duration_seconds: 120}
                """);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process vst = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "io.vst.cli.Main", "run", "--scenario", scenario.toString(), "--output", tmp.resolve("runs").toString(),
                "--no-report").redirectErrorStream(true).start();
        long serverPid = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(vst.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder seen = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            boolean holding = false;
            while (!holding && System.nanoTime() < deadline && (line = out.readLine()) != null) {
                seen.append(line).append('\n');
                Matcher m = STARTED.matcher(line);
                if (m.find()) {
                    serverPid = Long.parseLong(m.group(2));
                }
                holding = line.contains("hold (wait)");
            }
            assertThat(holding).as(seen.toString()).isTrue();
            assertThat(serverPid).as(seen.toString()).isPositive();
            assertThat(running(serverPid)).isTrue();
            vst.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(vst.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long killedAt = System.nanoTime();
            assertThat(goneWithin(serverPid, 5_000)).as("valkey-server pid " + serverPid + " gone within 5 s").isTrue();
            System.out.printf(Locale.ROOT, "valkey-server pid %d gone %d ms after vst was killed%n",
                    serverPid, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
        } finally {
            vst.destroyForcibly();
            if (serverPid > 0 && running(serverPid)) {
                ProcessHandle.of(serverPid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        Path run;
        try (Stream<Path> dirs = Files.list(tmp.resolve("runs"))) {
            run = dirs.findFirst().orElseThrow();
        }
        assertThat(Files.readString(run.resolve("run.json"))).contains("\"outcome\" : \"running\"");
        assertThat(RunDataReader.read(run).info().outcome().spelling()).isEqualTo("aborted");
        java.io.ByteArrayOutputStream report = new java.io.ByteArrayOutputStream();
        java.io.PrintStream ps = new java.io.PrintStream(report, true, StandardCharsets.UTF_8);
        int code = io.vst.cli.Main.run(new String[] {"report", run.toString(), "--out", tmp.resolve("r").toString(),
            "--format", "html,json"}, ps, ps);
        assertThat(code).as(report.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(tmp.resolve("r/report.html")).content().contains("<span class=\"badge bad\">aborted</span>");
        assertThat(Files.readString(tmp.resolve("r/summary.json"))).contains("\"outcome\" : \"aborted\"");
    }

    @Test
    void theNextStartEndsAServerWhoseOwnerIsGoneAndRemovesItsDirectory() throws Exception {
        ValkeyTestServer.requireBinary();
        Path dir = Files.createTempDirectory(tmp, ServerWatchdog.DIR_PREFIX);
        int port = ManagedServer.freePort();
        Process orphan = new ProcessBuilder(ManagedServer.resolveBinary(null).toString(), "--port",
                Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir",
                dir.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        try {
            Process owner = new ProcessBuilder("true").start();
            owner.waitFor();
            Files.writeString(dir.resolve(ServerWatchdog.PID_FILE), "server=" + orphan.pid() + "\nowner="
                    + owner.pid() + "\n");
            // A directory whose owner is alive (this JVM) is left alone.
            Path live = Files.createTempDirectory(tmp, ServerWatchdog.DIR_PREFIX);
            Files.writeString(live.resolve(ServerWatchdog.PID_FILE), "server=" + orphan.pid() + "\nowner="
                    + ProcessHandle.current().pid() + "\n");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!ManagedServer.answersPing(port) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(ManagedServer.answersPing(port)).isTrue();

            assertThat(ServerWatchdog.cleanOrphans(tmp)).isEqualTo(1);
            assertThat(goneWithin(orphan.pid(), 5_000)).isTrue();
            assertThat(dir).doesNotExist();
            assertThat(live).exists();
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left.toList()).containsExactly(live);
            }
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void aManagedServerWritesItsPidFileAndStopRemovesIt() throws Exception {
        try (ValkeyTestServer server = ValkeyTestServer.start()) {
            List<String> lines = Files.readAllLines(server.server().directory().resolve(ServerWatchdog.PID_FILE));
            assertThat(lines).contains("server=" + server.pid(), "owner=" + ProcessHandle.current().pid());
            server.close();
            assertThat(server.server().directory()).doesNotExist();
        }
    }
}
