package io.vst.valkey.server;

import io.vst.VstException;
import io.vst.valkey.CapabilityProbe;
import io.vst.valkey.InfoReplies;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a server vst starts with {@code --module} cannot serve the run: the module did not load (the
 * server's own log line says why), or it loaded into a server version it is known to crash.
 */
final class ModuleChecks {

    /** valkey-search 1.0.x needs at least this server; valkey 8.0 loads it and crashes on the first indexed write. */
    static final int[] SEARCH_1_0_MIN_SERVER = {8, 1, 1};

    // Valkey also reports redis_version (7.2.4, for client compatibility): valkey_version is the real one.
    private static final Pattern VERSION = Pattern.compile("(?m)^valkey_version:(\\d+)\\.(\\d+)\\.(\\d+)");

    private ModuleChecks() {
    }

    /** Whether a server log line tells that a module failed to load. */
    static boolean isLoadFailure(String line) {
        return line.contains("failed to load") || line.contains("Can't load module")
                || line.contains("Module initialization failed") || line.contains("does not export");
    }

    /** The error for a server that exited at start because a module did not load. */
    static VstException loadFailure(List<String> logLines) {
        return VstException.invalidInput("valkey-server could not load the module given with --module; its log says: "
                        + String.join(" | ", logLines.stream().map(ModuleChecks::withoutPrefix).toList()),
                "give --module the path of a module built for this server (a .so with execute permission, "
                        + "e.g. valkey-search's libsearch.so), or leave --module out");
    }

    /**
     * The error for a module that loaded into a server it is known to crash, or {@code null} when the pair
     * is fine.
     *
     * @param infoServer the INFO server text
     * @param modules MODULE LIST: name → version number
     */
    static VstException incompatibility(String binary, String infoServer, Map<String, Long> modules) {
        Long search = modules.get(CapabilityProbe.SEARCH_MODULE);
        Matcher m = VERSION.matcher(infoServer);
        if (search == null || !m.find()) {
            return null;
        }
        String searchVersion = InfoReplies.moduleVersionText(search);
        int[] server = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
        if (!searchVersion.startsWith("1.0.") || compare(server, SEARCH_1_0_MIN_SERVER) >= 0) {
            return null;
        }
        String serverVersion = server[0] + "." + server[1] + "." + server[2];
        return VstException.invalidInput("valkey-search " + searchVersion + " needs valkey-server 8.1.1 or later, but "
                        + binary + " is " + serverVersion + ": it loads the module and then crashes on the first "
                        + "write into an indexed prefix",
                "give a valkey-server 8.1.1 or later with --valkey-server PATH");
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    // "12345:M 01 Dec 2026 11:13:30.245 # Module x failed to load: ..." → "Module x failed to load: ..."
    private static String withoutPrefix(String line) {
        int hash = line.indexOf(" # ");
        return hash >= 0 ? line.substring(hash + 3) : line;
    }
}
