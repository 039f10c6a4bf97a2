package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.rundir.StepStatus;
import io.vst.rundir.StepRecord;
import io.vst.testsupport.ValkeyTestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --time-scale} scales every duration of a run, also the retry delay and the hold of an
 * {@code action_on_threshold: pause}; the times are measured on the test's own clock.
 */
@Timeout(60)
class TimeScaleIntegrationTest {

    @TempDir
    Path out;

    @Test
    void retryDelaysAreScaled() {
        RunPlan plan = EngineHarness.plan("""
                name: retries
                global_config: {retry_delay: 10}
                steps:
                  - name: w
                    type: wait
                    parameters: {duration_seconds: 1}
                """, new PlanOptions(0.1, null));
        assertThat(plan.steps().get(0).config().retryDelay()).isEqualTo(1.0);
    }

    @Test
    void aStepIsRetriedAfterItsRetryDelayTimesTheTimeScale() {
        try (ValkeyTestServer server = ValkeyTestServer.start()) {
            List<Long> starts = new CopyOnWriteArrayList<>();
            RunListener clock = new RunListener() {
                @Override
                public void stepStarted(PlannedStep step) {
                    starts.add(System.nanoTime());
                }
            };
            RunPlan plan = EngineHarness.plan("""
                    name: retry
                    steps:
                      - name: needs_room
                        type: checkpoint
                        error_handling: {on_failure: retry, max_retries: 1, retry_delay: 8}
                        parameters: {min_available_mb: 1000000000}
                    """, new PlanOptions(0.25, null));
            RunResult r = EngineHarness.run(plan, server.endpoint(), server.pid(), out, clock);
            assertThat(r.steps()).extracting(StepRecord::status).containsExactly(StepStatus.FAILED, StepStatus.FAILED);
            assertThat(starts).hasSize(2);
            // 8 s × 0.25 = 2 s between the attempts, not 8
            assertThat((starts.get(1) - starts.get(0)) / 1e9).isBetween(2.0, 4.0);
        }
    }

    @Test
    void aMemoryThresholdPauseHoldsFiveMinutesTimesTheTimeScale() {
        try (ValkeyTestServer server = ValkeyTestServer.start()) {
            RunPlan plan = EngineHarness.plan("""
                    name: hold
                    steps:
                      - name: over
                        type: checkpoint
                        parameters: {memory_threshold_mb: 0.01, action_on_threshold: pause}
                    """, new PlanOptions(0.01, null));
            long t0 = System.nanoTime();
            RunResult r = EngineHarness.run(plan, server.endpoint(), server.pid(), out);
            double wall = (System.nanoTime() - t0) / 1e9;
            StepRecord over = r.steps().get(0);
            // 300 s × 0.01 = 3 s of holding, not 300
            assertThat(over.durationSeconds()).isBetween(3.0, 6.0);
            assertThat(wall).isLessThan(20);
        }
    }
}
