package io.vst.scenario.schema;

import io.vst.scenario.StepType;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one description of the scenario language: scenario keys, global_config keys, index keys, step
 * types, workloads with their parameters, and the metrics conditions may test. The validator,
 * {@code vst scenario docs} and the editor's completion are all generated from it, so they cannot
 * drift apart. Immutable; {@link #withWorkload} returns a new registry.
 *
 * <pre>
 * SchemaRegistry r = SchemaRegistry.builtin();
 * r.workload("ingest").orElseThrow().parameter("target_vectors").orElseThrow().required();   // true
 * </pre>
 */
public final class SchemaRegistry {

    private static final SchemaRegistry BUILTIN = new SchemaRegistry(index(BuiltinSchema.workloads()));

    private final Map<String, WorkloadSpec> workloads;
    private final Map<StepType, StepTypeSpec> stepTypes;
    private final List<ParamSpec> globalConfigKeys = BuiltinSchema.globalConfigKeys();
    private final List<ParamSpec> indexKeys = BuiltinSchema.indexKeys();
    private final List<ParamSpec> scenarioKeys = BuiltinSchema.scenarioKeys();
    private final List<MetricSpec> metrics = BuiltinSchema.metrics();

    private SchemaRegistry(Map<String, WorkloadSpec> workloads) {
        this.workloads = Collections.unmodifiableMap(workloads);
        Map<StepType, StepTypeSpec> types = new EnumMap<>(StepType.class);
        for (StepTypeSpec s : BuiltinSchema.stepTypes()) {
            types.put(s.type(), s);
        }
        this.stepTypes = Collections.unmodifiableMap(types);
    }

    private static Map<String, WorkloadSpec> index(List<WorkloadSpec> specs) {
        Map<String, WorkloadSpec> m = new LinkedHashMap<>();
        specs.forEach(s -> m.put(s.name(), s));
        return m;
    }

    /** The registry of everything built in. */
    public static SchemaRegistry builtin() {
        return BUILTIN;
    }

    public Optional<WorkloadSpec> workload(String name) {
        return Optional.ofNullable(name == null ? null : workloads.get(name));
    }

    /**
     * The traits of workload {@code name}; {@link WorkloadTraits#UNDECLARED} for a name the registry does
     * not know (a plugin workload named by its class).
     */
    public WorkloadTraits traits(String name) {
        return workload(name).map(WorkloadSpec::traits).orElse(WorkloadTraits.UNDECLARED);
    }

    public Collection<WorkloadSpec> workloads() {
        return workloads.values();
    }

    public StepTypeSpec stepType(StepType t) {
        return stepTypes.get(t);
    }

    public List<ParamSpec> globalConfigKeys() {
        return globalConfigKeys;
    }

    public Optional<ParamSpec> globalConfigKey(String key) {
        return globalConfigKeys.stream().filter(p -> p.key().equals(key)).findFirst();
    }

    public List<ParamSpec> indexKeys() {
        return indexKeys;
    }

    /** Keys of one entry of the index's {@code fields} list. */
    public List<ParamSpec> indexFieldKeys() {
        return BuiltinSchema.fieldKeys();
    }

    public List<ParamSpec> scenarioKeys() {
        return scenarioKeys;
    }

    /** Keys of a step's {@code error_handling} block. */
    public List<ParamSpec> errorHandlingKeys() {
        return BuiltinSchema.errorHandlingKeys();
    }

    /** Keys of a conditional step's {@code condition} block. */
    public List<ParamSpec> conditionKeys() {
        return BuiltinSchema.conditionKeys();
    }

    public List<MetricSpec> conditionMetrics() {
        return metrics;
    }

    public Optional<MetricSpec> metric(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** A registry that also knows {@code plugin} (replacing a plugin workload of the same name). */
    public SchemaRegistry withWorkload(WorkloadSpec plugin) {
        Map<String, WorkloadSpec> m = new LinkedHashMap<>(workloads);
        m.put(plugin.name(), plugin);
        return new SchemaRegistry(m);
    }
}
