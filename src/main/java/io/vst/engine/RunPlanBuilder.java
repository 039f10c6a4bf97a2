package io.vst.engine;

import io.vst.VstException;
import io.vst.scenario.CleanupStep;
import io.vst.scenario.ConditionalStep;
import io.vst.scenario.ErrorHandling;
import io.vst.scenario.GlobalConfig;
import io.vst.scenario.IndexSpec;
import io.vst.scenario.LoopStep;
import io.vst.scenario.ParallelStep;
import io.vst.scenario.Parameters;
import io.vst.scenario.Scenario;
import io.vst.scenario.Step;
import io.vst.scenario.StepCommon;
import io.vst.scenario.schema.ValueType;
import io.vst.scenario.schema.WorkloadSpec;
import io.vst.scenario.WorkloadStep;
import io.vst.scenario.schema.LiveEffect;
import io.vst.scenario.schema.ParamSpec;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.schema.WorkloadTraits;
import io.vst.scenario.validate.ScenarioValidator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the planned steps of a {@link RunPlan}: expansion, substitution, merging, defaults, estimates. */
final class RunPlanBuilder {

    private final Scenario scenario;
    private final SchemaRegistry registry;
    private final PlanOptions options;
    private final RunPlanEstimates estimates;

    RunPlanBuilder(Scenario scenario, SchemaRegistry registry, PlanOptions options) {
        this.scenario = scenario;
        this.registry = registry;
        this.options = options;
        this.estimates = new RunPlanEstimates();
    }

    List<PlannedStep> build() {
        double planned = count(scenario.steps());
        if (planned > ScenarioValidator.MAX_PLANNED_STEPS) {
            throw VstException.invalidInput(String.format(java.util.Locale.ROOT,
                    "With its loops expanded the scenario has %,.0f steps; at most %,d can be planned", planned,
                    ScenarioValidator.MAX_PLANNED_STEPS), "lower the loops' iterations");
        }
        IndexSpec index = scenario.index() == null ? IndexSpec.defaults() : scenario.index();
        long start = index.recreateIndex() ? 0 : -1;
        return plan(scenario.steps(), null, 0, new long[] {start}, new HashSet<>());
    }

    /**
     * Plans a list of steps run in order.
     *
     * @param live in/out: live vectors before the first step, updated to after the last
     * @param used display names taken so far (names stay unique across the whole plan)
     */
    private List<PlannedStep> plan(List<Step> steps, String parentId, int depth, long[] live, Set<String> used) {
        List<PlannedStep> out = new ArrayList<>(steps.size());
        Set<String> siblingIds = new HashSet<>();
        for (Step s : steps) {
            out.add(planOne(s, s.name(), parentId, depth, live, used, siblingIds));
        }
        return out;
    }

    private PlannedStep planOne(Step raw, String displayName, String parentId, int depth, long[] live,
            Set<String> used, Set<String> siblingIds) {
        String name = unique(displayName, used);
        String id = unique((parentId == null ? "" : parentId + "/") + raw.name(), siblingIds);
        StepCommon c = raw.common();
        GlobalConfig config = scenario.globalConfig().withOverrides(c.config())
                .withOverrides(configKeys(c.parameters().values()));
        if (options.timeScale() != 1.0) {
            // Durations of the run scale; connection and operation timeouts and the sampling interval do not
            // (they are about the server's answers and the charts' resolution, not the scenario's length).
            Map<String, Object> scaled = new LinkedHashMap<>();
            scaled.put("retry_delay", config.retryDelay() * options.timeScale());
            if (config.stepTimeout() != null) {
                scaled.put("step_timeout", config.stepTimeout() * options.timeScale());
            }
            config = config.withOverrides(scaled);
        }
        RetryPolicy retry = RetryPolicy.resolve(c.errorHandling(), config, options.timeScale());
        config = withRetries(config, c.errorHandling(), retry);
        Parameters params = withDefaults(raw);
        Step step = raw.withCommon(c.scaled(options.timeScale()).withParameters(scaled(c.parameters())));
        String dataset = options.dataset() != null ? options.dataset()
                : params.has("dataset") ? params.getString("dataset", null)
                : c.dataset() != null ? c.dataset() : scenario.dataset();
        IndexSpec index = c.index() != null ? c.index() : scenario.index() != null ? scenario.index()
                : IndexSpec.defaults();
        long before = live[0];
        List<PlannedStep> children = List.of();
        List<PlannedStep> ifTrue = List.of();
        List<PlannedStep> ifFalse = List.of();
        double seconds;
        if (raw instanceof LoopStep loop) {
            children = expand(loop, id, depth, live, used);
            seconds = sum(children);
        } else if (raw instanceof ParallelStep par) {
            children = new ArrayList<>();
            List<Long> ends = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (Step child : par.steps()) {
                long[] branch = {before};
                children.add(planOne(child, child.name(), id, depth + 1, branch, used, ids));
                ends.add(branch[0]);
            }
            live[0] = LiveEffect.concurrent(before, ends);
            seconds = children.stream().mapToDouble(PlannedStep::estimatedSeconds).max().orElse(0);
        } else if (raw instanceof ConditionalStep cond) {
            long[] t = {before};
            long[] f = {before};
            ifTrue = plan(cond.ifTrue(), id + "/if_true", depth + 1, t, used);
            ifFalse = plan(cond.ifFalse(), id + "/if_false", depth + 1, f, used);
            live[0] = LiveEffect.either(t[0], f[0]);
            seconds = Math.max(sum(ifTrue), sum(ifFalse));
        } else {
            WorkloadTraits traits = raw instanceof WorkloadStep w ? registry.traits(w.workload()) : null;
            live[0] = effect(raw, traits, params).after(before);
            seconds = estimates.seconds(raw, step, traits, params, config, index, dataset, before, live[0]);
        }
        return new PlannedStep(id, name, step, depth, config, params, dataset, index, live[0], seconds, children,
                ifTrue, ifFalse, retry, timeoutSeconds(step, config));
    }

    /**
     * The step's error_handling max_retries / retry_delay also govern the workload's retries of transient
     * errors (a lost connection, a server loading), overriding global_config.
     */
    private static GlobalConfig withRetries(GlobalConfig config, ErrorHandling eh, RetryPolicy retry) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (eh != null && eh.maxRetries() != null) {
            o.put("max_retries", retry.maxRetries());
        }
        if (eh != null && eh.retryDelay() != null) {
            o.put("retry_delay", retry.retryDelaySeconds());
        }
        return o.isEmpty() ? config : config.withOverrides(o);
    }

    /** The step's timeout_seconds, else the global step_timeout (both scaled already); 0 for none. */
    private static double timeoutSeconds(Step scaledStep, GlobalConfig scaledConfig) {
        Double own = scaledStep.common().timeoutSeconds();
        if (own != null && own > 0) {
            return own;
        }
        Double global = scaledConfig.stepTimeout();
        return global != null && global > 0 ? global : 0;
    }

    /** Steps in the plan once loops are expanded. */
    private static double count(List<Step> steps) {
        double n = 0;
        for (Step s : steps) {
            double inner = count(s.children());
            n += 1 + (s instanceof LoopStep loop ? inner * loop.iterations() : inner);
        }
        return n;
    }

    /** A loop's iterations, each a substituted copy of the body, in order. */
    private List<PlannedStep> expand(LoopStep loop, String loopId, int depth, long[] live, Set<String> used) {
        List<PlannedStep> out = new ArrayList<>();
        for (int i = 0; i < loop.iterations(); i++) {
            String index = Integer.toString(i);
            Set<String> ids = new HashSet<>();
            for (Step body : loop.steps()) {
                Step sub = body.mapStrings(text -> text.replace(LoopStep.LOOP_INDEX, index));
                String display = body.name().contains(LoopStep.LOOP_INDEX) ? sub.name() : body.name() + "[" + i + "]";
                out.add(planOne(sub, display, loopId + "/" + i, depth + 1, live, used, ids));
            }
        }
        return out;
    }

    private static String unique(String name, Set<String> used) {
        String n = name;
        for (int k = 2; !used.add(n); k++) {
            n = name + "#" + k;
        }
        return n;
    }

    private static double sum(List<PlannedStep> steps) {
        return steps.stream().mapToDouble(PlannedStep::estimatedSeconds).sum();
    }

    /** What a leaf step does to the live set: a workload's traits say; a cleanup may delete every key. */
    private static LiveEffect effect(Step step, WorkloadTraits traits, Parameters p) {
        if (step instanceof CleanupStep) {
            return LiveEffect.cleanup(p.getString("cleanup_type", null));
        }
        return traits == null ? LiveEffect.NONE : traits.liveEffect(p);
    }

    /** The registry parameters of a step with defaults filled in; user values win; durations scaled. */
    private Parameters withDefaults(Step step) {
        List<ParamSpec> specs = step instanceof WorkloadStep w
                ? registry.workload(w.workload()).map(WorkloadSpec::parameters).orElse(List.of())
                : registry.stepType(step.type()).parameters();
        Parameters user = step.common().parameters();
        Map<String, Object> merged = new LinkedHashMap<>();
        for (ParamSpec spec : specs) {
            if (spec.defaultValue() != null) {
                merged.put(spec.key(), spec.defaultValue());
            }
        }
        merged.putAll(user.values());
        WorkloadTraits traits = step instanceof WorkloadStep w ? registry.traits(w.workload()) : WorkloadTraits.UNDECLARED;
        Parameters derived = traits.withDerivedDefaults(new Parameters(merged, user.spans()));
        // defaults first in schema order (a derived one in its key's place), then the step's other keys
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec spec : specs) {
            if (derived.has(spec.key()) && (spec.defaultValue() != null || !user.has(spec.key()))) {
                values.put(spec.key(), derived.get(spec.key()));
            }
        }
        values.putAll(user.values());
        for (ParamSpec spec : specs) {
            // after ${loop_index} substitution a number may arrive as text ("20000"): give it its type
            if (values.get(spec.key()) instanceof String text && (spec.type() == ValueType.INTEGER
                    || spec.type() == ValueType.NUMBER)) {
                Parameters one = new Parameters(Map.of(spec.key(), text), Map.of());
                if (spec.type() == ValueType.INTEGER && one.getLong(spec.key(), Long.MIN_VALUE) != Long.MIN_VALUE) {
                    values.put(spec.key(), one.getLong(spec.key(), 0));
                } else if (spec.type() == ValueType.NUMBER && !Double.isNaN(one.getDouble(spec.key(), Double.NaN))) {
                    values.put(spec.key(), one.getDouble(spec.key(), 0));
                }
            }
        }
        return scaled(new Parameters(values, user.spans()));
    }

    private Parameters scaled(Parameters p) {
        if (options.timeScale() == 1.0 && options.vectorScale() == 1.0) {
            return p;
        }
        Parameters out = p;
        for (Map.Entry<String, Object> e : p.values().entrySet()) {
            if (isDuration(e.getKey()) && e.getValue() instanceof Number n) {
                out = out.with(e.getKey(), n.doubleValue() * options.timeScale());
            } else if (VECTOR_COUNTS.contains(e.getKey()) && e.getValue() instanceof Number n) {
                out = out.with(e.getKey(), Math.round(n.doubleValue() * options.vectorScale()));
            }
        }
        return out;
    }

    /** Parameters that count vectors, scaled by {@code --vector-scale}. */
    private static final Set<String> VECTOR_COUNTS = Set.of("target_vectors", "update_vectors", "max_vectors");

    static boolean isDuration(String key) {
        return key.endsWith("_seconds") || key.equals("memory_stability_window") || key.equals("step_timeout");
    }

    private static Map<String, Object> configKeys(Map<String, Object> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (GlobalConfig.isKey(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The planned step with this id or display name (or plain step name), for {@code --step}. */
    static PlannedStep find(List<PlannedStep> steps, String wanted) {
        List<PlannedStep> all = new ArrayList<>();
        RunPlan.flatten(steps, all);
        for (PlannedStep p : all) {
            if (p.id().equals(wanted) || p.name().equals(wanted)) {
                return p;
            }
        }
        for (PlannedStep p : all) {
            if (p.step().name().equals(wanted)) {
                return p; // first iteration of a loop body step named without ${loop_index}
            }
        }
        List<String> names = all.stream().map(PlannedStep::name).toList();
        throw VstException.invalidInput("No step named '" + wanted + "' in the scenario",
                "steps: " + String.join(", ", names.size() > 30 ? names.subList(0, 30) : names)
                        + (names.size() > 30 ? ", ..." : ""));
    }
}
