package io.vst.valkey;

import io.vst.VstException;
import java.util.Locale;

/** Whether vst talks to a server as a cluster: yes, no, or decided from {@code INFO cluster}. */
public enum ClusterMode {
    STANDALONE, CLUSTER, AUTO;

    /** Parses {@code true}/{@code false}/{@code auto} (also {@code cluster}/{@code standalone}). */
    public static ClusterMode parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "true", "yes", "cluster" -> CLUSTER;
            case "false", "no", "standalone" -> STANDALONE;
            case "auto", "" -> AUTO;
            default -> throw VstException.invalidInput("Unknown cluster setting '" + text + "'",
                    "use true, false or auto");
        };
    }
}
