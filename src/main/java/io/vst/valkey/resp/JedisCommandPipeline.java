package io.vst.valkey.resp;

import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/** {@link CommandPipeline} over a Jedis pipeline (one pooled connection, or per-node in a cluster). */
public final class JedisCommandPipeline implements CommandPipeline {

    private final AbstractPipeline pipeline;
    private final String where;
    private final List<Response<?>> pending = new ArrayList<>();
    private boolean closed;

    public JedisCommandPipeline(AbstractPipeline pipeline, String where) {
        this.pipeline = pipeline;
        this.where = where;
    }

    @Override
    public void hset(byte[] key, byte[]... fieldValues) {
        guard(() -> {
            if (fieldValues.length == 2) {
                pending.add(pipeline.hset(key, fieldValues[0], fieldValues[1]));
            } else {
                java.util.Map<byte[], byte[]> hash = new java.util.LinkedHashMap<>();
                for (int i = 0; i + 1 < fieldValues.length; i += 2) {
                    hash.put(fieldValues[i], fieldValues[i + 1]);
                }
                pending.add(pipeline.hset(key, hash));
            }
        });
    }

    @Override
    public void del(byte[] key) {
        guard(() -> pending.add(pipeline.del(key)));
    }

    @Override
    public void exists(byte[] key) {
        guard(() -> pending.add(pipeline.exists(key)));
    }

    @Override
    public void hget(byte[] key, byte[] field) {
        guard(() -> pending.add(pipeline.hget(key, field)));
    }

    @Override
    public List<Object> sync() {
        guard(pipeline::sync);
        List<Object> out = new ArrayList<>(pending.size());
        for (Response<?> r : pending) {
            try {
                Object v = r.get();
                out.add(v instanceof Boolean b ? (b ? 1L : 0L) : v);
            } catch (JedisDataException e) {
                out.add(ErrorMapper.map(e, "pipelined command", where));
            }
        }
        pending.clear();
        return out;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending.clear();
        try {
            pipeline.close();
        } catch (RuntimeException e) {
            // The connection is already broken (that is often why we close): nothing more to release.
            org.slf4j.LoggerFactory.getLogger(JedisCommandPipeline.class).debug("closing pipeline: {}", e.toString());
        }
    }

    private void guard(Runnable body) {
        try {
            body.run();
        } catch (RuntimeException e) {
            throw ErrorMapper.map(e, "pipeline", where);
        }
    }
}
