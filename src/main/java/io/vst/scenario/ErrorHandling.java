package io.vst.scenario;

/**
 * A step's {@code error_handling} block. A failed step is retried {@code maxRetries} times (waiting
 * {@code retryDelay} seconds between tries); if it still fails, {@link OnFailure#CONTINUE} goes on with the
 * next step and {@link OnFailure#STOP} and {@link OnFailure#RETRY} stop the run. When {@code maxRetries} is
 * absent, RETRY uses global_config max_retries and CONTINUE / STOP do not retry. The guide's
 * {@code on_failure: continue, max_retries: 3} therefore means "try up to four times, then move on".
 *
 * @param maxRetries {@code null} = global_config max_retries
 * @param retryDelay seconds; {@code null} = global_config retry_delay
 */
public record ErrorHandling(OnFailure onFailure, Integer maxRetries, Double retryDelay) {
}
