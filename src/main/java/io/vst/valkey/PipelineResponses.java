package io.vst.valkey;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/** Collected pipeline responses; a server error on one item does not fail the others. */
record PipelineResponses(String op, String where, List<Response<?>> responses) {

    BatchResult result() {
        Map<Integer, ValkeyException> failures = new HashMap<>();
        for (int i = 0; i < responses.size(); i++) {
            try {
                responses.get(i).get();
            } catch (JedisDataException e) {
                failures.put(i, ErrorMapper.map(e, op, where));
            }
        }
        return new BatchResult(responses.size(), failures);
    }

    long sumOfLongs() {
        long sum = 0;
        for (Response<?> r : responses) {
            sum += (Long) get(r);
        }
        return sum;
    }

    long countTrue() {
        long n = 0;
        for (Response<?> r : responses) {
            if (Boolean.TRUE.equals(get(r))) {
                n++;
            }
        }
        return n;
    }

    private Object get(Response<?> r) {
        try {
            return r.get();
        } catch (JedisDataException e) {
            throw ErrorMapper.map(e, op, where);
        }
    }
}
