package io.vst.scenario.validate;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.SourceSpan;
import io.vst.scenario.Values;
import io.vst.scenario.schema.MetricSpec;
import io.vst.scenario.yaml.ScenarioReader;
import io.vst.scenario.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of the steps that hold steps, for {@link StepChecks}: a conditional's condition and both
 * branches, a parallel step's branch count and branches, a loop's body, each walked by {@link StepWalker}
 * with the vector flow, duration and loop context each implies.
 */
final class NestedSteps {

    /** Most steps a parallel step may run at once (each runs its own worker threads). */
    static final int MAX_PARALLEL_BRANCHES = 64;

    private final StepWalker w;

    NestedSteps(StepWalker walker) {
        this.w = walker;
    }

    /** Checks a conditional step and walks both branches; returns the longer one's seconds. */
    double conditional(YamlNode.Mapping m, String name, String label, SourceSpan at) {
        if (m.get("condition") instanceof YamlNode.Mapping cond) {
            w.keys.check(cond, w.registry.conditionKeys(), "condition", k -> false, false, "key", cond.span());
            String metric = ScenarioReader.str(cond.get("metric"));
            if (metric != null && w.registry.metric(metric).isEmpty()) {
                List<String> known = w.registry.conditionMetrics().stream().map(MetricSpec::name).toList();
                w.out.add(Diagnostic.error(cond.get("metric").span(), "Unknown metric '" + metric + "' in condition"
                        + Suggestions.didYouMean(metric, known), "metrics: " + String.join(", ", known)));
            }
        }
        YamlNode.Sequence ifTrue = m.get("if_true") instanceof YamlNode.Sequence s ? s : null;
        YamlNode.Sequence ifFalse = m.get("if_false") instanceof YamlNode.Sequence s ? s : null;
        if ((ifTrue == null || ifTrue.items().isEmpty()) && (ifFalse == null || ifFalse.items().isEmpty())) {
            w.out.add(Diagnostic.error(at, "Conditional step " + label + " has no steps in if_true or if_false",
                    "add the steps to run under 'if_true:' (and/or 'if_false:')"));
        }
        VectorFlow start = w.flow.copy();
        w.flow = start.copy();
        double t = ifTrue == null ? 0 : w.walk(ifTrue);
        VectorFlow endTrue = w.flow;
        w.flow = start.copy();
        double f = ifFalse == null ? 0 : w.walk(ifFalse);
        VectorFlow endFalse = w.flow;
        w.flow = VectorFlow.either(endTrue, endFalse, name);
        return Math.max(t, f);
    }

    /** Checks a parallel step and walks each of its steps from the same start; returns the longest's seconds. */
    double parallel(YamlNode.Mapping m, String name, String label, SourceSpan at) {
        YamlNode.Sequence steps = steps(m, "Parallel", label);
        if (steps == null) {
            return 0;
        }
        if (w.parallelDepth == 0) {
            long branches = branches(m);
            if (branches > MAX_PARALLEL_BRANCHES) {
                w.out.add(Diagnostic.error(m.entry("steps").keySpan(), "Parallel step " + label + " runs " + branches
                        + " steps at once; the limit is " + MAX_PARALLEL_BRANCHES, "each runs on its own threads: "
                        + "split the work over fewer steps, or run groups of them one after another"));
            }
        }
        VectorFlow start = w.flow.copy();
        List<VectorFlow> ends = new ArrayList<>();
        double longest = 0;
        w.parallelDepth++;
        for (YamlNode item : steps.items()) {
            w.flow = start.copy();
            longest = Math.max(longest, w.walkItems(List.of(item)));
            ends.add(w.flow);
        }
        w.parallelDepth--;
        w.flow = VectorFlow.merge(start, ends, name);
        return longest;
    }

    /** Steps that run at the same time under {@code m}: parallel children add up, anything else runs one at a time. */
    private static long branches(YamlNode.Mapping m) {
        boolean parallel = "parallel".equals(ScenarioReader.str(m.get("type")));
        long total = parallel ? 0 : 1;
        for (String nested : List.of("steps", "if_true", "if_false")) {
            if (m.get(nested) instanceof YamlNode.Sequence seq) {
                for (YamlNode item : seq.items()) {
                    long b = item instanceof YamlNode.Mapping child ? branches(child) : 1;
                    total = parallel ? total + b : Math.max(total, b);
                }
            }
        }
        return Math.max(1, total);
    }

    /** Walks a loop's body once for all its iterations; returns the body's seconds times the iterations. */
    double loop(YamlNode.Mapping m, String name, String label, SourceSpan at) {
        YamlNode.Sequence steps = steps(m, "Loop", label);
        if (steps == null) {
            return 0;
        }
        Long n = m.get("iterations") instanceof YamlNode.Scalar s ? Values.toLong(s.value()) : null;
        int iterations = n == null || n < 1 ? 1 : (int) Math.min(n, Integer.MAX_VALUE);
        int savedIterations = w.loopIterations;
        String savedName = w.loopName;
        w.loopDepth++;
        w.loopIterations = iterations;
        w.loopName = name;
        double savedMultiplier = w.multiplier;
        w.multiplier *= iterations;
        double body = w.walk(steps);
        w.multiplier = savedMultiplier;
        w.loopDepth--;
        w.loopIterations = savedIterations;
        w.loopName = savedName;
        return body * iterations;
    }

    /** The steps of a parallel or loop step (null when none are given); an empty list is an error. */
    private YamlNode.Sequence steps(YamlNode.Mapping m, String kind, String label) {
        YamlNode.Sequence steps = m.get("steps") instanceof YamlNode.Sequence s ? s : null;
        if (steps != null && steps.items().isEmpty()) {
            w.out.add(Diagnostic.error(m.entry("steps").keySpan(), kind + " step " + label + " has no steps", null));
        }
        return steps;
    }
}
