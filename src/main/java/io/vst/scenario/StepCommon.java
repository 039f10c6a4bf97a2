package io.vst.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What every step has, whatever its type.
 *
 * @param config step-level overrides of global_config keys
 * @param durationSeconds run for this long ({@code null} = until done)
 * @param maxOperations stop after this many operations ({@code null} = no limit)
 * @param timeoutSeconds fail the step after this long ({@code null} = global step_timeout)
 * @param errorHandling {@code null} = global continue_on_error / max_retries
 * @param intervalSeconds repeat period of a checkpoint inside a parallel step ({@code null} = once)
 * @param dataset step's dataset, {@code null} = the scenario's
 * @param index step's index, {@code null} = the scenario's
 * @param span where the step's mapping starts (its first key)
 */
public record StepCommon(String name, String description, Map<String, Object> config, Parameters parameters,
        Double durationSeconds, Long maxOperations, Double timeoutSeconds, ErrorHandling errorHandling,
        Trigger trigger, Double intervalSeconds, String dataset, IndexSpec index, SourceSpan span) {

    public StepCommon {
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
        parameters = parameters == null ? Parameters.empty() : parameters;
        trigger = trigger == null ? Trigger.ALWAYS : trigger;
        span = span == null ? SourceSpan.UNKNOWN : span;
    }

    /** A deep copy with {@code f} applied to the name, description, dataset, config and parameter strings. */
    public StepCommon mapStrings(UnaryOperator<String> f) {
        return new StepCommon(apply(f, name), apply(f, description), Parameters.mapMap(config, f),
                parameters.mapStrings(f), durationSeconds, maxOperations, timeoutSeconds, errorHandling, trigger,
                intervalSeconds, apply(f, dataset), index, span);
    }

    public StepCommon withParameters(Parameters p) {
        return new StepCommon(name, description, config, p, durationSeconds, maxOperations, timeoutSeconds,
                errorHandling, trigger, intervalSeconds, dataset, index, span);
    }

    /** A copy with every duration (duration, timeout, interval) multiplied by {@code factor}. */
    public StepCommon scaled(double factor) {
        return new StepCommon(name, description, config, parameters, times(durationSeconds, factor), maxOperations,
                times(timeoutSeconds, factor), errorHandling, trigger, times(intervalSeconds, factor), dataset, index,
                span);
    }

    private static Double times(Double v, double f) {
        return v == null ? null : v * f;
    }

    private static String apply(UnaryOperator<String> f, String s) {
        return s == null ? null : f.apply(s);
    }
}
