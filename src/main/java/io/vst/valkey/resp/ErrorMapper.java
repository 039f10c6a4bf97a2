package io.vst.valkey.resp;

import java.net.SocketTimeoutException;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisClusterException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/** Turns Jedis exceptions and server error replies into {@link ValkeyException}s. */
public final class ErrorMapper {

    private ErrorMapper() {
    }

    /**
     * Maps a failure of {@code operation} against {@code where} (an endpoint text without password).
     * A {@link ValkeyException} passes through unchanged.
     */
    public static ValkeyException map(Throwable failure, String operation, String where) {
        if (failure instanceof ValkeyException ours) {
            return ours;
        }
        String what = operation + " on " + where;
        if (failure instanceof JedisConnectionException) {
            SSLHandshakeException tls = cause(failure, SSLHandshakeException.class);
            if (tls != null) {
                boolean notTls = String.valueOf(tls.getMessage()).startsWith(HandshakingSocketFactory.NOT_TLS);
                return new ValkeyException(ErrorCategory.CONNECTION, what + " failed: " + tls.getMessage(), null,
                        notTls ? "use valkey:// (not valkeys://) for a server without TLS, or check the port"
                                : "trust the server's CA with --tls-ca FILE, or use --insecure to skip the check",
                        failure);
            }
            if (hasCause(failure, SocketTimeoutException.class)) {
                return new ValkeyException(ErrorCategory.TIMEOUT, what + " timed out", null,
                        "the server did not answer in time; check its load or raise the timeout", failure);
            }
            return new ValkeyException(ErrorCategory.CONNECTION,
                    what + " failed: cannot talk to the server (" + rootMessage(failure) + ")", null,
                    "check that the server runs and that host, port and TLS settings are right", failure);
        }
        if (failure instanceof JedisRedirectionException || failure instanceof JedisClusterOperationException) {
            return new ValkeyException(ErrorCategory.CLUSTER, what + " failed: " + failure.getMessage(),
                    failure.getMessage(), "the cluster is redirecting or reconfiguring; retry later", failure);
        }
        if (failure instanceof JedisBusyException) {
            return fromServerText(failure.getMessage(), what, failure);
        }
        if (failure instanceof JedisAccessControlException || failure instanceof JedisClusterException
                || failure instanceof JedisDataException) {
            return fromServerText(failure.getMessage(), what, failure);
        }
        return new ValkeyException(ErrorCategory.CONNECTION, what + " failed: " + rootMessage(failure), null,
                null, failure);
    }

    /** Categorises a server error reply by its leading code (NOPERM, OOM, ...). */
    public static ValkeyException fromServerText(String text, String what, Throwable cause) {
        String serverText = text == null ? "" : text;
        String upper = serverText.toUpperCase(Locale.ROOT);
        ErrorCategory category;
        String hint = null;
        if (upper.startsWith("NOAUTH") || upper.startsWith("WRONGPASS") || upper.contains("INVALID PASSWORD")
                || upper.contains("INVALID USERNAME-PASSWORD")) {
            category = ErrorCategory.AUTH;
            hint = "give the user in the URI (valkey://user@host:port) and the password with --password-env VAR";
        } else if (upper.contains("DB INDEX IS OUT OF RANGE") || upper.contains("INVALID DB INDEX")) {
            category = ErrorCategory.BAD_DATABASE;
            hint = "the server has fewer databases (its 'databases' setting, 16 by default, numbered from 0); "
                    + "name one of them in the URI: valkey://host:port/0";
        } else if (upper.startsWith("NOPERM")) {
            category = ErrorCategory.NO_PERMISSION;
            hint = "the ACL user lacks a permission; vst needs +@all on its own key prefix";
        } else if (upper.startsWith("OOM")) {
            category = ErrorCategory.OOM;
            hint = "the server reached maxmemory";
        } else if (upper.startsWith("LOADING") || upper.startsWith("BUSY")) {
            category = ErrorCategory.BUSY_LOADING;
        } else if (upper.startsWith("MOVED") || upper.startsWith("ASK") || upper.startsWith("CLUSTERDOWN")
                || upper.startsWith("TRYAGAIN") || upper.startsWith("CROSSSLOT")) {
            category = ErrorCategory.CLUSTER;
        } else if (upper.contains("UNKNOWN COMMAND")) {
            category = ErrorCategory.UNKNOWN_COMMAND;
            hint = "the server lacks this command; is the needed module (e.g. valkey-search) loaded?";
        } else {
            category = ErrorCategory.SERVER_ERROR;
        }
        return new ValkeyException(category, what + " failed: " + serverText, serverText, hint, cause);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        return cause(failure, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < 16; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        int depth = 0;
        // Bounded walk: cause chains are short, but a cyclic chain must not hang the error path.
        while (root.getCause() != null && root.getCause() != root && depth++ < 16) {
            root = root.getCause();
        }
        return io.vst.Failures.describe(root);
    }
}
