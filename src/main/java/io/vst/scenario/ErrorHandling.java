package io.vst.scenario;

/**
 * A step's {@code error_handling} block.
 *
 * @param maxRetries {@code null} = global_config max_retries
 * @param retryDelay seconds; {@code null} = global_config retry_delay
 */
public record ErrorHandling(OnFailure onFailure, Integer maxRetries, Double retryDelay) {
}
