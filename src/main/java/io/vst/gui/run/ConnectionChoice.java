package io.vst.gui.run;

import java.nio.file.Path;

/**
 * Which server a run uses, as the connection bar describes it. The password itself is never part of
 * this record: it is read from an environment variable or asked for at Run and handed over separately.
 * Immutable; any thread.
 *
 * @param embedded start a local valkey-server for the run (and stop it afterwards)
 * @param module module loaded into the embedded server, or {@code null}
 * @param host server host (remote only)
 * @param port server port (remote only)
 * @param user ACL user, or {@code null}
 * @param tls connect with TLS (JVM trust store)
 * @param cluster the server is a cluster
 * @param password how the password is obtained
 * @param passwordEnv the environment variable holding it, when {@code password} is {@link PasswordSource#ENV}
 */
public record ConnectionChoice(boolean embedded, Path module, String host, int port, String user, boolean tls,
        boolean cluster, PasswordSource password, String passwordEnv) {

    /** Where a server password comes from. */
    public enum PasswordSource { NONE, PROMPT, ENV }

    /** A one-line description without secrets, e.g. {@code embedded valkey-server} or {@code db1:6380 (TLS)}. */
    public String describe() {
        if (embedded) {
            return "embedded valkey-server" + (module == null ? "" : " + " + module.getFileName());
        }
        return (user == null || user.isBlank() ? "" : user + "@") + host + ":" + port + (tls ? " (TLS)" : "")
                + (cluster ? " (cluster)" : "");
    }
}
