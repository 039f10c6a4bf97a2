package io.vst.engine;

import io.vst.VstException;
import io.vst.metrics.CheckpointAnalysis;
import io.vst.metrics.CheckpointResult;
import io.vst.metrics.HostMemory;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.LogLevel;
import io.vst.scenario.Parameters;
import io.vst.units.Units;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.resp.ValkeyException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A checkpoint: a snapshot of the server's memory (INFO memory, MEMORY STATS, INFO keyspace and
 * stats, INFO SEARCH and FT.INFO when present, the process RSS, and under collect_full_metrics the
 * raw MEMORY MALLOC-STATS text) with the analyses its parameters ask for.
 */
final class CheckpointBody {

    private static final double MB = 1024.0 * 1024.0;

    private final RunState state;

    CheckpointBody(RunState state) {
        this.state = state;
    }

    StepOutcome run(PlannedStep step, String name) {
        Parameters p = step.parameters();
        ValkeyClient client = state.session.client();
        boolean purged = false;
        // A shard other than 0 records its live count only: the server's figures come from shard 0.
        boolean server = state.samplesServer();
        if (p.getBool("force_gc", false) && server) {
            client.memoryPurge();
            purged = true;
        }
        Sample s = state.sampler.sampleNow();
        Map<String, Double> performance = state.sampler.takePerformance();
        Map<String, Object> raw = server ? raw(client, p.getBool("collect_full_metrics", false))
                : new LinkedHashMap<>();
        // The count at the instant the sample's server figures were read, not after the raw replies.
        long live = (long) s.get(TimelineColumns.LIVE_VECTORS);
        List<String> notes = new ArrayList<>();
        // A shard's live count is its own part of the vectors the server's memory holds: per-vector figures are
        // left to the merge, which sums the shards' counts (0 makes them NaN here, never N times too large).
        boolean sharded = state.options.shard().sharded();
        if (sharded) {
            notes.add("per-vector memory not computed on a shard: its live count is 1/" + state.options.shard().count()
                    + " of the vectors the server holds");
        }
        CheckpointResult.PerVector perVector = CheckpointAnalysis.perVector(s.values(), state.baseline,
                sharded ? 0 : live);
        CheckpointResult.Comparison comparison = null;
        String against = p.getString("compare_with", null);
        if (against != null && !against.isBlank()) {
            CheckpointResult earlier = CheckpointAnalysis.find(state.checkpointHistory(), against);
            if (earlier == null) {
                notes.add("compare_with: no earlier checkpoint named or tagged '" + against + "' ran in this run");
            } else {
                comparison = CheckpointAnalysis.compare(earlier.name(), earlier.figures(), s.values(),
                        sharded ? 0 : earlier.liveVectors(), sharded ? 0 : live, state.baseline, earlier.performance(),
                        performance);
            }
        }
        CheckpointResult.Fragmentation frag = p.getBool("analyze_fragmentation", false)
                ? CheckpointAnalysis.fragmentation(s.values()) : null;
        CheckpointResult.TrendVerdict trend = null;
        if (p.getBool("detect_memory_leaks", false) || p.getBool("analyze_memory_trends", false)) {
            trend = trend(name, s, perVector);
        }
        if (p.getBool("analyze_bottlenecks", false) && server) {
            Bottlenecks.analyze(client, s, performance, state.session.localPid(), notes, raw);
        }
        String failure = thresholds(p, s, notes);
        CheckpointResult result = new CheckpointResult(name, p.getString("tag", null), s.time(), s.elapsedSeconds(),
                live, s.values(), raw, perVector, comparison, frag, trend, purged, notes, performance);
        state.addCheckpoint(result);
        state.directory.append(result);
        state.directory.log(LogLevel.INFO, String.format(Locale.ROOT, "checkpoint %s: used_memory %.0f bytes, %,d live vectors%s%s",
                name, s.get(TimelineColumns.USED_MEMORY), live,
                perVector == null ? "" : String.format(Locale.ROOT, ", %.0f bytes per vector", perVector.totalBytes()),
                trend == null ? "" : ", trend " + trend.verdict()));
        state.listeners.checkpointTaken(result);
        if (p.getBool("generate_report", false) || p.getBool("generate_performance_report", false)) {
            // A report of the run so far, beside the run's files: reports/<checkpoint>/report.html.
            Reports.writeQuietly(state.directory.path(), state.directory.path().resolve("reports").resolve(name),
                    state.listeners);
        }
        if (failure != null) {
            throw VstException.runtime(failure, null);
        }
        String detail = (server ? "used_memory " + Units.bytes(s.get(TimelineColumns.USED_MEMORY))
                : "server figures on shard 0") + ", " + Units.count(live) + " live vectors";
        if (trend != null) {
            detail += ", trend " + trend.verdict();
        }
        return StepOutcome.ok(detail);
    }

    private Map<String, Object> raw(ValkeyClient client, boolean full) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("info_memory", client.info("memory").aggregate());
        raw.put("info_stats", client.info("stats").aggregate());
        raw.put("info_keyspace", client.info("keyspace").aggregate());
        raw.put("memory_stats", client.memoryStats());
        if (full) {
            raw.put("malloc_stats", client.mallocStats());
        }
        if (state.searchAvailable()) {
            raw.put("info_search", client.info("search").aggregate());
            try {
                raw.put("ft_info", client.ftInfo(state.plan.index().name()));
            } catch (ValkeyException e) {
                raw.put("ft_info", "unavailable: " + e.getMessage());
            }
        }
        return raw;
    }

    /** Memory trend across every checkpoint so far, this one included. */
    private CheckpointResult.TrendVerdict trend(String name, Sample now, CheckpointResult.PerVector perVector) {
        List<String> names = new ArrayList<>();
        List<Double> elapsed = new ArrayList<>();
        List<Double> memory = new ArrayList<>();
        List<Double> points = new ArrayList<>();
        for (CheckpointResult c : state.checkpointHistory()) {
            names.add(c.name());
            elapsed.add(c.elapsedSeconds());
            memory.add(CheckpointAnalysis.memoryWithoutBuffers(c.figures()));
            points.add(c.perVector() == null ? Double.NaN : c.perVector().totalBytes());
        }
        names.add(name);
        elapsed.add(now.elapsedSeconds());
        memory.add(CheckpointAnalysis.memoryWithoutBuffers(now.values()));
        points.add(perVector == null ? Double.NaN : perVector.totalBytes());
        return CheckpointAnalysis.trend(names, elapsed, memory, points);
    }

    /**
     * check_available_memory / min_available_mb and memory_threshold_mb / action_on_threshold.
     *
     * @return a failure message when the step must fail, else null
     */
    private String thresholds(Parameters p, Sample s, List<String> notes) {
        if (p.getBool("check_available_memory", false) || p.has("min_available_mb")) {
            double max = s.get(TimelineColumns.MAXMEMORY);
            double available = max > 0 ? (max - s.get(TimelineColumns.USED_MEMORY)) / MB
                    : HostMemory.availableBytes() / MB;
            double min = p.getDouble("min_available_mb", 0);
            String where = max > 0 ? "under maxmemory" : "on this machine";
            notes.add(String.format(Locale.ROOT, "available memory %s: %.0f MiB (minimum %s MiB)", where, available,
                    Units.plain(min)));
            if (available < min) {
                return String.format(Locale.ROOT, "Insufficient memory for operation: %.0f MiB available %s, "
                        + "min_available_mb is %s", available, where, Units.plain(min));
            }
        }
        if (p.has("memory_threshold_mb")) {
            double used = s.get(TimelineColumns.USED_MEMORY) / MB;
            double limit = p.getDouble("memory_threshold_mb", Double.MAX_VALUE);
            if (used > limit) {
                String action = p.getString("action_on_threshold", "warn");
                String msg = String.format(Locale.ROOT, "used_memory %.1f MiB is above memory_threshold_mb %s",
                        used, Units.plain(limit));
                notes.add(msg + " (action: " + action + ")");
                if ("pause".equals(action)) {
                    // Closed before it is announced: a reader of the message sees the pause already taken.
                    state.pause.pause();
                }
                state.log(LogLevel.WARN, msg + "; action " + action);
                if ("stop".equals(action)) {
                    state.stop.stop(msg);
                } else if ("pause".equals(action)) {
                    pauseUntilBelow(limit);
                }
            }
        }
        return null;
    }

    /**
     * Pauses every workload of the run (at their next pause point) until used_memory drops below the
     * limit, or 5 minutes (× the time scale) pass.
     */
    private void pauseUntilBelow(double limitMb) {
        state.pause.pause();
        try {
            // The hold is a duration of the run: --time-scale shortens it like every other.
            long hold = (long) (PAUSE_LIMIT_NANOS * state.plan.options().timeScale());
            long end = System.nanoTime() + hold;
            while (System.nanoTime() < end && !state.stop.isStopped()) {
                Sample s = state.sampler.sampleNow();
                if (s.get(TimelineColumns.USED_MEMORY) / MB <= limitMb) {
                    state.log(LogLevel.INFO, "memory back under the threshold; resuming");
                    return;
                }
                state.stop.sleep(Math.max(1, Math.min(1000, (end - System.nanoTime()) / 1_000_000)));
            }
            state.log(LogLevel.WARN, "memory still above the threshold after pausing " + Units.duration(hold / 1e9)
                    + "; resuming");
        } finally {
            state.pause.resume();
        }
    }

    /** The longest a memory threshold holds the run, before {@code --time-scale}. */
    static final long PAUSE_LIMIT_NANOS = 300_000_000_000L;
}
