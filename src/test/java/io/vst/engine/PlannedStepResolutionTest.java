package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.scenario.OnFailure;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A planned step carries its error handling and timeout resolved once: the step's own value wins over
 * global_config, and {@code --time-scale} is applied exactly once to either. The expected figures are
 * worked out by hand from the YAML below.
 */
class PlannedStepResolutionTest {

    private static final String YAML = """
            name: resolution
            global_config: {max_retries: 4, retry_delay: 10, step_timeout: 100, continue_on_error: false}
            steps:
              - name: own
                type: wait
                timeout_seconds: 20
                error_handling: {on_failure: retry, max_retries: 2, retry_delay: 6}
                parameters: {duration_seconds: 1}
              - name: inherits
                type: wait
                parameters: {duration_seconds: 1}
              - name: keeps_going
                type: wait
                config: {continue_on_error: true}
                parameters: {duration_seconds: 1}
              - name: retries_then_goes_on
                type: wait
                config: {continue_on_error: true}
                error_handling: {on_failure: retry}
                parameters: {duration_seconds: 1}
            """;

    private static Map<String, PlannedStep> steps(double timeScale) {
        return EngineHarness.plan(YAML, new PlanOptions(timeScale, null)).steps().stream()
                .collect(Collectors.toMap(PlannedStep::name, Function.identity()));
    }

    @Test
    void theStepsOwnErrorHandlingWinsAndIsScaledOnce() {
        PlannedStep own = steps(0.5).get("own");
        // retry_delay 6 s × 0.5, not 6 (unscaled) nor 1.5 (scaled twice)
        assertThat(own.retry()).isEqualTo(new RetryPolicy(OnFailure.RETRY, 2, 3.0, false));
        assertThat(own.retry().attempts()).isEqualTo(3);
        assertThat(own.retry().continuesAfterFailure()).isFalse();
    }

    @Test
    void withoutErrorHandlingGlobalConfigGovernsScaledOnce() {
        PlannedStep inherits = steps(0.5).get("inherits");
        // global retry_delay 10 s × 0.5, not 2.5
        assertThat(inherits.retry()).isEqualTo(new RetryPolicy(OnFailure.STOP, 4, 5.0, false));
        assertThat(inherits.retry().attempts()).isEqualTo(1);
    }

    @Test
    void continueOnErrorMeansContinueAndGoingOnAfterRetries() {
        Map<String, PlannedStep> s = steps(1.0);
        assertThat(s.get("keeps_going").retry()).isEqualTo(new RetryPolicy(OnFailure.CONTINUE, 4, 10.0, true));
        assertThat(s.get("keeps_going").retry().continuesAfterFailure()).isTrue();
        assertThat(s.get("retries_then_goes_on").retry()).isEqualTo(new RetryPolicy(OnFailure.RETRY, 4, 10.0, true));
        assertThat(s.get("retries_then_goes_on").retry().continuesAfterFailure()).isTrue();
    }

    @Test
    void theTimeoutIsTheStepsElseTheGlobalStepTimeoutScaledOnce() {
        Map<String, PlannedStep> s = steps(0.5);
        assertThat(s.get("own").timeoutSeconds()).isEqualTo(10.0);
        assertThat(s.get("inherits").timeoutSeconds()).isEqualTo(50.0);
        Map<String, PlannedStep> none = EngineHarness.plan("""
                name: no_timeouts
                steps:
                  - name: w
                    type: wait
                    parameters: {duration_seconds: 1}
                """, new PlanOptions(0.5, null)).steps().stream()
                .collect(Collectors.toMap(PlannedStep::name, Function.identity()));
        assertThat(none.get("w").timeoutSeconds()).as("no timeout anywhere: none").isEqualTo(0.0);
    }

    @Test
    void theWorkloadsConfigCarriesTheStepsRetriesScaledOnce() {
        Map<String, PlannedStep> s = steps(0.5);
        // the workload's own retries of transient errors follow the step's error_handling
        assertThat(s.get("own").config().maxRetries()).isEqualTo(2);
        assertThat(s.get("own").config().retryDelay()).isEqualTo(3.0);
        assertThat(s.get("inherits").config().maxRetries()).isEqualTo(4);
        assertThat(s.get("inherits").config().retryDelay()).isEqualTo(5.0);
    }

    @Test
    void thePlanChecksWarnAgainstTheTimeoutTheRunnerWillApply() {
        RunPlan plan = EngineHarness.plan("""
                name: checks
                global_config: {step_timeout: 3}
                steps:
                  - name: too_long_for_its_own
                    type: wait
                    timeout_seconds: 5
                    parameters: {duration_seconds: 10}
                  - name: too_long_for_the_global
                    type: wait
                    parameters: {duration_seconds: 10}
                  - name: fits
                    type: wait
                    timeout_seconds: 20
                    parameters: {duration_seconds: 10}
                """, PlanOptions.defaults());
        List<String> warnings = RunPlanChecks.check(plan, false).stream().map(d -> d.message()).toList();
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("'too_long_for_its_own'").contains("of 5 s"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("'too_long_for_the_global'").contains("of 3 s"));
        assertThat(warnings).noneSatisfy(w -> assertThat(w).contains("'fits'"));
    }
}
