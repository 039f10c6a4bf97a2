package io.vst.testsupport.proxy;

import io.vst.testsupport.proxy.IndexDefinition.Attribute;
import io.vst.testsupport.proxy.IndexDefinition.NumericAttribute;
import io.vst.testsupport.proxy.IndexDefinition.TagAttribute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The filter part of a query: {@code *}, or clauses joined by spaces (AND), each
 * {@code [-]@tag:{a|b|pre*}} or {@code [-]@num:[lo hi]} with {@code (} for exclusive bounds, {@code inf}
 * and {@code $param} values.
 *
 * @param clauses the AND-ed clauses; empty matches every hash
 */
public record QueryFilter(List<Clause> clauses) {

    /** One condition on a hash. */
    public sealed interface Clause {
        /** Whether the hash passes. */
        boolean matches(HashDocument document);
    }

    /** Any of the tags (a trailing {@code *} is a prefix match). */
    public record TagClause(TagAttribute attribute, List<String> tags, boolean negated) implements Clause {
        @Override
        public boolean matches(HashDocument document) {
            byte[] raw = document.fields().get(attribute.identifier());
            boolean hit = raw != null && Arrays.stream(RespValue.latin1(raw).split(java.util.regex.Pattern.quote(
                    attribute.separator()))).map(t -> normalise(t.trim())).anyMatch(this::wanted);
            return hit != negated;
        }

        private boolean wanted(String tag) {
            return tags.stream().anyMatch(t -> t.endsWith("*") ? tag.startsWith(t.substring(0, t.length() - 1))
                    : tag.equals(t));
        }

        private String normalise(String tag) {
            return attribute.caseSensitive() ? tag : tag.toLowerCase(Locale.ROOT);
        }
    }

    /** A numeric range. */
    public record NumericClause(NumericAttribute attribute, double low, boolean lowExclusive, double high,
            boolean highExclusive, boolean negated) implements Clause {
        @Override
        public boolean matches(HashDocument document) {
            byte[] raw = document.fields().get(attribute.identifier());
            java.lang.Double value = raw == null ? null : IndexStats.parseNumber(raw);
            boolean hit = value != null && (lowExclusive ? value > low : value >= low)
                    && (highExclusive ? value < high : value <= high);
            return hit != negated;
        }
    }

    /** Whether every clause passes. */
    public boolean matches(HashDocument document) {
        return clauses.stream().allMatch(c -> c.matches(document));
    }

    /** Parses the filter text against the index's attributes. */
    static QueryFilter parse(String text, IndexDefinition definition, Map<String, byte[]> params) {
        String filter = text.trim();
        if (filter.equals("*") || filter.isEmpty()) {
            return new QueryFilter(List.of());
        }
        List<Clause> clauses = new ArrayList<>();
        int at = 0;
        while (at < filter.length()) {
            if (Character.isWhitespace(filter.charAt(at))) {
                at++;
                continue;
            }
            boolean negated = filter.charAt(at) == '-';
            int start = negated ? at + 1 : at;
            int colon = filter.indexOf(':', start);
            if (start >= filter.length() || filter.charAt(start) != '@' || colon < 0
                    || colon + 1 >= filter.length()) {
                throw new SearchError("Invalid query filter near `" + filter.substring(at) + "`");
            }
            String name = filter.substring(start + 1, colon);
            Attribute attribute = definition.attribute(name)
                    .orElseThrow(() -> new SearchError("Invalid query: field `" + name + "` is not indexed"));
            char open = filter.charAt(colon + 1);
            int close = filter.indexOf(open == '{' ? '}' : ']', colon + 1);
            if ((open != '{' && open != '[') || close < 0) {
                throw new SearchError("Invalid query filter near `" + filter.substring(at) + "`");
            }
            String body = filter.substring(colon + 2, close);
            clauses.add(open == '{' ? tag(attribute, body, negated) : numeric(attribute, body, negated, params));
            at = close + 1;
        }
        return new QueryFilter(List.copyOf(clauses));
    }

    private static Clause tag(Attribute attribute, String body, boolean negated) {
        if (!(attribute instanceof TagAttribute tag)) {
            throw new SearchError("Invalid query: field `" + attribute.alias() + "` is not a TAG field");
        }
        List<String> tags = Arrays.stream(body.split("\\|")).map(t -> t.replace("\\", "").trim())
                .map(t -> tag.caseSensitive() ? t : t.toLowerCase(Locale.ROOT)).toList();
        return new TagClause(tag, tags, negated);
    }

    private static Clause numeric(Attribute attribute, String body, boolean negated, Map<String, byte[]> params) {
        if (!(attribute instanceof NumericAttribute number)) {
            throw new SearchError("Invalid query: field `" + attribute.alias() + "` is not a NUMERIC field");
        }
        String[] bounds = body.trim().split("\\s+");
        if (bounds.length != 2) {
            throw new SearchError("Invalid numeric range `[" + body + "]`");
        }
        String low = substitute(bounds[0], params);
        String high = substitute(bounds[1], params);
        return new NumericClause(number, bound(low), low.startsWith("("), bound(high), high.startsWith("("),
                negated);
    }

    private static double bound(String text) {
        String value = text.startsWith("(") ? text.substring(1) : text;
        switch (value.toLowerCase(Locale.ROOT)) {
            case "inf", "+inf" -> {
                return java.lang.Double.POSITIVE_INFINITY;
            }
            case "-inf" -> {
                return java.lang.Double.NEGATIVE_INFINITY;
            }
            default -> {
                try {
                    return java.lang.Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new SearchError("Invalid numeric value `" + value + "`");
                }
            }
        }
    }

    /** A {@code $name} token replaced by its PARAMS value; other text unchanged. */
    static String substitute(String token, Map<String, byte[]> params) {
        String prefix = token.startsWith("(") ? "(" : "";
        String bare = token.substring(prefix.length());
        if (!bare.startsWith("$")) {
            return token;
        }
        byte[] value = params.get(bare.substring(1));
        if (value == null) {
            throw new SearchError("Parameter `" + bare.substring(1) + "` not found");
        }
        return prefix + RespValue.latin1(value);
    }
}
