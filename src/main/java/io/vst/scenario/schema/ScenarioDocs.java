package io.vst.scenario.schema;

import io.vst.scenario.StepType;
import java.util.List;
import java.util.Locale;

/**
 * The scenario language reference, generated from the {@link SchemaRegistry} so that it always says
 * exactly what the validator accepts ({@code vst scenario docs}, {@code vst workload list}).
 */
public final class ScenarioDocs {

    private ScenarioDocs() {
    }

    /** The full reference: scenario keys, global_config, index, every step type and workload, metrics, rules. */
    public static String reference(SchemaRegistry r) {
        StringBuilder sb = new StringBuilder();
        sb.append("# vst scenario reference\n\n")
                .append("A scenario is a YAML mapping. Unknown keys are warnings (errors with --strict).\n")
                .append("Counts such as target_vectors are absolute: the number of live vectors after the step.\n")
                .append("Inside a loop, ${loop_index} in any text is replaced by the iteration number, counting from 0.\n\n");
        section(sb, "Scenario keys", r.scenarioKeys());
        section(sb, "global_config keys (step 'config:' and same-named parameters override them)",
                r.globalConfigKeys());
        section(sb, "index keys (valkey-search limits: M <= 512, EF <= 4096, DIM <= 32768, 1000 attributes)",
                r.indexKeys());
        section(sb, "index field keys", r.indexFieldKeys());
        sb.append("## Step types\n\n");
        for (StepType t : StepType.values()) {
            StepTypeSpec spec = r.stepType(t);
            sb.append("### ").append(t.yamlName()).append("\n\n").append(spec.doc()).append("\n\n");
            List<ParamSpec> specific = spec.stepKeys().stream()
                    .filter(p -> BuiltinSchema.commonStepKeys().stream().noneMatch(c -> c.key().equals(p.key())))
                    .toList();
            if (!specific.isEmpty()) {
                keys(sb, "Step keys", specific);
            }
            if (!spec.parameters().isEmpty()) {
                keys(sb, "Parameters", spec.parameters());
            }
        }
        section(sb, "Keys every step accepts", BuiltinSchema.commonStepKeys());
        section(sb, "error_handling keys", r.errorHandlingKeys());
        section(sb, "condition keys (conditional steps)", r.conditionKeys());
        sb.append("## Workloads\n\n");
        sb.append(workloads(r));
        sb.append("## Condition metrics\n\n");
        for (MetricSpec m : r.conditionMetrics()) {
            sb.append(String.format(Locale.ROOT, "  %-30s %-6s %s%n", m.name(), m.unit(), m.doc()));
        }
        sb.append("\n## Validation rules (--rules FILE)\n\n")
                .append("validation_rules:\n")
                .append("  scenario: {max_steps, max_duration_hours, required_fields: [...]}\n")
                .append("  steps:\n")
                .append("    <step type or workload>: {required_parameters: [...], max_<key>, min_<key>}\n")
                .append("  global_config: {max_<key>, min_<key>}   (threads = n_threads, clients = n_clients)\n\n")
                .append("required_parameters under 'workload' binds only workloads that take the parameter.\n")
                .append("The shipped defaults are config/validation/default_rules.yaml.\n");
        return sb.toString();
    }

    /** Every workload with its parameters. */
    public static String workloads(SchemaRegistry r) {
        StringBuilder sb = new StringBuilder();
        for (WorkloadSpec w : r.workloads()) {
            sb.append("### ").append(w.name()).append(w.builtin() ? "" : " (plugin)").append("\n\n")
                    .append(w.doc()).append("\n\n");
            keys(sb, "Parameters", w.parameters());
        }
        sb.append("A workload not listed here may be named by its fully-qualified class name "
                + "(e.g. com.acme.MyWorkload); it is looked up among plugins at run time.\n\n");
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, List<ParamSpec> specs) {
        sb.append("## ").append(title).append("\n\n");
        table(sb, specs);
        sb.append('\n');
    }

    private static void keys(StringBuilder sb, String title, List<ParamSpec> specs) {
        sb.append(title).append(":\n");
        table(sb, specs);
        sb.append('\n');
    }

    private static void table(StringBuilder sb, List<ParamSpec> specs) {
        for (ParamSpec p : specs) {
            sb.append(String.format(Locale.ROOT, "  %-28s %-40s %s%n", p.key(), p.summary(), p.doc()));
        }
    }
}
