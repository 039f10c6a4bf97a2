package io.vst.testsupport.proxy;

/** A search command the emulation rejects; the message is the exact error text a client reads. */
public final class SearchError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error whose message goes on the wire after {@code -}. */
    public SearchError(String message) {
        super(message);
    }

    /** The fixture's "index not found" text. */
    static SearchError noIndex(String name) {
        return new SearchError("Index with name '" + name + "' not found in database 0");
    }

    /** The server's arity error for a command name. */
    static SearchError arity(String command) {
        return new SearchError("ERR wrong number of arguments for '" + command + "' command");
    }
}
