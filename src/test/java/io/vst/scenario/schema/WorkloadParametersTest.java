package io.vst.scenario.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.scenario.Parameters;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each built-in workload's parameters record reads what the step gives and, for the rest, the schema's default. */
class WorkloadParametersTest {

    /** Keys with a default that no workload reads: the validator warns they have no effect. */
    private static final Set<String> NOT_READ = Set.of("record_latencies");

    private static Parameters params(Map<String, Object> values) {
        return new Parameters(values, Map.of());
    }

    private static Record read(String workload, Parameters p) {
        return switch (workload) {
            case "ingest" -> WorkloadParameters.Ingest.of(p);
            case "query" -> WorkloadParameters.Query.of(p);
            case "shrink" -> WorkloadParameters.Shrink.of(p);
            case "update" -> WorkloadParameters.Update.of(p);
            case "mixed" -> WorkloadParameters.Mixed.of(p);
            default -> throw new AssertionError("no parameters record for built-in workload " + workload);
        };
    }

    /** The value of the record component named after {@code key} (snake_case to camelCase; query_k is k). */
    private static Object component(Record r, String key) throws ReflectiveOperationException {
        String[] words = key.equals("query_k") ? new String[] {"k"} : key.split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            if (c.getName().equals(name.toString())) {
                return c.getAccessor().invoke(r);
            }
        }
        if (r instanceof WorkloadParameters.Mixed m) {
            return component(m.query(), key);
        }
        throw new AssertionError(r.getClass().getSimpleName() + " has no component for '" + key + "'");
    }

    private static Object normal(Object v) {
        return v instanceof Number n ? (Object) n.doubleValue() : v;
    }

    @Test
    void withNothingGivenEveryRecordHoldsTheSchemasDefaults() throws ReflectiveOperationException {
        List<String> checked = new ArrayList<>();
        for (WorkloadSpec spec : SchemaRegistry.builtin().workloads()) {
            Record r = read(spec.name(), Parameters.empty());
            for (ParamSpec p : spec.parameters()) {
                if (p.defaultValue() == null || NOT_READ.contains(p.key())) {
                    continue;
                }
                assertThat(normal(component(r, p.key()))).as(spec.name() + "." + p.key())
                        .isEqualTo(normal(p.defaultValue()));
                checked.add(spec.name() + "." + p.key());
            }
        }
        assertThat(checked).contains("mixed.query_batch_size", "mixed.ingest_batch_size", "query.query_k",
                "query.recall_sample_rate", "ingest.seed", "shrink.removal_strategy", "update.selection");
    }

    @Test
    void aMixedStepPipelinesTheSchemasFiftyQueriesPerBatchNotOne() {
        Object schema = SchemaRegistry.builtin().workload("mixed").orElseThrow().parameter("query_batch_size")
                .orElseThrow().defaultValue();

        WorkloadParameters.Mixed m = WorkloadParameters.Mixed.of(params(Map.of("query_ratio", 1.0)));

        assertThat(schema).isEqualTo(50);
        assertThat(m.queryBatchSize()).isEqualTo(50);
    }

    @Test
    void theStepsValuesWinAndTextFromLoopSubstitutionReadsAsANumber() {
        WorkloadParameters.Mixed m = WorkloadParameters.Mixed.of(params(Map.of("query_batch_size", 7L,
                "ingest_batch_size", "250", "query_k", 3L, "verify_results", true, "filter", "@c:{a}")));
        assertThat(m.queryBatchSize()).isEqualTo(7);
        assertThat(m.ingestBatchSize()).isEqualTo(250);
        assertThat(m.query().k()).isEqualTo(3);
        assertThat(m.query().verifyResults()).isTrue();
        assertThat(m.query().filter()).isEqualTo("@c:{a}");
        assertThat(m.query().recallSampleRate()).isEqualTo(0.1);

        assertThat(WorkloadParameters.Ingest.of(params(Map.of("target_vectors", "20000"))).targetVectors())
                .isEqualTo(20_000);
        assertThat(WorkloadParameters.Ingest.of(params(Map.of("target_vectors", "${loop_index}0000")))
                .targetVectors()).isEqualTo(-1);
        assertThat(WorkloadParameters.Shrink.of(Parameters.empty()).targetVectors()).isEqualTo(-1);
        assertThat(WorkloadParameters.Update.of(Parameters.empty()).updateVectors()).isNull();
        assertThat(WorkloadParameters.Query.of(Parameters.empty()).queriesPerSecond()).isNull();
    }

    @Test
    void queryRatioLeftOutIsOneWhenNoOtherRatioIsGivenElseZero() {
        assertThat(WorkloadParameters.Mixed.of(Parameters.empty()).ratios()).containsExactly(0, 1, 0, 0);
        assertThat(WorkloadParameters.Mixed.of(params(Map.of("update_ratio", 0.5))).ratios())
                .containsExactly(0, 0, 0.5, 0);
        WorkloadParameters.Mixed m = WorkloadParameters.Mixed.of(params(Map.of("ingest_ratio", 0.25,
                "query_ratio", 0.25, "delete_ratio", 0.5)));
        assertThat(m.ratios()).containsExactly(0.25, 0.25, 0, 0.5);
        assertThat(m.queryShare()).isEqualTo(0.25);
    }
}
