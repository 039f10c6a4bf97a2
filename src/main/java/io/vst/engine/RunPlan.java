package io.vst.engine;

import io.vst.scenario.IndexSpec;
import io.vst.scenario.Scenario;
import io.vst.scenario.schema.SchemaRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * A frozen, fully resolved copy of a scenario, ready to run: loops expanded, ${loop_index} substituted,
 * configs merged (global_config &lt; step config &lt; parameters), defaults filled in, durations scaled,
 * and rough estimates of live vectors, duration and server memory. Editing the scenario afterwards
 * cannot change a plan.
 *
 * <pre>
 * ParseResult r = Scenarios.load("grow_shrink_grow", ValidationOptions.defaults());
 * RunPlan plan = RunPlan.of(r.scenario(), SchemaRegistry.builtin(), PlanOptions.defaults());
 * for (PlannedStep s : plan.flatten()) {
 *     System.out.println(s.id() + " -&gt; " + s.vectorsAfter());
 * }
 * </pre>
 *
 * @param steps the top-level planned steps (just the selected one with {@link PlanOptions#onlyStep()})
 */
public record RunPlan(Scenario scenario, List<PlannedStep> steps, PlanOptions options) {

    public RunPlan {
        steps = List.copyOf(steps);
    }

    /**
     * Plans a scenario. The scenario should have validated without errors; a plan of an invalid one is
     * best-effort (unknown values become defaults, unknown counts -1).
     *
     * @throws io.vst.VstException INVALID_INPUT when {@code onlyStep} names no step
     */
    public static RunPlan of(Scenario s, SchemaRegistry r, PlanOptions o) {
        PlanOptions options = o == null ? PlanOptions.defaults() : o;
        List<PlannedStep> all = new RunPlanBuilder(s, r, options).build();
        if (options.onlyStep() != null) {
            all = List.of(RunPlanBuilder.find(all, options.onlyStep()));
        }
        return new RunPlan(s, all, options);
    }

    /** Every planned step depth-first: a step, then its children, if_true and if_false steps. */
    public List<PlannedStep> flatten() {
        List<PlannedStep> out = new ArrayList<>();
        flatten(steps, out);
        return out;
    }

    static void flatten(List<PlannedStep> steps, List<PlannedStep> out) {
        for (PlannedStep p : steps) {
            out.add(p);
            flatten(p.children(), out);
            flatten(p.ifTrue(), out);
            flatten(p.ifFalse(), out);
        }
    }

    /** The scenario's whole-run timeout scaled by the time scale, or {@code null} when it has none. */
    public Double timeoutSeconds() {
        return scenario.timeoutSeconds() == null ? null : scenario.timeoutSeconds() * options.timeScale();
    }

    /**
     * The index the run's keys and checkpoints refer to: the first step's (scenario index, else the
     * defaults); steps may override it, e.g. to rebuild it with other parameters.
     */
    public IndexSpec index() {
        if (!steps.isEmpty()) {
            return steps.get(0).index();
        }
        return scenario.index() == null ? IndexSpec.defaults() : scenario.index();
    }

    /** Rough total duration in seconds. */
    public double estimatedSeconds() {
        return steps.stream().mapToDouble(PlannedStep::estimatedSeconds).sum();
    }

    /** Rough peak server memory for the vectors and index, in bytes (0 when nothing is ever live). */
    public long estimatedPeakMemoryBytes() {
        long peak = 0;
        for (PlannedStep p : flatten()) {
            peak = Math.max(peak, RunPlanEstimates.memoryBytes(p));
        }
        return peak;
    }

    /** Rough server memory for the vectors live after one planned step, in bytes (0 when unknown or none). */
    public static long estimatedMemoryBytes(PlannedStep p) {
        return RunPlanEstimates.memoryBytes(p);
    }

    /** The step with the highest estimated memory, or {@code null} when nothing is ever live. */
    public PlannedStep peakMemoryStep() {
        PlannedStep best = null;
        long peak = 0;
        for (PlannedStep p : flatten()) {
            long m = RunPlanEstimates.memoryBytes(p);
            if (m > peak) {
                peak = m;
                best = p;
            }
        }
        return best;
    }
}
