package io.vst.valkey;

/**
 * Connection pool and protocol settings of a {@link ValkeyClient}.
 *
 * @param poolSize connections per server node; {@code n_threads} workers share them (a worker waits for a
 *     free connection when all are busy)
 * @param resp3 speak RESP3 (the default) instead of RESP2
 */
public record ClientSettings(int poolSize, int connectTimeoutMillis, int socketTimeoutMillis, boolean resp3) {

    public ClientSettings {
        if (poolSize < 1) {
            throw io.vst.VstException.invalidInput("Connection pool size must be at least 1, got " + poolSize,
                    "set n_clients to 1 or more");
        }
    }

    /**
     * {@code poolSize} connections with a scenario's {@code connection_timeout} (bounds the connect, up to the
     * server's first answer) and {@code operation_timeout} (bounds each command), in seconds; RESP3.
     */
    public static ClientSettings of(int poolSize, double connectionTimeoutSeconds, double operationTimeoutSeconds) {
        return new ClientSettings(poolSize, (int) Math.round(connectionTimeoutSeconds * 1000),
                (int) Math.round(operationTimeoutSeconds * 1000), true);
    }

    /** {@code poolSize} connections, 5 s connect timeout, 60 s socket timeout, RESP3. */
    public static ClientSettings of(int poolSize) {
        return new ClientSettings(poolSize, 5_000, 60_000, true);
    }

    public ClientSettings withResp3(boolean on) {
        return new ClientSettings(poolSize, connectTimeoutMillis, socketTimeoutMillis, on);
    }

    public ClientSettings withSocketTimeoutMillis(int millis) {
        return new ClientSettings(poolSize, connectTimeoutMillis, millis, resp3);
    }
}
