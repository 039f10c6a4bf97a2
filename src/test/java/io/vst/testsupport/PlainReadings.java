package io.vst.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.util.SafeEncoder;

/**
 * The server's own figures read over a plain Jedis connection of the test's, parsed here and not by vst:
 * the independent reference that vst's figures are checked against.
 *
 * <pre>{@code
 * try (PlainReadings server = PlainReadings.connect(port)) {
 *     long used = server.info("memory", "used_memory");
 * }
 * }</pre>
 */
public final class PlainReadings implements AutoCloseable {

    private static final ProtocolCommand FT_INFO = () -> SafeEncoder.encode("FT.INFO");
    private static final ProtocolCommand MEMORY = () -> SafeEncoder.encode("MEMORY");

    private final Jedis jedis;

    private PlainReadings(Jedis jedis) {
        this.jedis = jedis;
    }

    public static PlainReadings connect(int port) {
        return new PlainReadings(new Jedis("127.0.0.1", port, 10_000));
    }

    /** Every {@code field:value} line of an INFO section. */
    public Map<String, String> info(String section) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : jedis.info(section).split("\r\n")) {
            int colon = line.indexOf(':');
            if (!line.startsWith("#") && colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return out;
    }

    /** One integer field of an INFO section; fails the test when it is missing. */
    public long info(String section, String field) {
        String v = info(section).get(field);
        if (v == null) {
            throw new AssertionError("INFO " + section + " has no " + field);
        }
        return Long.parseLong(v);
    }

    /** Runs MEMORY STATS, MEMORY MALLOC-STATS and MEMORY PURGE once (their first call allocates for good). */
    public void warmUpMemoryCommands() {
        for (String sub : new String[] {"STATS", "MALLOC-STATS", "PURGE"}) {
            jedis.sendCommand(MEMORY, sub);
        }
    }

    /** The top-level fields of MEMORY STATS whose values are integers (the per-database maps are left out). */
    public Map<String, Long> memoryStats() {
        List<?> reply = (List<?>) jedis.sendCommand(MEMORY, "STATS");
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            if (reply.get(i + 1) instanceof Long l) {
                out.put(text(reply.get(i)), l);
            }
        }
        return out;
    }

    /** CONFIG SET of one parameter on the test's own connection. */
    public void configSet(String parameter, String value) {
        jedis.configSet(parameter, value);
    }

    public long dbSize() {
        return jedis.dbSize();
    }

    /** The top-level fields of FT.INFO whose values are scalars, as text. */
    public Map<String, String> ftInfo(String index) {
        List<?> reply = (List<?>) jedis.sendCommand(FT_INFO, index);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            Object v = reply.get(i + 1);
            if (v instanceof byte[] b) {
                out.put(text(reply.get(i)), new String(b, StandardCharsets.UTF_8));
            } else if (v instanceof Long l) {
                out.put(text(reply.get(i)), Long.toString(l));
            }
        }
        return out;
    }

    private static String text(Object o) {
        return new String((byte[]) o, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        jedis.close();
    }
}
