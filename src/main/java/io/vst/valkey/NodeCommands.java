package io.vst.valkey;

import io.vst.valkey.resp.RawCommand;
import io.vst.valkey.resp.Resp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The commands of a {@link ValkeyClient} that go to the nodes themselves rather than to a key's slot: server
 * state (INFO, MEMORY, MODULE LIST, CLIENT LIST, CONFIG GET), DBSIZE and SCAN on every primary, PING and
 * administration commands on the first. Sent raw and parsed by vst's own parsers; documented on the client.
 */
final class NodeCommands {

    static final int SCAN_COUNT = 1000;

    private final ValkeyClient client;

    NodeCommands(ValkeyClient client) {
        this.client = client;
    }

    String ping() {
        return onFirst("PING", Resp::text, "PING");
    }

    long scanKeys(String prefix, Consumer<List<String>> batches) {
        String pattern = escapeGlob(prefix) + "*";
        return client.guard("SCAN " + pattern, () -> {
            long seen = 0;
            for (ServerNodes.Node node : client.nodes().primaries()) {
                String cursor = "0";
                do {
                    List<Object> reply = Resp.asList(ServerNodes.call(node, RawCommand.of("SCAN", cursor, "MATCH",
                            pattern, "COUNT", Integer.toString(SCAN_COUNT))));
                    cursor = Resp.text(reply.get(0));
                    List<String> keys = Resp.asTextList(reply.get(1));
                    if (!keys.isEmpty()) {
                        batches.accept(keys);
                        seen += keys.size();
                    }
                } while (!cursor.equals("0"));
            }
            return seen;
        });
    }

    long dbSize() {
        return client.guard("DBSIZE", () -> client.nodes().callAll(RawCommand.of("DBSIZE")).values().stream()
                .mapToLong(Resp::asLong).sum());
    }

    InfoSnapshot info(String section, String... more) {
        String[] args = new String[more.length + 2];
        args[0] = "INFO";
        args[1] = section;
        System.arraycopy(more, 0, args, 2, more.length);
        Map<String, Map<String, String>> perNode = perNode(String.join(" ", args),
                reply -> InfoReplies.parseInfo(Resp.text(reply)), args);
        return InfoSnapshot.of(perNode);
    }

    Map<String, Map<String, String>> memoryStats() {
        return perNode("MEMORY STATS", InfoReplies::parseMemoryStats, "MEMORY", "STATS");
    }

    Map<String, String> mallocStats() {
        return perNode("MEMORY MALLOC-STATS", Resp::text, "MEMORY", "MALLOC-STATS");
    }

    void memoryPurge() {
        perNode("MEMORY PURGE", Resp::text, "MEMORY", "PURGE");
    }

    Map<String, Long> moduleList() {
        return onFirst("MODULE LIST", InfoReplies::parseModuleList, "MODULE", "LIST");
    }

    String clientList() {
        return onFirst("CLIENT LIST", Resp::text, "CLIENT", "LIST");
    }

    Map<String, String> configGet(String pattern) {
        return onFirst("CONFIG GET " + pattern, reply -> {
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : Resp.asPairs(reply)) {
                out.put(e.getKey(), Resp.text(e.getValue()));
            }
            return out;
        }, "CONFIG", "GET", pattern);
    }

    String command(String... words) {
        return onFirst(words[0], Resp::describe, words);
    }

    private <T> T onFirst(String op, Function<Object, T> parse, String... words) {
        return client.guard(op, () -> parse.apply(ServerNodes.call(client.nodes().any(), RawCommand.of(words))));
    }

    private <T> Map<String, T> perNode(String op, Function<Object, T> parse, String... words) {
        return client.guard(op, () -> {
            Map<String, T> out = new LinkedHashMap<>();
            client.nodes().callAll(RawCommand.of(words)).forEach((node, reply) -> out.put(node, parse.apply(reply)));
            return out;
        });
    }

    private static String escapeGlob(String prefix) {
        return prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }
}
