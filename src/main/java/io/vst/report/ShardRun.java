package io.vst.report;

import io.vst.VstException;
import io.vst.metrics.Recorders;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.LatencyLog;
import io.vst.rundir.RunData;
import io.vst.rundir.RunDataReader;
import io.vst.rundir.RunDirectory;
import io.vst.rundir.ShardLabel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * One input of {@link RunMerge}: a run directory written by {@code vst run --shard I/N}, with its
 * latency intervals in the order they were logged.
 *
 * <p>The run writes one timeline row and, for each operation that ran in it, one {@code latency/<op>.hlog}
 * interval per sample, in the same order (the sampler hands both over together). {@code paired} pairs
 * them again, so a merged timeline row or checkpoint can take its percentiles from the exact histograms
 * of the samples it covers.
 *
 * @param dir the run directory
 * @param data what it holds
 * @param index the shard's index I (0 for an unsharded run merged with {@code --allow-unsharded}: its
 *     position among the inputs)
 * @param count the number of shards N
 * @param group the shard group shared by the shards of one job ("" for unsharded runs)
 * @param intervals per operation, every logged interval histogram in file order, with its absolute
 *     start and end timestamps and its step tag
 * @param paired per standard operation whose log pairs with the timeline, per sample index of
 *     {@code data().samples()} the interval logged with it (null where no operation ran); an operation
 *     whose log and timeline do not pair up (a row or interval lost to a crash) is absent
 */
public record ShardRun(Path dir, RunData data, int index, int count, String group,
                       Map<String, List<Histogram>> intervals, Map<String, Histogram[]> paired) {

    /** run.json's {@code options} key that tells the shard, {@code "I/N"}. */
    public static final String SHARD = "shard";
    /** run.json's {@code options} key that names the job the shards belong to. */
    public static final String SHARD_GROUP = "shard_group";

    /**
     * Reads a run directory; {@code plainIndex} and {@code plainCount} stand in for the shard when run.json
     * says none (null: such a directory is refused). Each latency log is read once, through {@code logText}
     * (the complete lines of a file), and decoded once: the intervals kept here also make the run's
     * latency per step.
     *
     * @throws VstException (invalid input) naming the directory when it is no run directory or no shard
     */
    static ShardRun read(Path given, Integer plainIndex, int plainCount, Function<Path, String> logText) {
        Path dir = runDirectoryIn(given);
        RunData data = RunDataReader.read(dir, String.valueOf(dir.getFileName()), false);
        Map<String, Object> options = data.info().options() == null ? Map.of() : data.info().options();
        Object spec = options.get(SHARD);
        ShardLabel label = spec == null ? null : ShardLabel.parse(String.valueOf(spec)).filter(ShardLabel::inRange)
                .orElseThrow(() -> VstException.invalidInput(dir + ": run.json options." + SHARD + " is '" + spec
                        + "', not I/N with 0 <= I < N", "give the run directories written by 'vst run --shard I/N'"));
        int index;
        int count;
        String group;
        // vst run stamps every ordinary run "0/1": it is a plain run, not one shard of several.
        if (label == null || !label.isSharded()) {
            if (plainIndex == null) {
                throw VstException.invalidInput(dir + " is not a shard of a sharded run (it ran without --shard I/N)",
                        "merge the run directories written by 'vst run --shard I/N', or pass --allow-unsharded "
                        + "to merge ordinary runs as if each were one shard (the first given counts as shard 0)");
            }
            index = plainIndex;
            count = plainCount;
            group = "";
        } else {
            index = label.index();
            count = label.count();
            group = String.valueOf(options.getOrDefault(SHARD_GROUP, ""));
        }
        Map<String, List<Histogram>> intervals = readIntervals(dir.resolve(RunDirectory.LATENCY_DIR), logText);
        intervals.forEach((op, list) -> list.forEach(h -> data.addLatency(op, h.getTag() == null ? "" : h.getTag(),
                h)));
        Map<String, Histogram[]> paired = new LinkedHashMap<>();
        for (String op : Recorders.STANDARD) {
            Histogram[] p = pair(data.samples(), op, intervals.getOrDefault(op, List.of()));
            if (p != null) {
                paired.put(op, p);
            }
        }
        return new ShardRun(dir, data, index, count, group, intervals, paired);
    }

    /**
     * {@code given} itself, or, when it holds no run.json, the one run directory in it: the folder a shard's
     * {@code vst run --output FOLDER} wrote its run directory into.
     */
    static Path runDirectoryIn(Path given) {
        if (!Files.isDirectory(given) || Files.exists(given.resolve(RunDirectory.RUN_JSON))) {
            return given;
        }
        List<Path> runs;
        try (Stream<Path> files = Files.list(given)) {
            runs = files.filter(p -> Files.isRegularFile(p.resolve(RunDirectory.RUN_JSON))).sorted().toList();
        } catch (java.io.IOException e) {
            throw VstException.invalidInput("cannot list " + given + ": " + e.getMessage(), null);
        }
        if (runs.size() > 1) {
            throw VstException.invalidInput(given + " holds " + runs.size() + " run directories ("
                    + String.join(", ", runs.stream().map(p -> p.getFileName().toString()).toList()) + ")",
                    "give the run directory itself, or a folder that holds one run only");
        }
        return runs.isEmpty() ? given : runs.get(0);
    }

    /** Per sample, the interval of {@code op} logged with it; null when log and timeline do not pair up. */
    private static Histogram[] pair(List<Sample> samples, String op, List<Histogram> logged) {
        Histogram[] out = new Histogram[samples.size()];
        int next = 0;
        String count = TimelineColumns.operation(op, "count");
        for (int i = 0; i < samples.size(); i++) {
            double n = samples.get(i).get(count);
            if (n > 0) {
                if (next >= logged.size() || logged.get(next).getTotalCount() != (long) n) {
                    return null;
                }
                out[i] = logged.get(next++);
            }
        }
        return next == logged.size() ? out : null;
    }

    private static Map<String, List<Histogram>> readIntervals(Path latencyDir, Function<Path, String> logText) {
        Map<String, List<Histogram>> out = new LinkedHashMap<>();
        if (!Files.isDirectory(latencyDir)) {
            return out;
        }
        List<Path> logs;
        try (Stream<Path> files = Files.list(latencyDir)) {
            logs = files.filter(p -> p.getFileName().toString().endsWith(".hlog")).sorted().toList();
        } catch (java.io.IOException e) {
            throw VstException.invalidInput("cannot list " + latencyDir + ": " + e.getMessage(), null);
        }
        for (Path log : logs) {
            String name = log.getFileName().toString();
            out.put(name.substring(0, name.length() - ".hlog".length()), LatencyLog.intervals(log, logText.apply(log)));
        }
        return out;
    }
}
