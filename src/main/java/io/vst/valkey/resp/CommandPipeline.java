package io.vst.valkey.resp;

import java.util.List;

/**
 * A pipeline of keyed commands on a dedicated connection, for one worker thread: commands are written
 * as they are queued, and {@link #sync()} reads all their replies. Up to a few pipelines per worker
 * let several batches be in flight at once. Not thread-safe: one thread at a time.
 *
 * <pre>{@code
 * try (CommandPipeline p = client.pipeline()) {
 *     p.hset(key1, field, vector1);
 *     p.hset(key2, field, vector2);
 *     List<Object> replies = p.sync();   // Long per HSET, or a ValkeyException element per failed command
 * }
 * }</pre>
 */
public interface CommandPipeline extends AutoCloseable {

    /** Queues {@code HSET key field value [field value ...]}. */
    void hset(byte[] key, byte[]... fieldValues);

    /**
     * Queues {@code HSET key field <vector as little-endian FLOAT32> [field value ...]}. The floats are
     * read before this returns, so the caller may reuse the array.
     */
    default void hsetVector(byte[] key, byte[] field, float[] vector, byte[]... more) {
        byte[][] args = new byte[2 + more.length][];
        args[0] = field;
        args[1] = io.vst.dataset.FloatCodec.toLittleEndian(vector);
        System.arraycopy(more, 0, args, 2, more.length);
        hset(key, args);
    }

    /** Queues {@code DEL key}. */
    void del(byte[] key);

    /** Queues {@code EXISTS key}. */
    void exists(byte[] key);

    /** Queues {@code HGET key field}. */
    void hget(byte[] key, byte[] field);

    /**
     * Sends what is queued so far without waiting for replies, so the server works on a whole batch while
     * the caller prepares the next one. Without it, a pipeline may hold the tail of a batch until
     * {@link #sync()}; this default leaves that to the implementation (Jedis sends every 8 KiB).
     */
    default void flush() {
    }

    /**
     * Reads the replies of everything queued since the last call, in order. An error reply for one
     * command is returned as a {@link ValkeyException} element; a failure of the connection itself is
     * thrown (and the pipeline is then unusable: close it).
     */
    List<Object> sync();

    /** Releases the connection; never throws. */
    @Override
    void close();
}
