package io.vst.report;

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
 * @param outcome {@code running}, {@code completed}, {@code failed} or {@code interrupted}
 * @param message why the run failed or was interrupted, or null
 * @param steps names of the steps that ran, in order
 * @param options run options that matter for reading the results (time scale, --step, ...)
 */
public record RunInfo(
        String tool,
        String scenario,
        String scenarioSource,
        Map<String, Object> server,
        boolean embeddedServer,
        Instant startedAt,
        Instant endedAt,
        String outcome,
        String message,
        List<String> steps,
        Map<String, Object> options) {

    public RunInfo finished(Instant end, String newOutcome, String why, List<String> ranSteps) {
        return new RunInfo(tool, scenario, scenarioSource, server, embeddedServer, startedAt, end, newOutcome, why,
                ranSteps, options);
    }
}
