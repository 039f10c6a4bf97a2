package io.vst.engine;

import io.vst.valkey.CapabilityProbe;
import io.vst.valkey.ServerCapabilities;
import io.vst.valkey.ValkeyClient;

/**
 * The server a run talks to: the client, what the server can do, and — for the embedded default —
 * the {@code valkey-server} process vst started (stopped on {@link #close()} unless kept).
 */
public final class ServerSession implements AutoCloseable {

    private final ValkeyClient client;
    private final ServerCapabilities capabilities;
    private final AutoCloseable ownedServer;
    private final long ownedPid;

    /**
     * @param client connected client
     * @param ownedServer the server (or cluster) vst started for this session, stopped on close; null
     *     when vst connected to a server it does not own
     * @param ownedPid process id of the server vst started, or -1
     */
    public ServerSession(ValkeyClient client, AutoCloseable ownedServer, long ownedPid) {
        this.client = client;
        this.ownedServer = ownedServer;
        this.ownedPid = ownedPid;
        this.capabilities = CapabilityProbe.probe(client);
    }

    public ValkeyClient client() {
        return client;
    }

    public ServerCapabilities capabilities() {
        return capabilities;
    }

    /** Whether vst started this server itself. */
    public boolean embedded() {
        return ownedServer != null;
    }

    /** "host:port" of the server. */
    public String address() {
        return client.endpoint().address();
    }

    /** Process id of the server when it runs on this machine and is known, else -1. */
    public long localPid() {
        if (ownedPid > 0) {
            return ownedPid;
        }
        return capabilities.local() ? capabilities.processId() : -1;
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            if (ownedServer != null) {
                try {
                    ownedServer.close();
                } catch (Exception e) {
                    throw io.vst.VstException.runtime("stopping the server vst started: " + e.getMessage(), e);
                }
            }
        }
    }
}
