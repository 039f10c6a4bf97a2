package io.vst;

import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

/**
 * A failure in words a user can act on, without a Java class name: what {@link VstException} says (with its hint),
 * or for the JVM's and the JDK's own exceptions a plain description of what happened. Any thread.
 */
public final class Failures {

    private Failures() {
    }

    /**
     * {@code t} in words: {@code "vst ran out of memory (Java heap space): ..."}, {@code "unknown host h"},
     * {@code "no such file: /x"}, or the exception's own message; {@code "internal error"} when it has none.
     * It is {@link #what} followed by {@link #hint} when there is one.
     */
    public static String describe(Throwable t) {
        String what = what(t);
        String hint = hint(t);
        if (hint == null) {
            return what;
        }
        return t instanceof VstException ? what + " (" + hint + ")" : what + ": " + hint;
    }

    /**
     * What happened, without what to do about it: {@code "vst ran out of memory (Java heap space)"}, a
     * {@link VstException}'s message, {@code "unknown host: h"}; for a screen that shows the hint apart.
     */
    public static String what(Throwable t) {
        if (t instanceof VstException v) {
            return v.getMessage();
        }
        String m = t.getMessage();
        String detail = m == null || m.isBlank() ? "" : m;
        if (t instanceof OutOfMemoryError) {
            return "vst ran out of memory" + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
        if (t instanceof StackOverflowError) {
            return "internal error: the call stack overflowed";
        }
        String what = kind(t);
        if (what != null) {
            return detail.isEmpty() ? what : what + ": " + detail;
        }
        return detail.isEmpty() ? "internal error" : detail;
    }

    /** What the user can do about {@code t} ({@code "give it more heap, ..."}, a {@link VstException}'s hint); null if nothing. */
    public static String hint(Throwable t) {
        if (t instanceof VstException v) {
            return v.hint();
        }
        if (t instanceof OutOfMemoryError) {
            return "give it more heap, e.g. VST_JAVA_OPTS=-Xmx2g";
        }
        return null;
    }

    /** What a JDK exception whose message is only a name (a host, a path) is about; null for the others. */
    private static String kind(Throwable t) {
        if (t instanceof UnknownHostException) {
            return "unknown host";
        }
        if ((t instanceof ConnectException || t instanceof SocketTimeoutException) && t.getMessage() == null) {
            return t instanceof ConnectException ? "connection failed" : "timed out";
        }
        if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
            return "no such file";
        }
        if (t instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (t instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        return null;
    }
}
