package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.metrics.CheckpointResult;
import io.vst.rundir.LogLevel;
import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepStatus;
import io.vst.rundir.StepRecord;
import io.vst.testsupport.SearchTarget;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.ValkeyEndpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Parallel, loop, conditional, error handling and timeouts running on a real server. */
class OrchestrationIntegrationTest {

    private static ValkeyTestServer server;
    private static ValkeyClient admin;

    @TempDir
    Path out;

    @BeforeAll
    static void start() {
        server = ValkeyTestServer.start();
        admin = ValkeyClient.connect(server.endpoint(), 2);
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void reset() {
        admin.command("FLUSHALL");
        admin.command("CONFIG", "SET", "maxmemory", "0");
    }

    private RunResult run(String yaml, RunListener... listeners) {
        return EngineHarness.run(yaml, server.endpoint(), server.pid(), out, listeners);
    }

    private static Map<String, StepRecord> byName(RunResult r) {
        return r.steps().stream().collect(Collectors.toMap(StepRecord::name, Function.identity(), (a, b) -> b));
    }

    @Test
    void loopRunsEveryIterationWithItsOwnNamesAndTags() {
        RunResult r = run("""
                name: loop
                dataset: synthetic-8
                steps:
                  - name: load_test_loop
                    type: loop
                    iterations: 3
                    steps:
                      - name: load_iteration
                        type: workload
                        workload: ingest
                        parameters:
                          target_vectors: 300
                      - name: check_iteration
                        type: checkpoint
                        parameters:
                          collect_full_metrics: true
                          tag: "iteration_${loop_index}"
                """);
        assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(r.checkpoints()).extracting(CheckpointResult::tag)
                .containsExactly("iteration_0", "iteration_1", "iteration_2");
        assertThat(r.checkpoints()).extracting(CheckpointResult::name).doesNotHaveDuplicates();
        List<StepRecord> loads = r.steps().stream().filter(s -> s.workload().equals("ingest")).toList();
        assertThat(loads).extracting(StepRecord::operations).containsExactly(300L, 0L, 0L);
        assertThat(loads).extracting(StepRecord::name).doesNotHaveDuplicates();
        assertThat(byName(r)).containsKey("load_test_loop");
    }

    @Test
    void conditionalTakesEachBranchAndRecordsWhich() {
        String yaml = """
                name: cond
                dataset: synthetic-8
                steps:
                  - name: initial_load
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 100}
                  - name: check
                    type: conditional
                    condition:
                      metric: live_vectors
                      operator: %s
                      value: 50
                    if_true:
                      - name: more_data
                        type: workload
                        workload: ingest
                        parameters: {target_vectors: 200}
                    if_false:
                      - name: memory_cleanup
                        type: cleanup
                        parameters: {cleanup_type: partial}
                """;
        RunResult yes = run(String.format(Locale.ROOT, yaml, "greater_than"));
        assertThat(yes.outcome()).as(yes.message()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(byName(yes)).containsKey("more_data").doesNotContainKey("memory_cleanup");
        assertThat(byName(yes).get("check").detail()).startsWith("if_true taken (live_vectors = 100 greater_than 50");
        assertThat(admin.dbSize()).isEqualTo(200);
        admin.command("FLUSHALL");
        RunResult no = run(String.format(Locale.ROOT, yaml, "less_or_equal"));
        assertThat(byName(no)).containsKey("memory_cleanup").doesNotContainKey("more_data");
        assertThat(byName(no).get("check").detail()).startsWith("if_false taken");
        assertThat(admin.dbSize()).isZero();
    }

    @Test
    void aFailingStepIsRetriedAndSucceedsOnceTheCauseIsGone() {
        admin.command("CONFIG", "SET", "maxmemory", "1mb");
        RunListener fixer = new RunListener() {
            @Override
            public void stepFinished(PlannedStep step, StepRecord record) {
                if (record.name().equals("risky_operation") && record.status() != StepStatus.OK) {
                    admin.command("CONFIG", "SET", "maxmemory", "0");
                }
            }
        };
        RunResult r = run("""
                name: retry
                dataset: synthetic-64
                global_config: {batch_size: 200}
                steps:
                  - name: risky_operation
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 20000}
                    error_handling:
                      on_failure: retry
                      max_retries: 3
                      retry_delay: 0.1
                  - name: cleanup_on_error
                    type: cleanup
                    trigger: on_previous_error
                    parameters: {cleanup_type: partial}
                """, fixer);
        assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
        List<StepRecord> attempts = r.steps().stream().filter(s -> s.name().equals("risky_operation")).toList();
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).status()).isEqualTo(StepStatus.FAILED);
        assertThat(attempts.get(0).detail()).containsIgnoringCase("maxmemory");
        assertThat(attempts.get(1).status()).isEqualTo(StepStatus.OK);
        assertThat(attempts.get(1).detail()).contains("attempt 2");
        assertThat(byName(r).get("cleanup_on_error").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(admin.dbSize()).isEqualTo(20000);
    }

    @Test
    void onPreviousErrorStepRunsAfterAFailureThatIsContinued() {
        admin.command("CONFIG", "SET", "maxmemory", "1mb");
        RunResult r = run("""
                name: cont
                dataset: synthetic-64
                global_config: {batch_size: 200}
                steps:
                  - name: risky_operation
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 50000}
                    error_handling:
                      on_failure: continue
                      max_retries: 0
                  - name: cleanup_on_error
                    type: cleanup
                    trigger: on_previous_error
                    parameters: {cleanup_type: partial}
                """);
        assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(byName(r).get("risky_operation").status()).isEqualTo(StepStatus.FAILED);
        assertThat(byName(r).get("cleanup_on_error").status()).isEqualTo(StepStatus.OK);
        assertThat(admin.dbSize()).isZero();
    }

    @Test
    void aStepThatRunsOutOfTimeStopsWithinTwoSecondsAndFailsTheRun() {
        RunResult r = run("""
                name: slow
                dataset: synthetic-128
                global_config: {n_threads: 2, n_clients: 2, batch_size: 100}
                steps:
                  - name: long_running_step
                    type: workload
                    workload: ingest
                    timeout_seconds: 1
                    parameters: {target_vectors: 50000000}
                  - name: never
                    type: wait
                    parameters: {duration_seconds: 1}
                """);
        assertThat(r.outcome()).isEqualTo(RunOutcome.FAILED);
        StepRecord slow = byName(r).get("long_running_step");
        assertThat(slow.status()).isEqualTo(StepStatus.TIMEOUT);
        assertThat(slow.detail()).startsWith("Step timeout after 1 seconds; added ");
        assertThat(slow.operations()).isPositive();
        assertThat(slow.durationSeconds()).isLessThan(3.0);
        assertThat(r.message()).contains("Step timeout after 1 seconds");
        assertThat(byName(r)).doesNotContainKey("never");
    }

    @Test
    void waitForMemoryStableEndsOnceMemoryHoldsStill() {
        RunResult r = run("""
                name: w
                dataset: synthetic-8
                global_config: {metrics_collection_interval: 0.1}
                steps:
                  - name: stabilization_wait
                    type: wait
                    parameters:
                      duration_seconds: 60
                      reason: "Memory stabilization"
                      wait_for_memory_stable: true
                      memory_stability_window: 1
                      max_wait_seconds: 20
                """);
        assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
        StepRecord w = r.steps().get(0);
        assertThat(w.detail()).startsWith("memory stable").contains("Memory stabilization");
        assertThat(w.durationSeconds()).isLessThan(10);
    }

    @Test
    void insufficientMemoryFailsTheCheckpoint() {
        RunResult r = run("""
                name: mem
                dataset: synthetic-8
                steps:
                  - name: memory_check
                    type: checkpoint
                    parameters:
                      check_available_memory: true
                      min_available_mb: 100000000
                """);
        assertThat(r.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(r.steps().get(0).detail()).startsWith("Insufficient memory for operation");
    }

    @ParameterizedTest
    @EnumSource(SearchTarget.Kind.class)
    void parallelStepRunsItsChildrenTogetherWithAPeriodicCheckpoint(SearchTarget.Kind kind) {
        try (SearchTarget target = kind.start()) {
            ValkeyEndpoint ep = target.endpoint();
            RunResult r = EngineHarness.run("""
                    name: par
                    dataset: synthetic-8
                    index: {algorithm: FLAT}
                    steps:
                      - name: seed
                        type: workload
                        workload: ingest
                        parameters: {target_vectors: 200}
                      - name: parallel_operations
                        type: parallel
                        steps:
                          - name: ingest_thread
                            type: workload
                            workload: ingest
                            parameters: {target_vectors: 3000}
                          - name: query_thread
                            type: workload
                            workload: query
                            duration_seconds: 3.5
                            parameters: {query_k: 10}
                          - name: monitoring_thread
                            type: checkpoint
                            interval_seconds: 1
                            parameters: {collect_memory_metrics: true}
                    """, ep, -1, out);
            assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
            Map<String, StepRecord> steps = byName(r);
            assertThat(steps.get("ingest_thread").operations()).isEqualTo(2800);
            assertThat(steps.get("query_thread").operations()).isPositive();
            List<CheckpointResult> monitors = r.checkpoints().stream()
                    .filter(c -> c.name().startsWith("monitoring_thread#")).toList();
            StepRecord par = steps.get("parallel_operations");
            // One snapshot a second while the parallel group runs (3.5 s or longer when the machine is slow).
            double seconds = java.time.Duration.between(par.startedAt(), par.endedAt()).toMillis() / 1000.0;
            assertThat(monitors.size()).as("%.1f s of parallel work", seconds)
                    .isBetween((int) Math.floor(seconds) - 1, (int) Math.ceil(seconds) + 1);
            StepRecord q = steps.get("query_thread");
            assertThat(par.endedAt()).isAfterOrEqualTo(q.endedAt());
            assertThat(q.startedAt()).isBefore(steps.get("ingest_thread").endedAt());
        }
    }

    @Test
    void bottleneckAnalysisNamesTheServerCpuAndTheSlowestOperation() {
        RunResult r = run("""
                name: bottle
                dataset: synthetic-64
                global_config: {batch_size: 200}
                steps:
                  - name: load
                    type: workload
                    workload: ingest
                    parameters: {target_vectors: 20000}
                  - name: resource_checkpoint
                    type: checkpoint
                    parameters:
                      collect_full_metrics: true
                      analyze_bottlenecks: true
                """);
        assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
        List<String> notes = r.checkpoints().get(0).notes();
        assertThat(notes).anyMatch(n -> n.startsWith("bottleneck: server main thread at"));
        assertThat(notes).anyMatch(n -> n.startsWith("server process RSS"));
        assertThat(r.checkpoints().get(0).raw()).containsKey("info_cpu");
    }

    @Test
    void memoryThresholdWithPauseHoldsTheWorkloadsUntilMemoryComesDown() throws Exception {
        java.util.concurrent.atomic.AtomicLong progress = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean filled = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.List<long[]> pauses = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<String> resumes = new java.util.concurrent.CopyOnWriteArrayList<>();
        RunListener watcher = new RunListener() {
            @Override
            public void stepProgress(PlannedStep step, long done, long target, double fraction) {
                if (step.name().equals("ingest_thread")) {
                    progress.set(done);
                    if (done > 0 && filled.compareAndSet(false, true)) {
                        // 96 MiB beside vst's keys, once its first batch is in: the next reading is far above
                        // the threshold, so the pause cannot end early on a small fall of used_memory (a
                        // finished rehash, a drained buffer) near it; vst's own keys stay under it throughout.
                        new Thread(() -> admin.command("SETRANGE", FILLER, String.valueOf(96 * 1024 * 1024 - 1),
                                "x"), "test-memory-filler").start();
                    }
                }
            }

            @Override
            public void log(LogLevel level, String message) {
                if (message.contains("resuming")) {
                    resumes.add(message);
                }
                if (message.contains("action pause")) {
                    Thread t = new Thread(() -> {
                        try {
                            // Let the batches in flight come back, then watch the pause hold.
                            Thread.sleep(300);
                            long held = progress.get();
                            Thread.sleep(1000);
                            pauses.add(new long[] {held, progress.get(), resumes.size()});
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        admin.command("DEL", FILLER);
                    }, "test-memory-relief");
                    t.start();
                }
            }
        };
        RunResult r = run("""
                name: pause
                dataset: synthetic-8
                # Batches of 3, one connection: about 3 s of writes. With a warm JIT, batches of 10 wrote the
                # 300,000 vectors in under a second, before the monitor's second reading, and nothing paused.
                global_config: {batch_size: 3, n_threads: 1, n_clients: 1}
                steps:
                  - name: parallel_operations
                    type: parallel
                    steps:
                      - name: ingest_thread
                        type: workload
                        workload: ingest
                        parameters: {target_vectors: 300000}
                      - name: memory_monitor
                        type: checkpoint
                        interval_seconds: 1
                        parameters:
                          collect_memory_metrics: true
                          memory_threshold_mb: 64
                          action_on_threshold: pause
                """, watcher);
        assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(pauses).isNotEmpty();
        long[] first = pauses.get(0);
        // Nothing but the relief (the filler's DEL, after the watch) brought memory down: the pause held throughout.
        assertThat(first[2]).as("resumed before the relief: %s", resumes).isZero();
        // While paused, the ingest is held at a pause point: not one more batch goes out.
        assertThat(first[1] - first[0]).isZero();
        assertThat(first[0]).as("the pause came in the middle of the ingest").isBetween(1L, 299_999L);
        assertThat(resumes).first().asString().startsWith("memory back under the threshold");
        assertThat(r.steps().stream().filter(s -> s.name().equals("ingest_thread")).findFirst().orElseThrow()
                .operations()).isEqualTo(300000);
        assertThat(pauses).as("one pause: vst's own keys stay under the threshold").hasSize(1);
        assertThat(admin.command("DBSIZE")).isEqualTo("300000");
    }

    private static final String FILLER = "orchestration-test:filler";
}
