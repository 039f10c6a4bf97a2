package io.vst.engine;

import io.vst.scenario.GlobalConfig;
import io.vst.units.Units;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * What a run really does once {@code --dataset}, {@code --vector-scale}, {@code --time-scale} and
 * {@code --step} are applied: the overrides in words, the options for run.json, and {@code plan.yaml}
 * (every planned step with its effective dataset, parameters and durations). The run directory keeps the
 * scenario as written beside it, so a run of 10,000 synthetic vectors is never read as the 1,000,000
 * openai-5m vectors its scenario names.
 */
final class EffectivePlan {

    /** The run directory file holding the effective plan. */
    static final String FILE = io.vst.rundir.RunDirectory.PLAN;

    private final RunPlan plan;

    EffectivePlan(RunPlan plan) {
        this.plan = plan;
    }

    /** The run's overrides, one phrase each; empty when the scenario runs as written. */
    List<String> overrides() {
        PlanOptions o = plan.options();
        List<String> out = new ArrayList<>();
        if (o.dataset() != null) {
            Set<String> written = writtenDatasets();
            written.remove(o.dataset());
            out.add("--dataset " + o.dataset() + (written.isEmpty() ? ""
                    : " instead of " + String.join(", ", written)));
        }
        if (o.vectorScale() != 1.0) {
            out.add(String.format(Locale.ROOT, "--vector-scale %s: every vector count × %s (at most %,d live vectors"
                    + " planned)", Units.plain(o.vectorScale()), Units.plain(o.vectorScale()), peakVectors()));
        }
        if (o.timeScale() != 1.0) {
            out.add(String.format(Locale.ROOT, "--time-scale %s: every duration × %s", Units.plain(o.timeScale()),
                    Units.plain(o.timeScale())));
        }
        if (o.onlyStep() != null) {
            out.add("--step " + o.onlyStep() + ": only that step");
        }
        return out;
    }

    /** The options and effective figures for run.json. */
    Map<String, Object> runOptions(long seed) {
        PlanOptions o = plan.options();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time_scale", o.timeScale());
        m.put("vector_scale", o.vectorScale());
        m.put("dataset", o.dataset());
        m.put("only_step", o.onlyStep());
        m.put("seed", seed);
        m.put("datasets", String.join(", ", effectiveDatasets()));
        m.put("planned_peak_vectors", peakVectors());
        m.put("overrides", overrides());
        m.put("plan_file", FILE);
        return m;
    }

    /** plan.yaml: the overrides as a comment, then every planned step as it runs. */
    String yaml() {
        PlanOptions o = plan.options();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("scenario", plan.scenario().name());
        root.put("time_scale", o.timeScale());
        root.put("vector_scale", o.vectorScale());
        root.put("dataset_override", o.dataset());
        root.put("only_step", o.onlyStep());
        root.put("planned_peak_vectors", peakVectors());
        List<Object> steps = new ArrayList<>();
        for (PlannedStep p : plan.flatten()) {
            steps.add(step(p));
        }
        root.put("steps", steps);
        List<String> overrides = overrides();
        StringBuilder head = new StringBuilder("# The plan vst ran: the scenario (scenario.yaml, as written) with loops"
                + " expanded, configs merged and the run's overrides applied.\n");
        head.append(overrides.isEmpty() ? "# No overrides: the scenario ran as written.\n"
                : "# Overrides: " + String.join("; ", overrides) + "\n");
        return head + new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(root);
    }

    private static Map<String, Object> step(PlannedStep p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("id", p.id());
        m.put("depth", p.depth());
        m.put("type", p.step().type().yamlName());
        if (p.step() instanceof io.vst.scenario.WorkloadStep w) {
            m.put("workload", w.workload());
            m.put("dataset", p.dataset());
        }
        if (p.vectorsAfter() >= 0) {
            m.put("planned_live_vectors_after", p.vectorsAfter());
        }
        putIfSet(m, "duration_seconds", p.step().common().durationSeconds());
        putIfSet(m, "timeout_seconds", p.step().common().timeoutSeconds());
        putIfSet(m, "interval_seconds", p.step().common().intervalSeconds());
        putIfSet(m, "max_operations", p.step().common().maxOperations());
        GlobalConfig c = p.config();
        putIfSet(m, "step_timeout", c.stepTimeout());
        m.put("retry_delay", c.retryDelay());
        if (!p.parameters().values().isEmpty()) {
            m.put("parameters", new LinkedHashMap<>(p.parameters().values()));
        }
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private long peakVectors() {
        long peak = 0;
        for (PlannedStep p : plan.flatten()) {
            peak = Math.max(peak, p.vectorsAfter());
        }
        return peak;
    }

    private Set<String> effectiveDatasets() {
        Set<String> out = new LinkedHashSet<>();
        for (PlannedStep p : plan.flatten()) {
            if (p.dataset() != null && p.step() instanceof io.vst.scenario.WorkloadStep) {
                out.add(p.dataset());
            }
        }
        return out;
    }

    private Set<String> writtenDatasets() {
        Set<String> out = new LinkedHashSet<>();
        if (plan.scenario().dataset() != null) {
            out.add(plan.scenario().dataset());
        }
        for (PlannedStep p : plan.flatten()) {
            String own = p.step().common().dataset() != null ? p.step().common().dataset()
                    : p.step().common().parameters().has("dataset")
                    ? p.step().common().parameters().getString("dataset", null) : null;
            if (own != null) {
                out.add(own);
            }
        }
        return out;
    }
}
