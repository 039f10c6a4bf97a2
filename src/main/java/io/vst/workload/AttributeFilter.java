package io.vst.workload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongPredicate;

/**
 * A query's {@code filter} evaluated on the attribute values vst writes ({@link FieldValues}), so recall
 * of a filtered query is measured against the exact top-k of the vectors that pass it. It follows the
 * valkey-search pre-filter syntax: {@code *}; {@code @tag:{a|b|pre*}} (TAG fields, case-insensitive,
 * values split at commas); {@code @num:[lo hi]} with {@code (} for an exclusive bound and
 * {@code inf}/{@code -inf}; {@code -} negates; a space means AND, {@code |} between clauses OR;
 * parentheses group. Anything else (parameters, other wildcards, AND and OR mixed without parentheses,
 * fields vst does not write) is not evaluated: recall is then not measured rather than guessed.
 *
 * <pre>{@code
 * AttributeFilter f = AttributeFilter.parse("@category:{t1} @price:[20 (70]", vectors.fields());
 * boolean counts = f.test(42);   // vector 42 passes: it belongs to the ground truth
 * }</pre>
 *
 * <p>Results are cached per id (two bits per id); not thread-safe.
 */
final class AttributeFilter {

    /** A filter vst cannot evaluate exactly; the message says why. */
    static final class NotMeasurable extends Exception {
        private static final long serialVersionUID = 1L;

        NotMeasurable(String message) {
            super(message);
        }
    }

    private final LongPredicate predicate;
    private long[] known = new long[16];
    private long[] passes = new long[16];

    private AttributeFilter(LongPredicate predicate) {
        this.predicate = predicate;
    }

    /** Parses {@code text} against the fields vst writes. */
    static AttributeFilter parse(String text, FieldValues fields) throws NotMeasurable {
        Parser p = new Parser(text, fields);
        LongPredicate all = p.sequence();
        p.skipSpace();
        if (p.at < text.length()) {
            throw new NotMeasurable("unexpected '" + text.charAt(p.at) + "' at position " + (p.at + 1));
        }
        return new AttributeFilter(all);
    }

    /** Whether vector {@code id} passes the filter. */
    boolean test(long id) {
        int w = (int) (id >>> 6);
        if (w >= known.length) {
            known = Arrays.copyOf(known, Math.max(known.length * 2, w + 1));
            passes = Arrays.copyOf(passes, known.length);
        }
        long bit = 1L << id;
        if ((known[w] & bit) == 0) {
            known[w] |= bit;
            if (predicate.test(id)) {
                passes[w] |= bit;
            }
        }
        return (passes[w] & bit) != 0;
    }

    /** The ids of {@code ids} that pass, in order. */
    long[] keep(long[] ids) {
        long[] out = new long[ids.length];
        int n = 0;
        for (long id : ids) {
            if (test(id)) {
                out[n++] = id;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Recursive descent over the filter text. */
    private static final class Parser {
        private final String text;
        private final FieldValues fields;
        private int at;

        Parser(String text, FieldValues fields) {
            this.text = text;
            this.fields = fields;
        }

        /** Clauses separated by spaces (AND), each possibly an OR of clauses. */
        LongPredicate sequence() throws NotMeasurable {
            List<LongPredicate> and = new ArrayList<>();
            boolean or = false;
            while (true) {
                skipSpace();
                if (at >= text.length() || text.charAt(at) == ')') {
                    break;
                }
                List<LongPredicate> alternatives = new ArrayList<>(List.of(unary()));
                skipSpace();
                while (peek() == '|') {
                    at++;
                    skipSpace();
                    alternatives.add(unary());
                    skipSpace();
                }
                or |= alternatives.size() > 1;
                and.add(alternatives.size() == 1 ? alternatives.get(0)
                        : id -> alternatives.stream().anyMatch(a -> a.test(id)));
            }
            if (and.isEmpty()) {
                throw new NotMeasurable("empty filter expression");
            }
            if (or && and.size() > 1) {
                throw new NotMeasurable("it mixes AND (space) and OR (|) without parentheses");
            }
            return and.size() == 1 ? and.get(0) : id -> and.stream().allMatch(a -> a.test(id));
        }

        private LongPredicate unary() throws NotMeasurable {
            char c = peek();
            if (c == '-') {
                at++;
                LongPredicate inner = unary();
                return id -> !inner.test(id);
            }
            if (c == '(') {
                at++;
                LongPredicate inner = sequence();
                expect(')');
                return inner;
            }
            if (c == '*' && text.trim().equals("*")) {
                at = text.length();
                return id -> true;
            }
            if (c != '@') {
                throw new NotMeasurable("expected @field at position " + (at + 1));
            }
            int colon = text.indexOf(':', at);
            if (colon < 0) {
                throw new NotMeasurable("expected ':' after the field name at position " + (at + 1));
            }
            String name = text.substring(at + 1, colon).trim();
            if (!fields.has(name)) {
                throw new NotMeasurable("vst writes no field '" + name + "'");
            }
            at = colon + 1;
            skipSpace();
            return fields.isTag(name) ? tag(name) : numeric(name);
        }

        private LongPredicate tag(String name) throws NotMeasurable {
            String body = block('{', '}', name);
            List<String> wanted = new ArrayList<>();
            for (String t : body.split("\\|")) {
                String tag = t.replace("\\", "").trim().toLowerCase(Locale.ROOT);
                int star = tag.indexOf('*');
                if (tag.isEmpty() || (star >= 0 && star != tag.length() - 1)) {
                    throw new NotMeasurable("tag '" + t.trim() + "' of field '" + name + "' is not a plain or prefix* tag");
                }
                wanted.add(tag);
            }
            return id -> {
                for (String value : fields.value(name, id).split(",")) {
                    String v = value.trim().toLowerCase(Locale.ROOT);
                    for (String w : wanted) {
                        if (w.endsWith("*") ? v.startsWith(w.substring(0, w.length() - 1)) : v.equals(w)) {
                            return true;
                        }
                    }
                }
                return false;
            };
        }

        private LongPredicate numeric(String name) throws NotMeasurable {
            String[] bounds = block('[', ']', name).trim().split("\\s+");
            if (bounds.length != 2) {
                throw new NotMeasurable("numeric range of field '" + name + "' needs two bounds");
            }
            boolean lowOpen = bounds[0].startsWith("(");
            boolean highOpen = bounds[1].startsWith("(");
            double low = bound(bounds[0], name);
            double high = bound(bounds[1], name);
            return id -> {
                double v;
                try {
                    v = Double.parseDouble(fields.value(name, id));
                } catch (NumberFormatException notANumber) {
                    // The server indexes no number for this vector, so the range cannot match it.
                    return false;
                }
                return (lowOpen ? v > low : v >= low) && (highOpen ? v < high : v <= high);
            };
        }

        private static double bound(String token, String name) throws NotMeasurable {
            String v = (token.startsWith("(") ? token.substring(1) : token).toLowerCase(Locale.ROOT);
            switch (v) {
                case "inf", "+inf" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-inf" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {
                    try {
                        return Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new NotMeasurable("bound '" + token + "' of field '" + name + "' is not a number");
                    }
                }
            }
        }

        private String block(char open, char close, String name) throws NotMeasurable {
            if (peek() != open) {
                throw new NotMeasurable("field '" + name + "' needs " + open + "..." + close + " at position "
                        + (at + 1));
            }
            int end = text.indexOf(close, at);
            if (end < 0) {
                throw new NotMeasurable("missing '" + close + "' for field '" + name + "'");
            }
            String body = text.substring(at + 1, end);
            at = end + 1;
            return body;
        }

        private void expect(char c) throws NotMeasurable {
            skipSpace();
            if (peek() != c) {
                throw new NotMeasurable("expected '" + c + "' at position " + (at + 1));
            }
            at++;
        }

        private char peek() {
            return at < text.length() ? text.charAt(at) : '\0';
        }

        void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
