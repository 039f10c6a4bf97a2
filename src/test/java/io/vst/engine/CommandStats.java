package io.vst.engine;

import io.vst.valkey.InfoSnapshot;
import io.vst.valkey.ValkeyClient;

/** The server's own count of the commands it ran (INFO commandstats), read by tests apart from vst. */
final class CommandStats {

    private CommandStats() {
    }

    /** {@code calls} of {@code command} (e.g. {@code hset}, {@code FT.SEARCH}); 0 when it never ran. */
    static long calls(ValkeyClient client, String command) {
        String text = client.command("INFO", "commandstats");
        String wanted = "cmdstat_" + command.toLowerCase(java.util.Locale.ROOT) + ":";
        for (String line : text.split("\r?\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith(wanted)) {
                return Long.parseLong(InfoSnapshot.subfields(line.substring(wanted.length())).get("calls"));
            }
        }
        return 0;
    }

    /** INFO stats {@code total_connections_received}: connections the server accepted since it started. */
    static long connectionsReceived(ValkeyClient client) {
        String text = client.command("INFO", "stats");
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("total_connections_received:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new IllegalStateException("INFO stats has no total_connections_received");
    }
}
