package io.vst.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bulk encoder against one {@link ByteBuffer#putFloat} per value. */
class FloatCodecTest {

    @Test
    void bulkEncodingMatchesPutFloatAndDecodesBack() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int dims : new int[] {1, 3, 128, 1536}) {
            float[] v = new float[dims];
            for (int i = 0; i < dims; i++) {
                v[i] = (float) rnd.nextGaussian() * 1e3f;
            }
            v[0] = dims == 1 ? Float.NaN : -0.0f;
            ByteBuffer ref = ByteBuffer.allocate(dims * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float x : v) {
                ref.putFloat(x);
            }
            assertThat(FloatCodec.toLittleEndian(v)).as("%d-d", dims).isEqualTo(ref.array());
            byte[] into = new byte[dims * 4];
            FloatCodec.toLittleEndian(v, into);
            assertThat(into).isEqualTo(ref.array());
        }
    }

    @Test
    void aWrongSizedTargetIsRefused() {
        assertThatThrownBy(() -> FloatCodec.toLittleEndian(new float[2], new byte[7]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 8 bytes");
    }
}
