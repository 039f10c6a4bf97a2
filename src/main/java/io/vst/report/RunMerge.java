package io.vst.report;

import io.vst.VstException;
import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.LogLevel;
import io.vst.rundir.RunDataReader;
import io.vst.rundir.RunDirectory;
import io.vst.rundir.RunInfo;
import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * One run directory from the run directories of the shards of {@code vst run --shard I/N}: what
 * {@code vst merge} writes, so the report and {@code vst compare} read it as any run.
 *
 * <p>Latency logs are merged exactly: every shard's interval histograms go into the merged
 * {@code latency/<op>.hlog} in time order, so the merged histogram of a step is the sum of the shards'
 * (count = the sum, percentiles of all values). steps.csv is joined by step name ({@link StepMerge}), the
 * timeline aligned on wall-clock ({@link TimelineMerge}), checkpoints keep shard 0's server figures with
 * the shards' live counts summed ({@link CheckpointMerge}). run.json: the worst outcome of the shards
 * (failed &gt; interrupted &gt; completed), the earliest start and latest end, {@code options.shard =
 * "merged N"} and {@code options.merged_from}, the shards' run directories in shard order.
 *
 * <pre>{@code
 * RunMerge.Result r = RunMerge.merge(List.of(Path.of("/runs/shard-0"), Path.of("/runs/shard-1")),
 *         Path.of("/runs/merged"), false);
 * r.info().outcome();   // the worst of the two shards
 * }</pre>
 */
public final class RunMerge {

    /** run.json's {@code options} key listing the merged run directories. */
    public static final String MERGED_FROM = "merged_from";

    private RunMerge() {
    }

    /**
     * What a merge wrote.
     *
     * @param output the merged run directory
     * @param info its run.json
     * @param shards how many run directories were merged
     * @param reportFiles the report files written into it
     */
    public record Result(Path output, RunInfo info, int shards, List<Path> reportFiles) {
    }

    /**
     * Checks the inputs, then writes the merged run directory and its report.
     *
     * @param allowUnsharded merge run directories without {@code options.shard} as if each were one shard,
     *     in the order given (the first counts as shard 0: its server figures are kept)
     * @throws VstException (invalid input) naming the directory and what to do when an input is no run
     *     directory, the shards do not form one complete group of one scenario, or {@code output} holds files
     */
    public static Result merge(List<Path> inputs, Path output, boolean allowUnsharded) {
        return merge(inputs, output, allowUnsharded, RunDataReader::completeLines);
    }

    /** {@link #merge(List, Path, boolean)} reading the shards' latency logs through {@code logText}. */
    static Result merge(List<Path> inputs, Path output, boolean allowUnsharded, Function<Path, String> logText) {
        checkOutput(output);
        List<ShardRun> shards = checked(inputs, allowUnsharded, logText);
        ShardRun first = shards.get(0);
        Instant start = shards.stream().map(s -> s.data().start()).filter(Objects::nonNull).min(Comparator
                .naturalOrder()).orElseThrow(() -> VstException.invalidInput(first.dir() + " has no start time",
                        "give run directories written by 'vst run --shard I/N'"));
        List<StepRecord> steps = StepMerge.merge(shards);
        List<Sample> timeline = TimelineMerge.merge(shards, start);
        Map<String, Double> baseline = first.data().samples().isEmpty() ? Map.of()
                : first.data().samples().get(0).values();
        List<CheckpointResult> checkpoints = CheckpointMerge.merge(shards, baseline, start);
        RunInfo begun = begun(shards, start);
        RunInfo info;
        try (RunDirectory dir = RunDirectory.create(null, output, begun, first.data().scenarioText())) {
            copyPlan(first.dir(), dir);
            for (ShardRun s : shards) {
                dir.log(LogLevel.INFO, "merged shard " + s.index() + "/" + s.count() + " from " + s.dir().toAbsolutePath()
                        + " (" + s.data().info().outcome() + ")");
            }
            timeline.forEach(dir::append);
            steps.forEach(dir::append);
            checkpoints.forEach(dir::append);
            writeLatency(shards, dir);
            info = dir.finish(outcome(shards, begun, steps));
            if (dir.writeFailure() != null) {
                throw VstException.runtime(dir.writeFailure(), null);
            }
        }
        List<Path> report = ReportWriter.write(output, output, ReportFormat.all());
        return new Result(output, info, shards.size(), report);
    }

    /** {@code <op>_p50_ms}, {@code _p99_ms} and {@code _p999_ms} of a histogram in microseconds. */
    static Map<String, Double> percentiles(String op, Histogram h) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(TimelineColumns.operation(op, "p50_ms"), h.getValueAtPercentile(50) / 1000.0);
        out.put(TimelineColumns.operation(op, "p99_ms"), h.getValueAtPercentile(99) / 1000.0);
        out.put(TimelineColumns.operation(op, "p999_ms"), h.getValueAtPercentile(99.9) / 1000.0);
        return out;
    }

    private static void checkOutput(Path output) {
        if (!Files.exists(output)) {
            return;
        }
        boolean empty;
        try (Stream<Path> files = Files.isDirectory(output) ? Files.list(output) : Stream.of(output)) {
            empty = Files.isDirectory(output) && files.findAny().isEmpty();
        } catch (IOException e) {
            empty = false;
        }
        if (!empty) {
            throw VstException.invalidInput("--output " + output + " already exists and is not an empty directory",
                    "give a new directory for the merged run (vst never writes over a run)");
        }
    }

    /** The shards in index order, after every check on them. */
    private static List<ShardRun> checked(List<Path> inputs, boolean allowUnsharded, Function<Path, String> logText) {
        List<ShardRun> runs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            runs.add(ShardRun.read(inputs.get(i), allowUnsharded ? i : null, inputs.size(), logText));
        }
        ShardRun first = runs.get(0);
        TreeMap<Integer, ShardRun> byIndex = new TreeMap<>();
        for (ShardRun r : runs) {
            if (!r.group().equals(first.group())) {
                throw VstException.invalidInput(String.format(java.util.Locale.ROOT,
                        "%s belongs to shard group '%s' but %s to '%s'", r.dir(), r.group(), first.dir(), first.group()),
                        "merge the shards of one job only (run.json options." + ShardRun.SHARD_GROUP + ")");
            }
            if (r.count() != first.count()) {
                throw VstException.invalidInput(r.dir() + " is shard " + r.index() + "/" + r.count() + " but "
                        + first.dir() + " is one of " + first.count() + " shards",
                        "merge the shards of one job only: every shard has the same N");
            }
            ShardRun twin = byIndex.put(r.index(), r);
            if (twin != null) {
                throw VstException.invalidInput("shard " + r.index() + "/" + r.count() + " is given twice: " + twin.dir()
                        + " and " + r.dir(), "give each shard's run directory once");
            }
            if (r.data().info().outcome() == RunOutcome.RUNNING) {
                throw VstException.invalidInput(r.dir() + " is still running (run.json says running)",
                        "wait until every shard has finished, then merge");
            }
        }
        for (int i = 0; i < first.count(); i++) {
            if (!byIndex.containsKey(i)) {
                throw VstException.invalidInput("shard " + i + "/" + first.count() + " is missing (given: "
                        + String.join(", ", byIndex.keySet().stream().map(String::valueOf).toList()) + ")",
                        "give the run directory of every shard of the job, 0 to " + (first.count() - 1));
            }
        }
        List<ShardRun> ordered = new ArrayList<>(byIndex.values());
        ShardRun zero = ordered.get(0);
        for (ShardRun r : ordered) {
            if (!r.data().scenarioText().equals(zero.data().scenarioText())) {
                throw VstException.invalidInput(r.dir().resolve(RunDirectory.SCENARIO) + " differs from "
                        + zero.dir().resolve(RunDirectory.SCENARIO) + " (shard 0)",
                        "merge shards that ran the same scenario file");
            }
        }
        return ordered;
    }

    private static RunInfo begun(List<ShardRun> shards, Instant start) {
        RunInfo i0 = shards.get(0).data().info();
        Map<String, Object> options = new LinkedHashMap<>(i0.options() == null ? Map.of() : i0.options());
        options.put(ShardRun.SHARD, "merged " + shards.size());
        options.put(MERGED_FROM, shards.stream().map(s -> s.dir().toAbsolutePath().normalize().toString()).toList());
        return new RunInfo(i0.tool(), i0.scenario(), i0.scenarioSource(), i0.server(), i0.embeddedServer(), start,
                null, RunOutcome.RUNNING, null, List.of(), options);
    }

    /** The worst outcome of the shards (failed or aborted &gt; interrupted &gt; completed), ended at the latest end. */
    private static RunInfo outcome(List<ShardRun> shards, RunInfo begun, List<StepRecord> steps) {
        RunOutcome worst = RunOutcome.COMPLETED;
        Instant end = begun.startedAt();
        List<String> messages = new ArrayList<>();
        for (ShardRun s : shards) {
            RunInfo i = s.data().info();
            RunOutcome o = i.outcome() == RunOutcome.ABORTED ? RunOutcome.FAILED : i.outcome();
            if (rank(o) > rank(worst)) {
                worst = o;
            }
            if (i.message() != null && !i.message().isBlank()) {
                messages.add("shard " + s.index() + ": " + (i.outcome() == RunOutcome.ABORTED ? "aborted: " : "")
                        + i.message());
            }
            Instant e = i.endedAt() != null ? i.endedAt() : lastSample(s, begun.startedAt());
            end = e.isAfter(end) ? e : end;
        }
        return begun.finished(end, worst, messages.isEmpty() ? null : String.join("; ", messages),
                steps.stream().map(StepRecord::name).toList());
    }

    private static Instant lastSample(ShardRun s, Instant fallback) {
        List<Sample> samples = s.data().samples();
        return samples.isEmpty() ? fallback : samples.get(samples.size() - 1).time();
    }

    private static int rank(RunOutcome o) {
        return switch (o) {
            case FAILED, ABORTED -> 3;
            case INTERRUPTED -> 2;
            default -> 1;
        };
    }

    /** Every shard's intervals of each operation, in time order, into the merged latency logs. */
    private static void writeLatency(List<ShardRun> shards, RunDirectory dir) {
        Map<String, List<Histogram>> byOp = new LinkedHashMap<>();
        for (ShardRun s : shards) {
            s.intervals().forEach((op, list) -> byOp.computeIfAbsent(op, k -> new ArrayList<>()).addAll(list));
        }
        byOp.forEach((op, list) -> list.stream().sorted(Comparator.comparingLong(Histogram::getStartTimeStamp))
                .forEach(h -> dir.appendLatency(op, h.getTag(), h)));
    }

    private static void copyPlan(Path shardDir, RunDirectory dir) {
        Path plan = shardDir.resolve(RunDirectory.PLAN);
        if (Files.isRegularFile(plan)) {
            try {
                dir.writePlan(Files.readString(plan, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw VstException.invalidInput("cannot read " + plan + ": " + e.getMessage(), null);
            }
        }
    }
}
