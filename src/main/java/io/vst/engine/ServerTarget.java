package io.vst.engine;

import io.vst.valkey.ValkeyEndpoint;
import io.vst.valkey.server.ManagedCluster;
import io.vst.valkey.server.ManagedServer;

/**
 * The server a command talks to, resolved from a {@link ConnectionSpec} by {@link ServerOpener#start}: its
 * endpoint, and the local server or cluster vst started for it (if any), which {@link #close()} stops
 * (through the process vst started, never a server it did not start).
 *
 * @param endpoint where the server listens
 * @param managedServer the standalone server vst started, or {@code null}
 * @param managedCluster the local cluster vst started, or {@code null}
 */
public record ServerTarget(ValkeyEndpoint endpoint, ManagedServer managedServer, ManagedCluster managedCluster)
        implements AutoCloseable {

    /** Whether vst started the server (so it may FLUSHALL and read its /proc figures). */
    public boolean startedByVst() {
        return managedServer != null || managedCluster != null;
    }

    /** Process id of the standalone server vst started, or -1. */
    public long pid() {
        return managedServer != null ? managedServer.pid() : -1;
    }

    /** Stops what vst started (unless asked to keep it); a server vst did not start is left alone. */
    @Override
    public void close() {
        if (managedServer != null) {
            managedServer.close();
        }
        if (managedCluster != null) {
            managedCluster.close();
        }
    }
}
