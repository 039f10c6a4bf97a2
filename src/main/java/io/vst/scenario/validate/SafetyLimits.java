package io.vst.scenario.validate;

/**
 * Limits that keep a run safe on anyone's server, shared by validation and the engine.
 *
 * <p>The key prefix: vst deletes and indexes every key under it, so it must name only keys vst writes.
 * An empty prefix covers the whole database, and glob characters ({@code * ? [ ] \}) read as patterns
 * in every other tool's SCAN MATCH / KEYS, so both are refused. The vector count: live vectors are
 * tracked by 31-bit ids (dataset rows and their expansions), so no step can ask for more than
 * {@link #MAX_VECTORS}.
 *
 * <pre>{@code
 * SafetyLimits.prefixProblem("vec:")   // null: fine
 * SafetyLimits.prefixProblem("")       // "is empty: it would cover every key in the database, ..."
 * }</pre>
 */
public final class SafetyLimits {

    /** Most live vectors a run can address: ids are 0 .. 2^31 - 2 (rows, then expand_n_row). */
    public static final long MAX_VECTORS = Integer.MAX_VALUE;

    /** Characters that SCAN MATCH and KEYS read as a pattern. */
    public static final String GLOB_CHARACTERS = "*?[]\\";

    private SafetyLimits() {
    }

    /** Why {@code prefix} is unsafe, or null when it is fine. */
    public static String prefixProblem(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            return "is empty: it would cover every key in the database, including keys vst did not write";
        }
        for (char c : prefix.toCharArray()) {
            if (GLOB_CHARACTERS.indexOf(c) >= 0) {
                return "contains the glob character '" + c + "', which other tools read as a pattern matching keys"
                        + " vst did not write";
            }
        }
        return null;
    }

    /** The hint shown with {@link #prefixProblem}. */
    public static String prefixHint() {
        return "give a prefix of your own that ends with a separator, e.g. prefix: \"vec:\" (the default)";
    }
}
