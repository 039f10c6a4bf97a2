package io.vst.dataset;

/** Little-endian FLOAT32 encoding of vectors (the HASH field value valkey-search expects). */
public final class FloatCodec {

    /** Float view of a byte array, little-endian: one plain store per value, no per-byte shifting. */
    private static final java.lang.invoke.VarHandle LE_FLOAT =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(float[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private FloatCodec() {
    }

    /** Writes {@code v} into {@code out} as little-endian IEEE-754 float32; out must hold v.length*4. */
    public static void toLittleEndian(float[] v, byte[] out) {
        if (out.length != v.length * 4) {
            throw new IllegalArgumentException("need " + v.length * 4 + " bytes, got " + out.length);
        }
        for (int i = 0, o = 0; i < v.length; i++, o += 4) {
            LE_FLOAT.set(out, o, v[i]);
        }
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
