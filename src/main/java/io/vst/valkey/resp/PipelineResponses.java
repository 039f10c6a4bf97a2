package io.vst.valkey.resp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Collected pipeline responses in item order; a server error on one item does not fail the others.
 *
 * @param responses one per item, {@code null} for an item that could not be routed
 * @param unrouted items that were never sent, with the reason
 */
public record PipelineResponses(String op, String where, List<Response<?>> responses, Map<Integer, ValkeyException> unrouted) {

    public BatchResult result() {
        Map<Integer, ValkeyException> failures = new HashMap<>(unrouted);
        for (int i = 0; i < responses.size(); i++) {
            if (responses.get(i) == null) {
                continue;
            }
            try {
                responses.get(i).get();
            } catch (JedisDataException e) {
                failures.put(i, ErrorMapper.map(e, op, where));
            }
        }
        return new BatchResult(responses.size(), failures);
    }

    /** Whether any item met a MOVED/ASK redirection or an unroutable slot. */
    public boolean sawRedirect() {
        if (!unrouted.isEmpty()) {
            return true;
        }
        for (Response<?> r : responses) {
            if (r == null) {
                continue;
            }
            try {
                r.get();
            } catch (redis.clients.jedis.exceptions.JedisRedirectionException e) {
                return true;
            } catch (JedisDataException e) {
                String m = String.valueOf(e.getMessage());
                if (m.startsWith("MOVED") || m.startsWith("ASK")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every item's reply in order; the first failed item fails the whole call. */
    @SuppressWarnings("unchecked")
    public <T> List<T> values() {
        List<T> out = new java.util.ArrayList<>(responses.size());
        for (Response<?> r : responses) {
            out.add((T) get(r));
        }
        return out;
    }

    public long sumOfLongs() {
        long sum = 0;
        for (Response<?> r : responses) {
            sum += (Long) get(r);
        }
        return sum;
    }

    public long countTrue() {
        long n = 0;
        for (Response<?> r : responses) {
            if (Boolean.TRUE.equals(get(r))) {
                n++;
            }
        }
        return n;
    }

    private Object get(Response<?> r) {
        if (r == null) {
            throw unrouted.values().iterator().next();
        }
        try {
            return r.get();
        } catch (JedisDataException e) {
            throw ErrorMapper.map(e, op, where);
        }
    }
}
