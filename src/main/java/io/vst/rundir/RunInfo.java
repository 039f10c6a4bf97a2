package io.vst.rundir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The contents of {@code run.json}: what ran, where, when, and how it ended.
 *
 * @param tool tool name and version
 * @param scenario scenario name
 * @param scenarioSource file or built-in name the scenario came from
 * @param server server description without credentials (address, version, modules, mode, allocator)
 * @param embeddedServer whether vst started the server itself
 * @param startedAt run start (UTC)
 * @param endedAt run end (UTC), null while running
 * @param outcome {@code running}, {@code completed}, {@code failed} or {@code interrupted}; a reader shows a
 *     {@code running} run whose writing process is gone as {@code aborted} (see {@link RunOutcome})
 * @param message why the run failed or was interrupted, or null
 * @param steps names of the steps that ran, in order
 * @param options run options that matter for reading the results (time scale, --step, ...)
 * @param writer the process that writes the run directory, or null (run directories of older versions)
 */
public record RunInfo(
        String tool,
        String scenario,
        String scenarioSource,
        Map<String, Object> server,
        boolean embeddedServer,
        Instant startedAt,
        Instant endedAt,
        RunOutcome outcome,
        String message,
        List<String> steps,
        Map<String, Object> options,
        Writer writer) {

    /** A run.json without a writer (as older versions wrote it). */
    public RunInfo(String tool, String scenario, String scenarioSource, Map<String, Object> server,
            boolean embeddedServer, Instant startedAt, Instant endedAt, RunOutcome outcome, String message,
            List<String> steps, Map<String, Object> options) {
        this(tool, scenario, scenarioSource, server, embeddedServer, startedAt, endedAt, outcome, message, steps,
                options, null);
    }

    public RunInfo finished(Instant end, RunOutcome newOutcome, String why, List<String> ranSteps) {
        return new RunInfo(tool, scenario, scenarioSource, server, embeddedServer, startedAt, end, newOutcome, why,
                ranSteps, options, writer);
    }

    /** This run.json stamped with the process that writes it. */
    public RunInfo writtenBy(Writer w) {
        return new RunInfo(tool, scenario, scenarioSource, server, embeddedServer, startedAt, endedAt, outcome, message,
                steps, options, w);
    }

    /**
     * The process writing a run directory: its pid, host and start time, so a reader can tell a run that is
     * still going from one whose process was killed (pid numbers are reused; the start time tells them apart).
     */
    public record Writer(long pid, String host, Instant processStart) {

        /** This JVM. */
        public static Writer current() {
            ProcessHandle self = ProcessHandle.current();
            return new Writer(self.pid(), hostName(), self.info().startInstant().orElse(null));
        }

        /**
         * Whether this writer is known to be gone: same host, and no process with its pid and start time.
         * False when it runs on another host (it cannot be checked from here).
         */
        public boolean isGone() {
            if (host == null || !host.equals(hostName())) {
                return false;
            }
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> processStart != null
                    && p.info().startInstant().map(t -> Duration.between(t, processStart).abs().toMillis() > 1000)
                    .orElse(false)).orElse(true);
        }

        static String hostName() {
            try {
                String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
                if (!h.isEmpty()) {
                    return h;
                }
            } catch (IOException e) {
                // Not Linux: ask the resolver below.
                return resolverName();
            }
            return resolverName();
        }

        private static String resolverName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "localhost";
            }
        }
    }
}
