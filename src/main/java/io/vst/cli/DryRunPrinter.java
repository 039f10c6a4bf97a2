package io.vst.cli;

import io.vst.engine.PlannedStep;
import io.vst.engine.RunPlan;
import io.vst.scenario.GlobalConfig;
import io.vst.scenario.IndexSpec;
import io.vst.scenario.Scenario;
import io.vst.scenario.Step;
import io.vst.scenario.WorkloadStep;
import io.vst.units.Units;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Prints a {@link RunPlan} for {@code vst run --dry-run}: every step with loops expanded, its effective
 * config and parameters, the live vectors after it, estimated durations and a rough server-memory
 * estimate. Contacts no server.
 */
public final class DryRunPrinter {

    /** Config keys always shown; others only when they differ from the defaults. */
    private static final List<String> ALWAYS = List.of("n_threads", "n_clients", "batch_size");

    private DryRunPrinter() {
    }

    public static void print(RunPlan plan, PrintStream out) {
        PrintWriter w = new PrintWriter(out, false, StandardCharsets.UTF_8);
        print(plan, w);
        w.flush();
    }

    public static void print(RunPlan plan, PrintWriter out) {
        Scenario s = plan.scenario();
        out.println("Plan for scenario '" + s.name() + "' (" + s.sourceName() + ")");
        if (s.description() != null) {
            s.description().strip().lines().forEach(l -> out.println("  " + l.strip()));
        }
        out.println("  dataset: " + (s.dataset() == null ? "(per step)" : s.dataset()));
        IndexSpec idx = s.index() == null ? IndexSpec.defaults() : s.index();
        out.println("  index:   " + index(idx));
        GlobalConfig global = s.globalConfig();
        if (global.stepTimeout() != null) {
            global = global.withOverrides(Map.of("step_timeout", global.stepTimeout() * plan.options().timeScale()));
        }
        out.println("  config:  " + config(global, null));
        if (plan.options().timeScale() != 1.0) {
            out.println("  time scale: " + Units.plain(plan.options().timeScale())
                    + " (explicit durations and timeouts scaled)");
        }
        if (plan.options().onlyStep() != null) {
            out.println("  only step: " + plan.options().onlyStep());
        }
        out.println();
        out.printf(Locale.ROOT, "%-4s %-44s %-18s %15s %10s %12s%n", "#", "step", "kind", "vectors after",
                "est. time", "est. memory");
        int[] counter = {0};
        for (PlannedStep p : plan.steps()) {
            printStep(p, out, counter, global);
        }
        out.println();
        out.println("Steps planned: " + plan.flatten().size() + " (loops expanded)");
        out.println("Estimated duration: " + Units.duration(plan.estimatedSeconds())
                + " (explicit durations exact; the rest from assumed throughput)");
        PlannedStep peak = plan.peakMemoryStep();
        out.println("Estimated peak server memory for vectors and index: "
                + Units.bytes(plan.estimatedPeakMemoryBytes())
                + (peak == null ? "" : " after '" + peak.name() + "'")
                + " (rough: 2 x dim x 4 bytes + HNSW links + key overhead per vector)");
        out.println("Dry run: no server was contacted.");
        out.flush();
    }

    private static void printStep(PlannedStep p, PrintWriter out, int[] counter, GlobalConfig global) {
        counter[0]++;
        String indent = "  ".repeat(p.depth());
        long memory = p.vectorsAfter() > 0 ? memoryOf(p) : 0;
        out.printf(Locale.ROOT, "%-4d %-44s %-18s %15s %10s %12s%n", counter[0], indent + p.name(), p.kind(),
                p.vectorsAfter() < 0 ? "?" : String.format(Locale.ROOT, "%,d", p.vectorsAfter()),
                Units.duration(p.estimatedSeconds()), memory == 0 ? "-" : Units.bytes(memory));
        String pad = "     " + indent + "  ";
        String cfg = config(p.config(), global);
        if (!cfg.isEmpty() && !(p.step() instanceof io.vst.scenario.CheckpointStep)) {
            out.println(pad + "config: " + cfg);
        }
        String params = parameters(p);
        if (!params.isEmpty()) {
            out.println(pad + "parameters: " + params);
        }
        String limits = limits(p.step());
        if (!limits.isEmpty()) {
            out.println(pad + limits);
        }
        for (PlannedStep c : p.children()) {
            printStep(c, out, counter, global);
        }
        if (!p.ifTrue().isEmpty()) {
            out.println(pad + "if " + condition(p) + ":");
            p.ifTrue().forEach(c -> printStep(c, out, counter, global));
        }
        if (!p.ifFalse().isEmpty()) {
            out.println(pad + "otherwise:");
            p.ifFalse().forEach(c -> printStep(c, out, counter, global));
        }
    }

    private static long memoryOf(PlannedStep p) {
        return RunPlan.estimatedMemoryBytes(p);
    }

    private static String condition(PlannedStep p) {
        if (p.step() instanceof io.vst.scenario.ConditionalStep c && c.condition() != null) {
            return c.condition().metric() + " " + c.condition().operator().yamlName() + " "
                    + Units.plain(c.condition().value());
        }
        return "condition";
    }

    /** Key config settings: the always-shown ones plus any that differ from {@code base} (or the defaults). */
    static String config(GlobalConfig c, GlobalConfig base) {
        Map<String, Object> values = c.toMap();
        Map<String, Object> reference = (base == null ? GlobalConfig.defaults() : base).toMap();
        List<String> parts = new ArrayList<>();
        values.forEach((k, v) -> {
            boolean differs = !Objects.equals(v, reference.get(k));
            if ((base == null && (ALWAYS.contains(k) || differs)) || (base != null && differs)) {
                parts.add(k + "=" + text(v));
            }
        });
        return String.join(" ", parts);
    }

    /** The user's parameters, then the defaults that do something (false flags are left out). */
    private static String parameters(PlannedStep p) {
        Map<String, Object> user = p.step().common().parameters().values();
        List<String> given = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        p.parameters().values().forEach((k, v) -> {
            if (user.containsKey(k)) {
                given.add(k + "=" + text(v));
            } else if (!Boolean.FALSE.equals(v)) {
                defaults.add(k + "=" + text(v));
            }
        });
        String out = String.join(" ", given);
        if (!defaults.isEmpty()) {
            out += (out.isEmpty() ? "" : "; ") + "defaults: " + String.join(" ", defaults);
        }
        return out;
    }

    private static String limits(Step step) {
        List<String> parts = new ArrayList<>();
        var c = step.common();
        if (c.durationSeconds() != null) {
            parts.add("duration " + Units.duration(c.durationSeconds()));
        }
        if (c.maxOperations() != null) {
            parts.add("max " + c.maxOperations() + " operations");
        }
        if (c.timeoutSeconds() != null) {
            parts.add("timeout " + Units.duration(c.timeoutSeconds()));
        }
        if (c.intervalSeconds() != null) {
            parts.add("every " + Units.duration(c.intervalSeconds()));
        }
        if (c.trigger() == io.vst.scenario.Trigger.ON_PREVIOUS_ERROR) {
            parts.add("only if the previous step failed");
        }
        if (c.errorHandling() != null) {
            parts.add("on failure " + c.errorHandling().onFailure().name().toLowerCase(Locale.ROOT));
        }
        return String.join(", ", parts);
    }

    private static String index(IndexSpec i) {
        return i.name() + " prefix " + i.prefix() + " " + i.algorithm()
                + ("FLAT".equals(i.algorithm()) ? "" : " M " + i.m() + " EF_CONSTRUCTION " + i.efConstruction()
                        + " EF_RUNTIME " + i.efRuntime())
                + (i.distanceMetric() == null ? "" : " " + i.distanceMetric())
                + (i.dimensions() == null ? "" : " DIM " + i.dimensions());
    }

    private static String text(Object v) {
        if (v instanceof Double d) {
            return Units.plain(d);
        }
        return String.valueOf(v);
    }

    /** An outline of a scenario's steps as written (for {@code validate --verbose}). */
    public static void outline(Scenario s, PrintWriter out) {
        out.println("Scenario '" + s.name() + "': " + s.steps().size() + " top-level steps");
        outline(s.steps(), out, 1);
        out.flush();
    }

    private static void outline(List<Step> steps, PrintWriter out, int depth) {
        for (Step st : steps) {
            String kind = st instanceof WorkloadStep w ? "workload " + w.workload() : st.type().yamlName();
            String extra = st instanceof io.vst.scenario.LoopStep l ? " x" + l.iterations() : "";
            out.println("  ".repeat(depth) + "- " + st.name() + " (" + kind + extra + ") line "
                    + st.common().span().line());
            outline(st.children(), out, depth + 1);
        }
    }
}
