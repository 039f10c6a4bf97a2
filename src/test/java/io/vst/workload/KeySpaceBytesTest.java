package io.vst.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The key bytes sent to the server are the UTF-8 of the key text, for rows, expansions and any prefix. */
class KeySpaceBytesTest {

    @Test
    void keyBytesAreTheUtf8OfTheKeyText() {
        long base = 1_000_000;
        SplittableRandom rnd = new SplittableRandom(16);
        for (String prefix : new String[] {"vec:", "", "é/ü:"}) {
            KeySpace keys = new KeySpace(prefix, base);
            long[] edges = {0, 1, 9, 10, 99, 100, base - 1, base, base + 1, 7 * base + 123, Integer.MAX_VALUE - 1};
            for (long id : edges) {
                assertThat(keys.key(id)).as("%s id %d", prefix, id).isEqualTo(utf8(prefix + text(id, base)));
            }
            for (int i = 0; i < 10_000; i++) {
                long id = rnd.nextLong(20 * base);
                assertThat(keys.key(id)).as("%s id %d", prefix, id).isEqualTo(utf8(prefix + text(id, base)));
            }
        }
    }

    /** The documented key suffix: the row number, or expand_<n>_<row> past the dataset's size. */
    private static String text(long id, long base) {
        return id < base ? String.valueOf(id) : "expand_" + id / base + "_" + id % base;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
