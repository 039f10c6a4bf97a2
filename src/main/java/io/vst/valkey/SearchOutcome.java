package io.vst.valkey;

import io.vst.valkey.resp.ValkeyException;

/**
 * The outcome of one query in a pipelined batch: a result or an error, never both.
 *
 * @param result the parsed reply, or {@code null} on error
 * @param error the failure, or {@code null} on success
 */
public record SearchOutcome(SearchResult result, ValkeyException error) {

    public boolean isOk() {
        return error == null;
    }
}
