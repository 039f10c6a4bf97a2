package io.vst.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vst.testsupport.ValkeyTestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After the JIT warm-up of a large ingest, the JIT's compiler threads yield the CPU (nice 19) for the rest of the
 * run. The reference is the kernel's own view of the running {@code vst run}: each thread's nice value in
 * {@code /proc/<pid>/task/<tid>/stat}, read while the run holds in a wait step after its ingest.
 */
class CompilerPriorityTest {

    @TempDir
    Path tmp;

    @Test
    void afterTheWarmUpTheCompilerThreadsRunAtNice19() throws Exception {
        assertThat(compilerNiceDuringTheWait(List.of())).isNotEmpty().containsOnly(19);
    }

    @Test
    void vstJitNiceZeroLeavesThemAtTheProcessPriority() throws Exception {
        assertThat(compilerNiceDuringTheWait(List.of("-Dvst.jitNice=0"))).isNotEmpty().containsOnly(0);
    }

    /** Runs an ingest large enough for a warm-up, then a 4 s wait; returns the compiler threads' nice values then. */
    private List<Integer> compilerNiceDuringTheWait(List<String> jvmOptions) throws Exception {
        ValkeyTestServer.requireBinary();
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc/self/task on this system");
        Path s = Files.writeString(tmp.resolve("s.yaml"), """
                name: jit_priority
                dataset: synthetic-8
                steps:
                  - name: load
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 60000}
                  - name: hold
                    type: wait
                    parameters: {duration_seconds: 4}
                """);
        Path log = tmp.resolve("child.out");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--scenario",
                s.toString(), "--output", tmp.resolve("runs").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("▶ hold") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
            assertThat(Files.readString(log)).contains("▶ hold");
            List<Integer> nice = compilerNice(p.pid());
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(log)).isZero();
            return nice;
        } finally {
            p.destroyForcibly();
            p.onExit().join();
        }
    }

    /** The nice value (stat field 19) of every thread of {@code pid} named C1 or C2 CompilerThread. */
    private static List<Integer> compilerNice(long pid) throws IOException {
        List<Integer> values = new ArrayList<>();
        List<Path> tasks;
        try (Stream<Path> t = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks = t.toList();
        }
        for (Path task : tasks) {
            String comm = Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII).trim();
            if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                values.add(Integer.parseInt(fields[19 - 3]));
            }
        }
        return values;
    }
}
