package io.vst.report;

import io.vst.rundir.RunData;
import io.vst.rundir.RunInfo;
import io.vst.units.Units;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link CapacityPlan} in words ({@code vst capacity} text, the report's capacity section) and as JSON
 * ({@code vst capacity --format json}), optionally with the answer for a vector count and for a memory size.
 */
public final class CapacityReport {

    /** Extrapolating further than this many times the largest count measured earns a warning. */
    private static final double FAR = 3.0;

    private CapacityReport() {
    }

    /** One row per line: what, fixed cost, bytes per vector with its 95 % interval, R². */
    public static List<List<String>> rows(CapacityPlan plan) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("used_memory", plan.used()));
        for (CapacityPlan.Component c : plan.components()) {
            rows.add(row((c.insideUsedMemory() ? "  " : "") + c.label(), c.fit()));
        }
        rows.add(row("per vector, without client buffers", plan.perVector()));
        return rows;
    }

    /** The header of {@link #rows}. */
    public static List<String> header() {
        return List.of("line", "fixed cost", "bytes per vector", "95 % interval", "R²");
    }

    /** The text {@code vst capacity} prints. */
    public static String text(RunData run, CapacityPlan plan, Long vectors, MemorySize memory) {
        StringBuilder b = new StringBuilder();
        RunInfo info = run.info();
        b.append(String.format(Locale.ROOT, "Capacity from run %s (scenario %s, %s)%n", run.label(),
                info == null ? "?" : info.scenario(), info == null ? "?" : info.outcome()));
        b.append(fitLine(plan)).append('\n').append('\n');
        List<List<String>> rows = rows(plan);
        int w = Math.max(36, rows.stream().mapToInt(r -> r.get(0).length()).max().orElse(0) + 2);
        b.append(String.format(Locale.ROOT, "%-" + w + "s %14s %16s %26s %8s%n", "line", "fixed cost",
                "bytes per vector", "95 % interval", "R^2"));
        for (List<String> r : rows) {
            b.append(String.format(Locale.ROOT, "%-" + w + "s %14s %16s %26s %8s%n", r.get(0), r.get(1), r.get(2),
                    r.get(3), r.get(4)));
        }
        b.append("The parts indented add up to used_memory (each reading less the old key table of a rehash in "
                + "progress, which the server frees with no write); allocator waste is outside it and counts in RSS.\n");
        if (vectors != null) {
            CapacityFit.Estimate m = plan.predict(vectors);
            CapacityFit.Estimate pi = plan.lineAt(vectors);
            b.append('\n').append(String.format(Locale.ROOT,
                    "Prediction for %,d vectors: used_memory %s, expect %s to %s%n", vectors,
                    Units.bytes(m.value()), Units.bytes(m.low()), Units.bytes(m.high())));
            b.append(String.format(Locale.ROOT, "  (the line without client buffers, %s, plus the %s of client buffers "
                    + "this run's connections held at %,d vectors: they follow the connections, not the vectors)%n",
                    Units.bytes(m.value() - plan.clientBuffers()), Units.bytes(plan.clientBuffers()), plan.maxLive()));
            b.append(String.format(Locale.ROOT, "  (95 %% prediction interval of the line %s to %s, widened by the steps "
                    + "seen: readings lay %+.1f %% to %+.1f %% off the line as memory grew in steps, so the range allows "
                    + "%.1f %% on either side)%n", Units.bytes(pi.low()), Units.bytes(pi.high()), 100 * plan.stepLow(),
                    100 * plan.stepHigh(), 100 * plan.stepAllowance()));
            b.append(far(plan, vectors));
        }
        if (memory != null) {
            CapacityFit.Estimate n = plan.vectorsFor(memory.bytes());
            b.append('\n').append("Memory ").append(memory.meaning()).append('\n');
            if (Double.isNaN(n.value())) {
                b.append("No vector count: used_memory did not rise with the vectors in this run.\n");
            } else if (n.value() < 0) {
                b.append(String.format(Locale.ROOT, "No vectors fit: the fixed cost alone is %s.%n",
                        Units.bytes(plan.perVector().fixed() + plan.clientBuffers())));
            } else {
                b.append(String.format(Locale.ROOT, "Vectors that fit in used_memory %s: %,.0f (expect %,.0f to %,.0f)%n",
                        Units.bytes(memory.bytes()), Math.floor(n.value()), Math.floor(Math.max(0, n.low())),
                        Math.floor(n.high())));
                b.append(far(plan, n.value()));
            }
        }
        b.append('\n').append(shrinkText(plan));
        return b.toString();
    }

    /** How many readings the fit rests on, over what range, and what was left out. */
    public static String fitLine(CapacityPlan plan) {
        CapacityPoints p = plan.points();
        return String.format(Locale.ROOT, "Fit: %d readings (%d checkpoints, %d timeline samples) at %d vector counts "
                + "from %,d to %,d, before the first shrink; %d readings taken while writes were in flight left out",
                p.growth().size(), p.checkpointsInGrowth(), p.growth().size() - p.checkpointsInGrowth(),
                p.distinctCounts(),
                p.growth().stream().mapToLong(CapacityPoints.Reading::live).min().orElse(0), plan.maxLive(),
                p.unsettled());
    }

    /** The fragmentation seen after shrinks, one line per checkpoint after the first shrink. */
    public static String shrinkText(CapacityPlan plan) {
        if (plan.afterShrinks().isEmpty()) {
            return "After shrinks: none in this run (a shrink step shows how much memory stays after deletes).\n";
        }
        StringBuilder b = new StringBuilder();
        for (CapacityPlan.ShrinkReading s : plan.afterShrinks()) {
            b.append(shrinkLine(s)).append('\n');
        }
        return b.toString();
    }

    /** One reading after a shrink, in words. */
    public static String shrinkLine(CapacityPlan.ShrinkReading s) {
        return String.format(Locale.ROOT, "After shrinks%s, %,d vectors: used_memory %s, %s (%+.1f %%) against the "
                + "growth line; RSS %s, mem_fragmentation_ratio %.2f, allocator_frag_ratio %.2f",
                s.name().isEmpty() ? "" : " ('" + s.name() + "')", s.live(), Units.bytes(s.usedMemory()),
                Units.bytesDelta(s.excess()), 100 * s.excess() / s.expected(), Units.bytes(s.rss()), s.memFragmentationRatio(),
                s.allocatorFragRatio());
    }

    /** The JSON {@code vst capacity --format json} prints. */
    public static Map<String, Object> json(RunData run, CapacityPlan plan, Long vectors, MemorySize memory) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", run.label());
        out.put("scenario", run.info() == null ? null : run.info().scenario());
        CapacityPoints p = plan.points();
        out.put("readings", p.growth().size());
        out.put("checkpoints", p.checkpointsInGrowth());
        out.put("vector_counts", p.distinctCounts());
        out.put("unsettled_readings_left_out", p.unsettled());
        out.put("min_vectors", p.growth().stream().mapToLong(CapacityPoints.Reading::live).min().orElse(0));
        out.put("max_vectors", plan.maxLive());
        out.put("used_memory", fitJson(plan.used()));
        out.put("step_low_percent", 100 * plan.stepLow());
        out.put("step_high_percent", 100 * plan.stepHigh());
        out.put("step_allowance_percent", 100 * plan.stepAllowance());
        out.put("per_vector_without_client_buffers", fitJson(plan.perVector()));
        Map<String, Object> parts = new LinkedHashMap<>();
        plan.components().forEach(c -> parts.put(c.name(), fitJson(c.fit())));
        out.put("components", parts);
        if (vectors != null) {
            CapacityFit.Estimate m = plan.predict(vectors);
            CapacityFit.Estimate pi = plan.lineAt(vectors);
            out.put("vectors", vectors);
            out.put("predicted_used_memory_bytes", m.value());
            out.put("client_buffers_bytes", plan.clientBuffers());
            out.put("interval_low_bytes", m.low());
            out.put("interval_high_bytes", m.high());
            out.put("prediction_interval_low_bytes", pi.low());
            out.put("prediction_interval_high_bytes", pi.high());
        }
        if (memory != null) {
            CapacityFit.Estimate n = plan.vectorsFor(memory.bytes());
            out.put("memory_bytes", memory.bytes());
            out.put("memory_meaning", memory.meaning());
            out.put("vectors_that_fit", Double.isNaN(n.value()) ? null : Math.max(0, Math.floor(n.value())));
            out.put("vectors_low", Double.isNaN(n.low()) ? null : Math.max(0, Math.floor(n.low())));
            out.put("vectors_high", Double.isNaN(n.high()) ? null : Math.max(0, Math.floor(n.high())));
        }
        List<Map<String, Object>> shrinks = new ArrayList<>();
        for (CapacityPlan.ShrinkReading s : plan.afterShrinks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("checkpoint", s.name().isEmpty() ? null : s.name());
            m.put("vectors", s.live());
            m.put("used_memory_bytes", s.usedMemory());
            m.put("growth_line_bytes", s.expected());
            m.put("above_growth_line_bytes", s.excess());
            m.put("used_memory_rss_bytes", s.rss());
            m.put("mem_fragmentation_ratio", s.memFragmentationRatio());
            m.put("allocator_frag_ratio", s.allocatorFragRatio());
            shrinks.add(m);
        }
        out.put("after_shrinks", shrinks);
        return out;
    }

    private static Map<String, Object> fitJson(CapacityFit f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fixed_bytes", f.fixed());
        m.put("per_vector_bytes", f.perUnit());
        m.put("per_vector_low_bytes", f.perUnitLow());
        m.put("per_vector_high_bytes", f.perUnitHigh());
        m.put("r_squared", f.rSquared());
        m.put("points", f.points());
        return m;
    }

    private static List<String> row(String what, CapacityFit f) {
        return List.of(what, Units.bytes(f.fixed()), String.format(Locale.ROOT, "%.1f B", f.perUnit()),
                String.format(Locale.ROOT, "%.1f to %.1f B", f.perUnitLow(), f.perUnitHigh()),
                Double.isNaN(f.rSquared()) ? "n/a" : String.format(Locale.ROOT, "%.4f", f.rSquared()));
    }

    private static String far(CapacityPlan plan, double vectors) {
        double ratio = vectors / Math.max(1, plan.maxLive());
        return ratio > FAR ? String.format(Locale.ROOT, "  (%.1fx the largest count measured, %,d: the interval assumes "
                + "memory keeps growing in a line that far)%n", ratio, plan.maxLive()) : "";
    }
}
