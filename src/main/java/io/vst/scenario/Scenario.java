package io.vst.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario as read from YAML: metadata, global config, an optional index block and the steps.
 *
 * <pre>
 * ParseResult r = Scenarios.load("grow_shrink_grow", ValidationOptions.defaults());
 * if (!r.hasErrors()) {
 *     Scenario s = r.scenario();
 *     s.steps().forEach(step -&gt; System.out.println(step.name()));
 * }
 * </pre>
 *
 * @param timeoutSeconds whole-run timeout, {@code null} = none
 * @param index {@code null} = {@link IndexSpec#defaults()}
 * @param sourceName file name (or built-in name) used in diagnostics
 * @param sourceText the exact text read, kept so a run can store the scenario as run
 */
public record Scenario(String name, String description, String dataset, Double timeoutSeconds,
        Map<String, Object> metadata, GlobalConfig globalConfig, IndexSpec index, List<Step> steps,
        String sourceName, String sourceText) {

    public Scenario {
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        globalConfig = globalConfig == null ? GlobalConfig.defaults() : globalConfig;
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}
