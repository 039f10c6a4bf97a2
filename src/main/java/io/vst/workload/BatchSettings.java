package io.vst.workload;

import io.vst.scenario.GlobalConfig;

/**
 * How a step runs its batches through {@link BatchEngine}.
 *
 * @param pooling reuse connections between batches ({@code use_connection_pooling}); off, every batch
 *     is sent on a connection opened for it and closed after its replies
 * @param detailedLogging log every batch at DEBUG ({@code enable_detailed_logging})
 * @param detailedErrors keep every distinct error with its first occurrence ({@code detailed_error_reporting})
 */
record BatchSettings(String operation, Connections connections, int batchSize, int maxRetries,
                     double retryDelaySeconds, boolean continueOnError, int bytesPerCommand, boolean pooling,
                     boolean detailedLogging, boolean detailedErrors) {

    /**
     * The settings of the running step: its connections, its batch size ({@code batchKey} of the
     * parameters, else config {@code batch_size}) capped at {@code max_batch_size}, and its config flags.
     */
    static BatchSettings of(WorkloadContext ctx, String operation, String batchKey, int bytesPerCommand) {
        GlobalConfig c = ctx.config();
        int batch = capped(c, ctx.parameters().getInt(batchKey, c.batchSize()));
        return new BatchSettings(operation, Connections.of(c), batch, c.maxRetries(), c.retryDelay(),
                c.continueOnError(), bytesPerCommand, c.useConnectionPooling(), c.enableDetailedLogging(),
                c.detailedErrorReporting());
    }

    /** {@code asked} capped at {@code max_batch_size} (and at least 1). */
    static int capped(GlobalConfig c, int asked) {
        return Math.max(1, Math.min(asked, c.maxBatchSize()));
    }
}
