package io.vst.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * The ids a key space's SCAN finds on a real server: every id key under the prefix, and nothing else. The keys
 * are written over a plain Jedis connection of the test's, spelled here by hand, so the expected set does not
 * come from {@link KeySpace}.
 */
class ServerIdsTest {

    private static final long BASE = 5_000;

    @Test
    void readsExactlyTheIdKeysUnderThePrefix() {
        long seed = 20_261_201L;
        SplittableRandom rnd = new SplittableRandom(seed);
        BitSet expected = new BitSet();
        try (ValkeyTestServer server = ValkeyTestServer.start();
                Jedis jedis = new Jedis("127.0.0.1", server.port(), 10_000);
                ValkeyClient client = ValkeyClient.connect(server.endpoint(), 2)) {
            Pipeline p = jedis.pipelined();
            // Dataset rows, more than one SCAN batch of them, and the first and last row.
            for (int i = 0; i < 2_500; i++) {
                int row = rnd.nextInt((int) BASE);
                p.set("vec:" + row, "v");
                expected.set(row);
            }
            for (int row : new int[] {0, (int) BASE - 1}) {
                p.set("vec:" + row, "v");
                expected.set(row);
            }
            // Expansions: expand_<n>_<row> is id n * BASE + row.
            p.set("vec:expand_1_0", "v");
            expected.set((int) BASE);
            p.set("vec:expand_3_17", "v");
            expected.set((int) (3 * BASE + 17));
            // Outside the prefix: other tools' keys, and look-alikes without the colon.
            for (String other : List.of("user:1", "vec1", "vector:2", "xvec:3", "VEC:4", "expand_1_0")) {
                p.set(other, "v");
            }
            // Under the prefix but no id of this key space.
            for (String notId : List.of("vec:notes", "vec:" + BASE, "vec:-1", "vec:expand_0_1", "vec:expand_1_"
                    + BASE, "vec:expand_x_1", "vec:1.5", "vec:", "vec:expand_" + (Integer.MAX_VALUE / BASE + 1) + "_0")) {
                p.set(notId, "v");
            }
            p.sync();

            BitSet read = ServerIds.read(client, new KeySpace("vec:", BASE));

            assertThat(read).as("seed %d", seed).isEqualTo(expected);
            assertThat(read.cardinality()).as("more keys than one SCAN batch (COUNT 1000) returns").isGreaterThan(1_000);
        }
    }

    @Test
    void aPrefixWithGlobCharactersMatchesOnlyItself() {
        try (ValkeyTestServer server = ValkeyTestServer.start();
                Jedis jedis = new Jedis("127.0.0.1", server.port(), 10_000);
                ValkeyClient client = ValkeyClient.connect(server.endpoint(), 2)) {
            jedis.set("v*[c]:1", "v");
            jedis.set("v*[c]:expand_2_3", "v");
            jedis.set("vxc:5", "v");
            jedis.set("v*[c]x:6", "v");

            BitSet read = ServerIds.read(client, new KeySpace("v*[c]:", 10));

            assertThat(read.stream().boxed().toList()).containsExactly(1, 23);
        }
    }
}
