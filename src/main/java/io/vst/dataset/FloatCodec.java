package io.vst.dataset;

/** Little-endian FLOAT32 encoding of vectors (the HASH field value valkey-search expects). */
public final class FloatCodec {

    private FloatCodec() {
    }

    /** Writes {@code v} into {@code out} as little-endian IEEE-754 float32; out must hold v.length*4. */
    public static void toLittleEndian(float[] v, byte[] out) {
        if (out.length != v.length * 4) {
            throw new IllegalArgumentException("need " + v.length * 4 + " bytes, got " + out.length);
        }
        // One bulk copy (a memcpy on little-endian hardware) instead of a store per float.
        java.nio.ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(v);
    }

    /** {@code v} as a new array of little-endian IEEE-754 float32 bytes. */
    public static byte[] toLittleEndian(float[] v) {
        byte[] out = new byte[v.length * Float.BYTES];
        toLittleEndian(v, out);
        return out;
    }

    /** L2 norm of a vector, in double precision. */
    public static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
