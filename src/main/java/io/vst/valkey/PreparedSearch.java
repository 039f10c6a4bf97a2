package io.vst.valkey;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A KNN query with its FT.SEARCH command encoded once as RESP, so sending it again (a query pool cycles
 * through its vectors) costs one copy into the socket buffer. Immutable; any thread.
 *
 * @param query the query
 * @param wire the command as a RESP array of bulk strings
 */
public record PreparedSearch(KnnQuery query, byte[] wire) {

    /** Encodes {@code query}. */
    public static PreparedSearch of(KnnQuery query) {
        return new PreparedSearch(query, encode(query.toArguments()));
    }

    static byte[] encode(List<byte[]> words) {
        int size = 16;
        for (byte[] w : words) {
            size += w.length + 16;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(size);
        header(out, '*', words.size());
        for (byte[] w : words) {
            header(out, '$', w.length);
            out.write(w, 0, w.length);
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static void header(java.io.ByteArrayOutputStream out, char type, int n) {
        byte[] text = (type + Integer.toString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        out.write(text, 0, text.length);
    }
}
