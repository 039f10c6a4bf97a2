package io.vst.engine;

import io.vst.scenario.ErrorHandling;
import io.vst.scenario.GlobalConfig;
import io.vst.scenario.OnFailure;

/**
 * A step's error handling with every fallback resolved: the step's {@code error_handling} wins, else its
 * merged config ({@code continue_on_error}, {@code max_retries}, {@code retry_delay}).
 *
 * <pre>{@code
 * // error_handling: {on_failure: retry, max_retries: 2}, retry_delay from global_config 10 s, --time-scale 0.5
 * policy.attempts();               // 3
 * policy.retryDelaySeconds();      // 5.0
 * }</pre>
 *
 * @param onFailure what a failure does: continue, stop the run, or retry
 * @param maxRetries retries after the first attempt when {@code onFailure} is retry
 * @param retryDelaySeconds pause before each retry, already scaled by {@code --time-scale}
 * @param continuesAfterRetries whether a failure that outlives its retries lets the run go on
 */
public record RetryPolicy(OnFailure onFailure, int maxRetries, double retryDelaySeconds,
                          boolean continuesAfterRetries) {

    /**
     * Resolves the policy of a step.
     *
     * @param eh the step's error_handling, or null
     * @param config the step's merged config, its durations already scaled
     * @param timeScale {@code --time-scale}, applied to the step's own retry_delay only
     */
    static RetryPolicy resolve(ErrorHandling eh, GlobalConfig config, double timeScale) {
        OnFailure policy = eh != null && eh.onFailure() != null ? eh.onFailure()
                : (config.continueOnError() ? OnFailure.CONTINUE : OnFailure.STOP);
        int retries = eh != null && eh.maxRetries() != null ? eh.maxRetries() : config.maxRetries();
        double delay = eh != null && eh.retryDelay() != null ? eh.retryDelay() * timeScale : config.retryDelay();
        return new RetryPolicy(policy, retries, delay, config.continueOnError());
    }

    /** Attempts in all: the first and, under retry, each retry. */
    public int attempts() {
        return onFailure == OnFailure.RETRY ? maxRetries + 1 : 1;
    }

    /** Whether the run goes on after the step has failed for good. */
    public boolean continuesAfterFailure() {
        return onFailure == OnFailure.CONTINUE || (onFailure == OnFailure.RETRY && continuesAfterRetries);
    }
}
