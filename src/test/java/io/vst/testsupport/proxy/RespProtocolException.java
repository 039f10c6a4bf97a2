package io.vst.testsupport.proxy;

import java.io.IOException;

/** Bytes on a connection that are not valid RESP; the stream cannot be resynchronised after it. */
public final class RespProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A protocol error with the reason a client will read after {@code -ERR Protocol error: }. */
    public RespProtocolException(String message) {
        super(message);
    }
}
