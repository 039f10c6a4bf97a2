package io.vst.rundir;

import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Everything the charts and reports know about one run: its description, timeline samples, finished
 * steps, checkpoints and latency histograms per operation and step.
 *
 * <p>Filled either from a run directory by {@link RunDataReader} or live, sample by sample, by a view
 * that listens to a running scenario. Any thread may append and read; readers get immutable
 * snapshots, and {@link #version()} changes on every append so a view can re-render on a dirty flag.
 *
 * <pre>{@code
 * RunData live = new RunData("current run");
 * live.addSample(sample);                  // from RunListener.sampleTaken, any thread
 * if (live.version() != drawnVersion) {    // on the UI thread, from a timer
 *     JFreeChart chart = ChartCatalog.get("memory").create(live);
 * }
 * }</pre>
 */
public final class RunData {

    private final String label;
    private final List<Sample> samples = new ArrayList<>();
    private final List<StepRecord> steps = new ArrayList<>();
    private final List<CheckpointResult> checkpoints = new ArrayList<>();
    private final Map<String, Map<String, Histogram>> latency = new LinkedHashMap<>();
    private RunInfo info;
    private String scenarioText = "";
    private long version;

    /** An empty model; {@code label} names the run in legends when runs are overlaid. */
    public RunData(String label) {
        this.label = label == null ? "" : label;
    }

    public String label() {
        return label;
    }

    /** Any thread. */
    public synchronized void setInfo(RunInfo runInfo) {
        info = runInfo;
        version++;
    }

    /** Any thread. */
    public synchronized void setScenarioText(String text) {
        scenarioText = text == null ? "" : text;
        version++;
    }

    /** Any thread. */
    public synchronized void addSample(Sample sample) {
        samples.add(sample);
        version++;
    }

    /** Any thread. */
    public synchronized void addStep(StepRecord step) {
        steps.add(step);
        version++;
    }

    /** Any thread. */
    public synchronized void addCheckpoint(CheckpointResult checkpoint) {
        checkpoints.add(checkpoint);
        version++;
    }

    /**
     * Adds an interval histogram (microseconds) of {@code operation} to the total kept for {@code step}.
     * Any thread; the histogram is copied.
     */
    public synchronized void addLatency(String operation, String step, AbstractHistogram interval) {
        String key = step == null ? "" : step;
        Map<String, Histogram> byStep = latency.computeIfAbsent(operation, k -> new LinkedHashMap<>());
        Histogram total = byStep.computeIfAbsent(key, k -> new Histogram(interval.getLowestDiscernibleValue(),
                Math.max(interval.getHighestTrackableValue(), 2 * interval.getLowestDiscernibleValue()),
                interval.getNumberOfSignificantValueDigits()));
        if (interval.getHighestTrackableValue() <= total.getHighestTrackableValue()) {
            total.add(interval);
        } else {
            // A wider interval than the first one of this step: add what it holds value by value.
            total.setAutoResize(true);
            for (HistogramIterationValue v : interval.recordedValues()) {
                total.recordValueWithCount(v.getValueIteratedTo(), v.getCountAtValueIteratedTo());
            }
        }
        version++;
    }

    /** Counts every change; equal values mean nothing was added in between. Any thread. */
    public synchronized long version() {
        return version;
    }

    /** The run description, or null before it is known. */
    public synchronized RunInfo info() {
        return info;
    }

    public synchronized String scenarioText() {
        return scenarioText;
    }

    /** Snapshot of the samples, oldest first. */
    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Snapshot of the finished steps, in the order they finished. */
    public synchronized List<StepRecord> steps() {
        return List.copyOf(steps);
    }

    /** Snapshot of the checkpoints, oldest first. */
    public synchronized List<CheckpointResult> checkpoints() {
        return List.copyOf(checkpoints);
    }

    /** Operations with latency histograms, in the order first seen. */
    public synchronized List<String> latencyOperations() {
        return List.copyOf(latency.keySet());
    }

    /** Copies of the histograms of {@code operation} per step, in the order first seen; empty if none. */
    public synchronized Map<String, Histogram> latencyByStep(String operation) {
        Map<String, Histogram> out = new LinkedHashMap<>();
        latency.getOrDefault(operation, Map.of()).forEach((step, h) -> out.put(step, h.copy()));
        return out;
    }

    /** The first instant known of this run: its start, or the first sample's time, or null. */
    public synchronized Instant start() {
        if (info != null && info.startedAt() != null) {
            return info.startedAt();
        }
        return samples.isEmpty() ? null : samples.get(0).time().minusMillis(
                (long) (samples.get(0).elapsedSeconds() * 1000));
    }

    /** Whether some sample holds a value of {@code column}. */
    public synchronized boolean hasColumn(String column) {
        for (Sample s : samples) {
            if (s.has(column)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some sample shows operations of {@code op} ({@code <op>_count} above zero). */
    public synchronized boolean hasOperation(String op) {
        String count = TimelineColumns.operation(op, "count");
        for (Sample s : samples) {
            if (s.get(count) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The steps as spans of elapsed seconds: finished steps from their records, and the step still
     * running (known only from the samples' step column) up to the last sample.
     */
    public synchronized List<StepSpan> stepSpans() {
        List<StepSpan> spans = new ArrayList<>();
        Instant t0 = start();
        if (t0 != null) {
            for (StepRecord r : steps) {
                spans.add(new StepSpan(r.name(), r.type(), seconds(t0, r.startedAt()), seconds(t0, r.endedAt())));
            }
        }
        if (!samples.isEmpty()) {
            Sample last = samples.get(samples.size() - 1);
            boolean known = last.step().isEmpty() || steps.stream().anyMatch(r -> r.name().equals(last.step()));
            if (!known) {
                double begin = last.elapsedSeconds();
                for (int i = samples.size() - 1; i >= 0 && samples.get(i).step().equals(last.step()); i--) {
                    begin = samples.get(i).elapsedSeconds();
                }
                spans.add(new StepSpan(last.step(), "", begin, last.elapsedSeconds()));
            }
        }
        return spans;
    }

    private static double seconds(Instant t0, Instant t) {
        return (t.toEpochMilli() - t0.toEpochMilli()) / 1000.0;
    }

    /**
     * One step on the time axis.
     *
     * @param name step name
     * @param type step type ("checkpoint", "workload", ...; "" while still running)
     * @param startSeconds elapsed seconds at its start
     * @param endSeconds elapsed seconds at its end
     */
    public record StepSpan(String name, String type, double startSeconds, double endSeconds) {

        public boolean isCheckpoint() {
            return "checkpoint".equals(type);
        }
    }
}
