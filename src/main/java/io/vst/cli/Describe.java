package io.vst.cli;

import io.vst.engine.ServerSession;
import io.vst.valkey.ServerCapabilities;

/** One-line descriptions of things for the console. */
final class Describe {

    private Describe() {
    }

    /** e.g. {@code valkey 8.0.1 at 127.0.0.1:40123 (embedded, standalone, search 1.2.1)}. */
    static String server(ServerSession s) {
        ServerCapabilities c = s.capabilities();
        StringBuilder b = new StringBuilder();
        b.append(c.serverName()).append(' ').append(c.version()).append(" at ").append(s.address()).append(" (");
        b.append(s.embedded() ? "embedded, " : "");
        b.append(c.cluster() ? "cluster of " + c.nodeCount() : "standalone");
        b.append(c.hasSearch() ? ", search " + c.searchVersion() : ", no search module");
        return b.append(')').toString();
    }
}
