package io.vst.valkey;

import io.vst.valkey.resp.Resp;
import java.util.List;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Which primary serves each of the 16384 hash slots, read from {@code CLUSTER SLOTS}.
 *
 * <p>vst groups a batch by node itself and pipelines each group on one connection at a time: a Jedis
 * cluster pipeline borrows a connection from every node at once, and workers that outnumber the
 * connections then wait on each other forever.
 */
final class SlotTable {

    static final int SLOTS = 16384;

    private final String[] owners = new String[SLOTS];

    private SlotTable() {
    }

    /** Parses a {@code CLUSTER SLOTS} reply: {@code [[start, end, [host, port, id, ...], replicas...], ...]}. */
    static SlotTable parse(Object reply) {
        SlotTable table = new SlotTable();
        for (Object range : Resp.asList(reply)) {
            List<Object> r = Resp.asList(range);
            int start = (int) Resp.asLong(r.get(0));
            int end = (int) Resp.asLong(r.get(1));
            List<Object> primary = Resp.asList(r.get(2));
            String address = Resp.text(primary.get(0)) + ":" + Resp.asLong(primary.get(1));
            for (int s = start; s <= end && s < SLOTS; s++) {
                table.owners[s] = address;
            }
        }
        return table;
    }

    /** The {@code host:port} of the primary serving {@code key}, or {@code null} when no node serves it. */
    String ownerOf(byte[] key) {
        return owners[JedisClusterCRC16.getSlot(key)];
    }
}
