package io.vst.scenario.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.Severity;
import io.vst.scenario.StepType;
import io.vst.scenario.validate.ScenarioValidator;
import io.vst.scenario.validate.ValidationOptions;
import io.vst.scenario.yaml.ParseResult;
import io.vst.scenario.yaml.ScenarioReader;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * No key of the scenario language is silently ignored: walking the schema registry, every key either has a
 * test that shows its effect on a run (named here, and checked to exist as a {@code @Test} method), or is
 * one vst warns about at its line ({@link BuiltinSchema#configKeysWithoutEffect()}), which is checked here by
 * validating a scenario that uses it. A new key with neither fails this test.
 */
class SettingsCoverageTest {

    private static final String ENGINE = "io.vst.engine.";
    private static final String SETTINGS = ENGINE + "SettingsEffectIntegrationTest#";
    private static final String INGEST_SHRINK = ENGINE + "IngestShrinkIntegrationTest#";
    private static final String ORCHESTRATION = ENGINE + "OrchestrationIntegrationTest#";
    private static final String PROXY = ENGINE + "SearchProxyIntegrationTest#";
    private static final String VERIFY = ENGINE + "VerificationIntegrationTest#";
    private static final String MIX = ENGINE + "MixedRatioIntegrationTest#theRealisedMixFollowsTheRatiosOfOperationsNotOfBatches";
    private static final String PLAN = ENGINE + "RunPlanTest#";
    private static final String STEPS = ENGINE + "StepSettingsEffectTest#";
    private static final String TIMEOUTS = "io.vst.cli.TimeoutSettingsTest#";
    private static final String READER = "io.vst.scenario.yaml.ScenarioReaderTest#readsEveryPartOfTheModel";
    private static final String RUN_DIR = INGEST_SHRINK + "runDirectoryHasEveryFileAndCheckpointsCompare";
    private static final String LOOP = ORCHESTRATION + "loopRunsEveryIterationWithItsOwnNamesAndTags";
    private static final String CONDITIONAL = ORCHESTRATION + "conditionalTakesEachBranchAndRecordsWhich";
    private static final String RETRY = ORCHESTRATION + "aFailingStepIsRetriedAndSucceedsOnceTheCauseIsGone";
    private static final String PARALLEL = ORCHESTRATION + "parallelStepRunsItsChildrenTogetherWithAPeriodicCheckpoint";
    private static final String STABLE = ORCHESTRATION + "waitForMemoryStableEndsOnceMemoryHoldsStill";
    private static final String THRESHOLD = ORCHESTRATION + "memoryThresholdWithPauseHoldsTheWorkloadsUntilMemoryComesDown";
    private static final String RECREATE = PROXY + "anExistingIndexWithAnotherDefinitionIsAnErrorUnlessRecreateIsAsked";
    private static final String FIELDS = INGEST_SHRINK + "indexFieldsAreWrittenBesideEachVector";
    private static final String TARGETS = INGEST_SHRINK + "targetsAreAbsoluteAcrossSteps";

    /** Key (section.key) → the test that shows what it does. */
    private static final Map<String, String> EFFECT = new LinkedHashMap<>();

    static {
        put("scenario", RUN_DIR, "name", "description", "metadata");
        put("scenario", ENGINE + "DatasetFileIntegrationTest#threeTimesTheDatasetIngestsOriginalsPlusExpansionsWithTheRightKeys",
                "dataset");
        put("scenario", PLAN + "theScenarioTimeoutIsScaledWithThePlan", "timeout_seconds");
        put("scenario", PLAN + "configIsGlobalThenStepConfigThenParameters", "global_config");
        put("scenario", RECREATE, "index");
        put("scenario", TARGETS, "steps");
        put("global_config", SETTINGS + "nClientsPerThreadSetsTheConnectionsTheWorkersOpen", "n_threads",
                "n_clients_per_thread");
        put("global_config", SETTINGS + "redisPoolSizeCapsTheConnections", "n_clients", "redis_pool_size");
        put("global_config", SETTINGS + "maxBatchSizeCapsBatchesAndDetailedLoggingLogsEachOne", "batch_size",
                "max_batch_size", "enable_detailed_logging");
        put("global_config", RETRY, "max_retries", "retry_delay");
        put("global_config", SETTINGS + "detailedErrorReportingListsEachDistinctErrorWithItsFirstOccurrence",
                "continue_on_error", "detailed_error_reporting");
        put("global_config", ENGINE + "StopCleanlyIntegrationTest#exceedingMaxMemoryUsageStopsTheRun",
                "max_memory_usage_mb", "memory_warning_threshold");
        put("global_config", STABLE, "metrics_collection_interval");
        put("global_config", TIMEOUTS + "operationTimeoutEndsACommandThatTakesLongerAndNotOneThatIsFaster",
                "operation_timeout");
        put("global_config", TIMEOUTS + "connectionTimeoutBoundsTheConnectToAServerThatNeverAnswers",
                "connection_timeout");
        put("global_config", SETTINGS + "withoutConnectionPoolingEveryBatchOpensAConnection", "use_connection_pooling");
        put("global_config", SETTINGS + "verifyOperationsReadsWhatWasWrittenBack", "verify_operations");
        put("global_config", VERIFY + "verifyRemovalChecksNumDocsAndSkipVerificationSkipsIt", "skip_verification");
        put("index", RECREATE, "name", "algorithm", "dimensions", "m", "recreate_index");
        put("index", INGEST_SHRINK + "aFreshStartDeletesLeftoversWhileContinuingAdoptsThem", "prefix");
        put("index", FIELDS, "fields");
        put("global_config", ENGINE + "StepOutcomeIntegrationTest#theGlobalStepTimeoutEndsAStepThatHasNoTimeoutOfItsOwn",
                "step_timeout");
        put("index", ENGINE + "ModuleSettingsEffectTest#hnswIndexAndQuerySettingsReachTheModule", "distance_metric",
                "ef_construction", "ef_runtime", "initial_cap");
        put("index", ENGINE + "ModuleSettingsEffectTest#flatBlockSizeReachesTheModuleAndQueriesWithoutSettingsSendNone",
                "block_size");
        put("query", ENGINE + "ModuleSettingsEffectTest#hnswIndexAndQuerySettingsReachTheModule", "ef_runtime",
                "nocontent");
        put("query", ENGINE + "RecallUnderChurnIntegrationTest#filteredRecallIsMeasuredOverTheVectorsThatPassTheFilter",
                "filter");
        put("index_field", FIELDS, "name", "type", "source");
        put("step", TARGETS, "name", "type", "parameters");
        put("step", READER, "description");
        put("step", PLAN + "configIsGlobalThenStepConfigThenParameters", "config");
        put("step", ORCHESTRATION + "aStepThatRunsOutOfTimeStopsWithinTwoSecondsAndFailsTheRun", "duration_seconds",
                "timeout_seconds");
        put("step", VERIFY + "aMixedStepWithoutQueriesRunsOnPlainValkeyAndOneWithQueriesIsRefusedBeforeItStarts",
                "max_operations");
        put("step", RETRY, "error_handling");
        put("step", ORCHESTRATION + "onPreviousErrorStepRunsAfterAFailureThatIsContinued", "trigger");
        put("step", PLAN + "datasetAndIndexResolveFromStepThenScenarioThenDefaults", "dataset", "index");
        put("error_handling", RETRY, "on_failure", "max_retries", "retry_delay");
        put("condition", CONDITIONAL, "metric", "operator", "value");
        put("workload_step", TARGETS, "workload");
        put("checkpoint", PARALLEL, "interval_seconds");
        put("checkpoint", RUN_DIR, "collect_full_metrics", "force_gc", "analyze_fragmentation", "generate_report",
                "compare_with");
        put("checkpoint", LOOP, "tag");
        put("checkpoint", "io.vst.scenario.validate.BuiltinScenariosTest#quickstartIsSmallAndUsesSyntheticVectors",
                "detect_memory_leaks");
        put("checkpoint", ORCHESTRATION + "bottleneckAnalysisNamesTheServerCpuAndTheSlowestOperation",
                "analyze_bottlenecks");
        put("checkpoint", ORCHESTRATION + "insufficientMemoryFailsTheCheckpoint", "check_available_memory",
                "min_available_mb");
        put("checkpoint", THRESHOLD, "memory_threshold_mb", "action_on_threshold");
        put("wait", STEPS + "stabilityTolerancePercentDecidesWhetherASwingingMemoryIsStable",
                "stability_tolerance_percent");
        put("cleanup", STEPS + "forceCleanupPurgesMemoryAfterItsDeletes", "force_cleanup");
        put("checkpoint", STEPS + "analyzeMemoryTrendsFitsTheGrowthAndGeneratePerformanceReportWritesAReport",
                "analyze_memory_trends", "generate_performance_report");
        put("wait", STABLE, "duration_seconds", "reason", "wait_for_memory_stable", "memory_stability_window",
                "max_wait_seconds");
        put("cleanup", INGEST_SHRINK + "foreignKeysAreNeverTouched", "cleanup_type");
        put("cleanup", INGEST_SHRINK + "cleanupWithoutPreservingConnectionsClosesTheIdleOnes", "preserve_connections");
        put("conditional", CONDITIONAL, "condition", "if_true", "if_false");
        put("parallel", PARALLEL, "steps");
        put("loop", LOOP, "iterations", "steps");
        put("ingest", TARGETS, "target_vectors", "batch_size");
        put("ingest", ENGINE + "ShuffleIntegrationTest#aShuffledSyntheticIngestWritesEachRowOnceInASeededOrder",
                "shuffle", "seed", "start_index");
        put("ingest", VERIFY + "validateIngestionPassesWhenTheIndexCountsEveryVectorAndFailsWhenItDoesNot",
                "validate_ingestion");
        put("ingest", ENGINE + "DatasetFileIntegrationTest#threeTimesTheDatasetIngestsOriginalsPlusExpansionsWithTheRightKeys",
                "dataset");
        put("query", ENGINE + "QuerySettingsEffectTest#returnFieldsAndQueryVectorsShapeEverySearch", "query_vectors",
                "return_fields");
        put("query", ENGINE + "QuerySettingsEffectTest#expandedQueriesAreTheBaseQueriesShiftedLikeTheExpandedData",
                "use_expanded_queries");
        put("query", PROXY + "openLoopRateHoldsAndAStallShowsInTheTail", "query_k", "queries_per_second");
        put("query", PROXY + "flatIndexRecallIsExactThroughGrowShrinkRegrow", "verify_results", "recall_sample_rate");
        put("shrink", TARGETS, "target_vectors", "removal_strategy");
        put("shrink", INGEST_SHRINK + "oldestAndNewestRemoveByInsertionOrder", "batch_size");
        put("shrink", VERIFY + "verifyRemovalChecksNumDocsAndSkipVerificationSkipsIt", "verify_removal");
        put("update", INGEST_SHRINK + "updateRewritesVectorsWithoutChangingTheLiveCount", "update_vectors",
                "batch_size", "selection");
        put("mixed", ENGINE + "MixedLimitsIntegrationTest#maxVectorsStopsIngestsAtThatManyLiveVectors", "max_vectors");
        put("mixed", ENGINE + "MixedLimitsIntegrationTest#targetOpsPerSecondPacesOperationsNotBatches",
                "target_ops_per_second");
        put("mixed", MIX, "ingest_ratio", "query_ratio", "update_ratio", "delete_ratio", "query_k",
                "ingest_batch_size", "query_batch_size");
    }

    private static void put(String section, String test, String... keys) {
        for (String k : keys) {
            EFFECT.put(section + "." + k, test);
        }
    }

    /** Every key of the language as section.key, from the registry itself. */
    private static Set<String> schemaKeys() {
        SchemaRegistry r = SchemaRegistry.builtin();
        Set<String> out = new LinkedHashSet<>();
        add(out, "scenario", r.scenarioKeys());
        add(out, "global_config", r.globalConfigKeys());
        add(out, "index", r.indexKeys());
        add(out, "index_field", r.indexFieldKeys());
        add(out, "step", BuiltinSchema.commonStepKeys());
        add(out, "error_handling", r.errorHandlingKeys());
        add(out, "condition", r.conditionKeys());
        Set<String> common = new LinkedHashSet<>();
        BuiltinSchema.commonStepKeys().forEach(p -> common.add(p.key()));
        for (StepType t : StepType.values()) {
            StepTypeSpec spec = r.stepType(t);
            String section = t == StepType.WORKLOAD ? "workload_step" : t.yamlName();
            add(out, section, spec.stepKeys().stream().filter(p -> !common.contains(p.key())).toList());
            add(out, t.yamlName(), spec.parameters());
        }
        for (WorkloadSpec w : r.workloads()) {
            add(out, w.name(), w.parameters());
        }
        return out;
    }

    private static void add(Set<String> out, String section, List<ParamSpec> keys) {
        keys.forEach(p -> out.add(section + "." + p.key()));
    }

    /** The keys vst warns about, as section.key, with the value that draws the warning. */
    private static Map<String, BuiltinSchema.NoEffect> warned() {
        Map<String, BuiltinSchema.NoEffect> out = new LinkedHashMap<>();
        BuiltinSchema.configKeysWithoutEffect().forEach(k -> out.put("global_config." + k.key(), k));
        for (String section : List.of("checkpoint", "wait", "cleanup", "ingest", "query", "shrink", "update", "mixed")) {
            BuiltinSchema.parametersWithoutEffect(section).forEach(k -> out.put(section + "." + k.key(), k));
        }
        return out;
    }

    @Test
    void everyKeyHasAnEffectTestOrAWarning() {
        Map<String, BuiltinSchema.NoEffect> warned = warned();
        List<String> neither = new ArrayList<>();
        for (String key : schemaKeys()) {
            if (!EFFECT.containsKey(key) && !warned.containsKey(key)) {
                neither.add(key);
            }
        }
        assertThat(neither).as("keys with neither an effect test nor a warning").isEmpty();
        Set<String> all = schemaKeys();
        assertThat(EFFECT.keySet()).as("effect tests for keys the schema does not have").isSubsetOf(all);
        assertThat(warned.keySet()).isSubsetOf(all);
    }

    @Test
    void everyNamedEffectTestExists() throws ReflectiveOperationException {
        List<String> missing = new ArrayList<>();
        for (String test : new LinkedHashSet<>(EFFECT.values())) {
            String[] parts = test.split("#");
            Class<?> type = Class.forName(parts[0]);
            Method m = null;
            for (Method candidate : type.getDeclaredMethods()) {
                boolean runs = candidate.isAnnotationPresent(Test.class)
                        || candidate.isAnnotationPresent(org.junit.jupiter.params.ParameterizedTest.class);
                if (candidate.getName().equals(parts[1]) && runs) {
                    m = candidate;
                }
            }
            if (m == null) {
                missing.add(test);
            }
        }
        assertThat(missing).as("named effect tests that are not @Test or @ParameterizedTest methods").isEmpty();
    }

    @Test
    void everyKeyWithoutEffectIsWarnedAboutAtItsLine() {
        for (Map.Entry<String, BuiltinSchema.NoEffect> e : warned().entrySet()) {
            String section = e.getKey().substring(0, e.getKey().indexOf('.'));
            BuiltinSchema.NoEffect k = e.getValue();
            String value = k.value() == null ? "5" : String.valueOf(k.value());
            String yaml = switch (section) {
                case "global_config" -> "name: s\ndataset: synthetic-8\nglobal_config:\n  " + k.key() + ": " + value
                        + "\nsteps:\n  - name: load\n    type: workload\n    workload: ingest\n"
                        + "    parameters: {target_vectors: 10}\n";
                case "checkpoint" -> "name: s\ndataset: synthetic-8\nsteps:\n  - name: cp\n    type: checkpoint\n"
                        + "    parameters:\n      " + k.key() + ": " + value + "\n";
                default -> "name: s\ndataset: synthetic-8\nsteps:\n  - name: load\n    type: workload\n    workload: ingest\n"
                        + "    parameters: {target_vectors: 10}\n  - name: w\n    type: workload\n    workload: " + section
                        + "\n    duration_seconds: 1\n    parameters:\n      " + k.key() + ": " + value + "\n";
            };
            int line = yaml.substring(0, yaml.indexOf(k.key() + ":")).split("\n", -1).length;
            ParseResult parsed = ScenarioReader.read(yaml, "s.yaml");
            List<Diagnostic> found = new ScenarioValidator(SchemaRegistry.builtin(), ValidationOptions.defaults())
                    .validate(parsed);
            assertThat(found).as(e.getKey() + " in\n" + yaml).anyMatch(d -> d.severity() == Severity.WARNING
                    && d.span().line() == line && d.message().contains("'" + k.key() + "'")
                    && d.message().contains("has no effect") && d.hint() != null && !d.hint().isBlank());
            // The same key at a value vst honours draws no such warning.
            if (k.value() instanceof Boolean b) {
                List<Diagnostic> honoured = new ScenarioValidator(SchemaRegistry.builtin(), ValidationOptions.defaults())
                        .validate(ScenarioReader.read(yaml.replace(k.key() + ": " + value, k.key() + ": " + !b), "s.yaml"));
                assertThat(honoured).as(e.getKey()).noneMatch(d -> d.message().contains("has no effect"));
            }
        }
    }
}
