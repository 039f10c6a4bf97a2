package io.vst.workload;

import io.vst.dataset.LiveSet;
import io.vst.dataset.VectorSource;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The vectors of one key space as the server holds them: which ids are live, and what vector each
 * holds now. An update writes a new version of a vector — the original plus a small seeded offset
 * (1% of its norm) — so the index really changes while neighbours stay meaningful, and the exact
 * vector of every live id stays known for ground truth. Any thread.
 *
 * <p>Writers report each operation twice, so recall can tell settled vectors from those in flight:
 * {@link #sending} just before the command goes out, then one of {@link #written}, {@link #updated},
 * {@link #deleted}, {@link #deleteFailed} or {@link #failed} when its reply is in (see {@link LiveSet}).
 */
public final class LiveVectors {

    /** Size of an update's offset relative to the vector's norm. */
    static final double UPDATE_OFFSET = 0.01;

    private final VectorSource source;
    private final LiveSet live;
    private final KeySpace keys;
    private final long seed;
    private final ConcurrentMap<Long, Integer> versions = new ConcurrentHashMap<>();
    private final FieldValues fields;

    public LiveVectors(VectorSource source, LiveSet live, KeySpace keys, long seed) {
        this(source, live, keys, seed, FieldValues.none());
    }

    /** With {@code fields}: extra index attributes written beside each vector. */
    public LiveVectors(VectorSource source, LiveSet live, KeySpace keys, long seed, FieldValues fields) {
        this.source = source;
        this.live = live;
        this.keys = keys;
        this.seed = seed;
        this.fields = fields;
    }

    /** The HSET field/value arguments of vector {@code id} holding {@code vector}. */
    public byte[][] hsetArguments(long id, byte[] vector) {
        return fields.hsetArguments(id, IngestWorkload.VECTOR_FIELD, vector);
    }

    public VectorSource source() {
        return source;
    }

    public LiveSet live() {
        return live;
    }

    public KeySpace keys() {
        return keys;
    }

    public int dimensions() {
        return source.dimensions();
    }

    /** Writes the current vector of {@code id} into {@code into}. */
    public void read(long id, float[] into) {
        source.read(id, into);
        if (versions.isEmpty()) {
            // No id was ever updated (every ingest): no lookup, no boxed key per vector.
            return;
        }
        Integer version = versions.get(id);
        if (version != null && version > 0) {
            offset(id, version, into);
        }
    }

    /** The current vector of {@code id} as little-endian FLOAT32 bytes (the HSET value). */
    public byte[] encode(long id, float[] scratch) {
        read(id, scratch);
        return toBytes(scratch);
    }

    /** The next version of {@code id}'s vector as bytes; call {@link #commitVersion} once written. */
    public byte[] encodeNextVersion(long id, float[] scratch) {
        int next = versions.getOrDefault(id, 0) + 1;
        source.read(id, scratch);
        offset(id, next, scratch);
        return toBytes(scratch);
    }

    /** Records that the server now holds the next version of {@code id}. */
    public void commitVersion(long id) {
        versions.merge(id, 1, Integer::sum);
    }

    /** Forgets the version of a removed id, so a re-ingest writes the original again. */
    public void forget(long id) {
        versions.remove(id);
    }

    /** The attribute fields written beside each vector. */
    public FieldValues fields() {
        return fields;
    }

    /** A write or delete of {@code id} is about to be sent. */
    public void sending(long id) {
        live.begin(id);
    }

    /** Writes or deletes of {@code ids[0..n)} are about to be sent. */
    public void sending(long[] ids, int n) {
        live.begin(ids, n);
    }

    /** The new vectors {@code ids[0..n)} were written: they are live. */
    public void written(long[] ids, int n) {
        live.addAcknowledged(ids, n);
    }

    /** The new vector {@code id} was written: it is live. */
    public void written(long id) {
        live.addAcknowledged(id);
    }

    /** The next version of {@code id} was written. */
    public void updated(long id) {
        commitVersion(id);
        live.end(id);
    }

    /** The write of {@code id} failed with an error reply: nothing changed. */
    public void failed(long id) {
        live.end(id);
    }

    /** Ids chosen for deletion ({@link LiveSet#takeForRemoval}): present until their deletes are answered. */
    public long[] takeForRemoval(int k, io.vst.dataset.RemovalStrategy strategy) {
        return live.takeForRemoval(k, strategy);
    }

    /** The delete of {@code id} succeeded. */
    public void deleted(long id) {
        forget(id);
        live.removalAcknowledged(id);
    }

    /** The delete of {@code id} failed with an error reply: it is still live. */
    public void deleteFailed(long id) {
        live.removalFailed(id);
    }

    /** Forgets every live id and version: the server no longer holds any of these vectors. */
    public void clear() {
        live.clear();
        versions.clear();
    }

    static byte[] toBytes(float[] v) {
        return io.vst.dataset.FloatCodec.toLittleEndian(v);
    }

    private void offset(long id, int version, float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        norm = Math.sqrt(norm);
        SplittableRandom rnd = new SplittableRandom(seed ^ (id * 0x9E3779B97F4A7C15L) ^ ((long) version << 48));
        double[] dir = new double[v.length];
        double dn = 0;
        for (int i = 0; i < v.length; i++) {
            dir[i] = rnd.nextDouble(-1, 1);
            dn += dir[i] * dir[i];
        }
        double scale = (norm == 0 ? 1 : norm) * UPDATE_OFFSET / Math.sqrt(dn == 0 ? 1 : dn);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] + dir[i] * scale);
        }
    }
}
