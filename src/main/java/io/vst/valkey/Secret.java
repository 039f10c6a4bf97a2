package io.vst.valkey;

/**
 * A password that never shows in text: {@link #toString()} names only where it came from.
 *
 * @see ValkeyEndpoint
 */
public final class Secret {

    private final String value;
    private final String source;

    Secret(String value, String source) {
        this.value = value;
        this.source = source;
    }

    /** The password itself, for the connection only. */
    String reveal() {
        return value;
    }

    /** Where the password came from, e.g. {@code env VST_PASSWORD} or {@code URI}. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "<password from " + source + ">";
    }
}
