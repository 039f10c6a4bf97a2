package io.vst.valkey.resp;

import io.vst.VstException;

/**
 * A failure of a Valkey operation, categorised independently of the client library.
 *
 * <p>The message carries the server's own error text when there is one (for example
 * {@code "Index with name 'x' not found in database 0"}) and never a password.
 */
public final class ValkeyException extends VstException {

    private final ErrorCategory category;
    private final String serverMessage;

    public ValkeyException(ErrorCategory category, String message, String serverMessage, String hint,
            Throwable cause) {
        super(category == ErrorCategory.AUTH || category == ErrorCategory.BAD_DATABASE ? Kind.INVALID_INPUT : Kind.RUNTIME, message, hint, cause);
        this.category = category;
        this.serverMessage = serverMessage;
    }

    public ErrorCategory category() {
        return category;
    }

    /** The error text exactly as the server sent it, or {@code null} when the failure was not a reply. */
    public String serverMessage() {
        return serverMessage;
    }

    /** Whether repeating the operation later may succeed. */
    public boolean isTransient() {
        return category.isTransient();
    }
}
