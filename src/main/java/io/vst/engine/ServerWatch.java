package io.vst.engine;

import io.vst.valkey.InfoSnapshot;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Notices a server that restarted under a run: its {@code run_id} (INFO server) changes, which the client's
 * silent reconnect would otherwise hide. A restarted server has lost (or reloaded an older copy of) what
 * vst wrote, so every count vst keeps of it is stale from then on. Any thread.
 *
 * <pre>{@code
 * ServerWatch watch = new ServerWatch(client.info("server"));
 * String why = watch.check(client.info("server"));   // null while the same process answers
 * }</pre>
 */
final class ServerWatch {

    private final Map<String, String> runIds;
    private volatile String restart;

    ServerWatch(InfoSnapshot server) {
        this.runIds = runIds(server);
    }

    /**
     * Compares the nodes' run_id with the ones seen at the start; the first change is described (and kept)
     * and returned, later calls return the same text. Null while nothing changed.
     */
    synchronized String check(InfoSnapshot server) {
        if (restart != null) {
            return restart;
        }
        for (Map.Entry<String, Map<String, String>> node : server.perNode().entrySet()) {
            String before = runIds.get(node.getKey());
            String now = node.getValue().get("run_id");
            if (before != null && now != null && !before.equals(now)) {
                restart = String.format(Locale.ROOT, "the server at %s restarted during the run (run_id %s → %s,"
                        + " up %s s)", node.getKey(), abbreviate(before), abbreviate(now),
                        node.getValue().getOrDefault("uptime_in_seconds", "?"));
                return restart;
            }
        }
        return null;
    }

    /** The restart seen, or null. */
    String restart() {
        return restart;
    }

    private static Map<String, String> runIds(InfoSnapshot server) {
        Map<String, String> out = new LinkedHashMap<>();
        server.perNode().forEach((node, fields) -> {
            String id = fields.get("run_id");
            if (id != null) {
                out.put(node, id);
            }
        });
        return out;
    }

    private static String abbreviate(String runId) {
        return runId.length() > 12 ? runId.substring(0, 12) + "…" : runId;
    }
}
