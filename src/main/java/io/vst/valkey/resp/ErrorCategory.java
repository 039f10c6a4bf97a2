package io.vst.valkey.resp;

/**
 * What kind of failure a Valkey operation met, independent of the client library.
 *
 * <p>The category decides whether a workload may retry ({@link #isTransient()}) and how the failure
 * is counted in a run's error figures.
 */
public enum ErrorCategory {
    /** The TCP/TLS connection failed or broke. */
    CONNECTION(true),
    /** The server did not answer within the socket timeout. */
    TIMEOUT(true),
    /** Wrong user name or password, or a password is required (NOAUTH / WRONGPASS). */
    AUTH(false),
    /** The ACL user may not run this command or touch this key (NOPERM). */
    NO_PERMISSION(false),
    /** The server refused a write because maxmemory is reached (OOM). */
    OOM(false),
    /** The server is loading its data set or busy running a script (LOADING / BUSY). */
    BUSY_LOADING(true),
    /** A cluster redirection or a cluster that is down or reconfiguring (MOVED, ASK, CLUSTERDOWN, TRYAGAIN). */
    CLUSTER(true),
    /** The server does not know the command (a module is not loaded). */
    UNKNOWN_COMMAND(false),
    /** The database the endpoint names does not exist on the server (a user mistake, like bad credentials). */
    BAD_DATABASE(false),
    /** Any other error reply of the server, e.g. a syntax error or a search-module rejection. */
    SERVER_ERROR(false),
    /** The reply did not have the shape vst expects. */
    PROTOCOL(false);

    private final boolean transientFailure;

    ErrorCategory(boolean transientFailure) {
        this.transientFailure = transientFailure;
    }

    /** Whether repeating the same operation later may succeed. */
    public boolean isTransient() {
        return transientFailure;
    }
}
