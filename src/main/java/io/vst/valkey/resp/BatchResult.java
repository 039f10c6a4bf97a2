package io.vst.valkey.resp;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-item outcome of a pipelined batch: which items the server refused and why.
 *
 * @param size number of items sent
 * @param failures index of a failed item → its error; empty when all succeeded
 */
public record BatchResult(int size, Map<Integer, ValkeyException> failures) {

    public BatchResult {
        failures = Collections.unmodifiableMap(new TreeMap<>(failures));
    }

    public int succeeded() {
        return size - failures.size();
    }

    public int failed() {
        return failures.size();
    }

    public boolean isOk(int index) {
        return !failures.containsKey(index);
    }

    /** The first failure in item order, or {@code null}. */
    public ValkeyException firstFailure() {
        return failures.isEmpty() ? null : failures.values().iterator().next();
    }
}
