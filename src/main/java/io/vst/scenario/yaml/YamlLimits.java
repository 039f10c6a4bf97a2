package io.vst.scenario.yaml;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.SourceSpan;
import io.vst.units.Units;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The size limits a scenario text must stay within, and a linear pre-scan that finds the first place a
 * text breaks the nesting and alias limits before the YAML parser (which recurses once per level and
 * expands aliases) ever sees it. The scan follows YAML's lexical rules closely enough for counting
 * (quotes, comments, flow brackets, block indentation and {@code - } entries); the parser still has the
 * final word on syntax.
 */
final class YamlLimits {

    /** Largest scenario file read, in bytes (a 10,000-step scenario is about 600 KB). */
    static final long MAX_FILE_BYTES = 2L << 20;
    /** Largest scenario text read, in characters (the editor's text has no file size). */
    static final int MAX_CHARS = (int) MAX_FILE_BYTES;
    /** Deepest nesting of lists and mappings, block and flow together (the guide's deepest is about 10). */
    static final int MAX_DEPTH = 64;
    /** Most aliases ({@code *name}) a scenario may use. */
    static final int MAX_ALIASES = 50;
    /** Most YAML nodes once aliases are expanded. */
    static final int MAX_NODES = 1_000_000;
    /** Longest single value, in characters. */
    static final int MAX_SCALAR_CHARS = 65_536;

    private final String text;
    private final String file;
    private final Deque<Integer> indents = new ArrayDeque<>();
    private final java.util.List<Anchor> anchors = new java.util.ArrayList<>();
    private int flow;
    /** Leading spaces of the current line (in block context). */
    private int lineIndent;
    private int aliases;
    private int line = 1;
    private int lineStart;

    private YamlLimits(String text, String file) {
        this.text = text;
        this.file = file;
    }

    /** The first limit {@code text} breaks, as an error diagnostic, or {@code null} when it keeps them all. */
    static Diagnostic check(String text, String file) {
        if (text.length() > MAX_CHARS) {
            return Diagnostic.error(SourceSpan.at(file, 1, 1), "The scenario has " + Units.count(text.length())
                    + " characters; the limit is " + Units.count(MAX_CHARS), splitHint());
        }
        return new YamlLimits(text, file).scan();
    }

    static String splitHint() {
        return "make it smaller: use loop steps (with ${loop_index}) instead of repeating steps, or split it "
                + "into several scenarios";
    }

    private Diagnostic scan() {
        int i = 0;
        int n = text.length();
        boolean lineHead = true;
        while (i < n) {
            char c = text.charAt(i);
            if (lineHead) {
                int indent = 0;
                while (i + indent < n && text.charAt(i + indent) == ' ') {
                    indent++;
                }
                int next = i + indent;
                lineHead = false;
                if (next < n && text.charAt(next) != '\n' && text.charAt(next) != '#' && flow == 0) {
                    Diagnostic d = blockLevel(indent, next);
                    if (d != null) {
                        return d;
                    }
                }
                i = next;
                continue;
            }
            if (c == '\n') {
                closeAnchors(a -> a.inline && a.flow >= flow);
                line++;
                i++;
                lineStart = i;
                lineHead = true;
                continue;
            }
            if (c == '#' && (i == lineStart || Character.isWhitespace(text.charAt(i - 1)))) {
                i = endOfLine(i);
                continue;
            }
            boolean nodeStart = "\"'[{&*".indexOf(c) >= 0 && nodeStart(i);
            if ((c == '"' || c == '\'') && nodeStart) {
                i = skipQuoted(i, c);
                continue;
            }
            if ((c == '[' || c == '{') && (flow > 0 || nodeStart)) {
                flow++;
                if (indents.size() + flow > MAX_DEPTH) {
                    return tooDeep(i);
                }
            } else if ((c == ']' || c == '}') && flow > 0) {
                flow--;
                closeAnchors(a -> a.flow > flow || a.flow == flow && a.inline);
            } else if (c == ',' && flow > 0) {
                closeAnchors(a -> a.flow >= flow);
            } else if (c == '&' && nodeStart && !name(i + 1).isEmpty()) {
                String name = name(i + 1);
                int after = i + 1 + name.length();
                int eol = endOfLine(after);
                String rest = text.substring(after, eol).strip();
                anchors.add(new Anchor(name, lineIndent, flow,
                        !rest.isEmpty() && !rest.startsWith("#")));
            } else if (c == '*' && nodeStart && !name(i + 1).isEmpty()) { // "* item" in a text is no alias
                if (++aliases > MAX_ALIASES) {
                    return Diagnostic.error(at(i), "The scenario uses more than " + MAX_ALIASES + " aliases (*name)",
                            "write the values out, or share settings through global_config");
                }
                String name = name(i + 1);
                if (anchors.stream().anyMatch(a -> a.name.equals(name))) {
                    return Diagnostic.error(at(i), "The alias *" + name + " is inside the anchor &" + name
                            + " it refers to: the value would be endless", "an alias (*name) may only refer to an "
                            + "anchor whose value is complete before it");
                }
            }
            i++;
        }
        return null;
    }

    /** An anchor ({@code &name}) whose value may still be open, and how to tell when it ends. */
    private record Anchor(String name, int indent, int flow, boolean inline) {
    }

    private void closeAnchors(java.util.function.Predicate<Anchor> ended) {
        anchors.removeIf(ended);
    }

    /** The anchor or alias name starting at {@code i}. */
    private String name(int i) {
        int end = i;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && ",[]{}".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return text.substring(i, end);
    }

    /** Opens the block levels a line starting at {@code indent} (plus its compact {@code - } entries) implies. */
    private Diagnostic blockLevel(int indent, int first) {
        closeAnchors(a -> a.flow == 0 && indent <= a.indent);
        lineIndent = indent;
        while (!indents.isEmpty() && indents.peek() >= indent) {
            indents.pop();
        }
        indents.push(indent);
        int p = first;
        while (p < text.length() && text.charAt(p) == '-' && (p + 1 == text.length()
                || text.charAt(p + 1) == ' ' || text.charAt(p + 1) == '\n')) {
            p++;
            while (p < text.length() && text.charAt(p) == ' ') {
                p++;
            }
            indents.push(p - lineStart);
            if (indents.size() > MAX_DEPTH) {
                return tooDeep(Math.min(p, text.length() - 1));
            }
        }
        return indents.size() > MAX_DEPTH ? tooDeep(Math.min(p, text.length() - 1)) : null;
    }

    /** Whether position {@code i} may start a node: only blanks, or an indicator, before it. */
    private boolean nodeStart(int i) {
        int p = i - 1;
        while (p >= lineStart && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
            p--;
        }
        if (p < lineStart) {
            return true;
        }
        char prev = text.charAt(p);
        boolean blank = p < i - 1;
        if (blank && isNodeProperty(p)) {
            return nodeStart(wordStart(p)); // an anchor or tag comes before the node it names
        }
        if (flow > 0) {
            return prev == '[' || prev == '{' || prev == ',' || (prev == ':' && blank) || prev == '?';
        }
        return blank && (prev == ':' || prev == '-' || prev == '?');
    }

    /** Whether the word ending at {@code end} is an anchor ({@code &a}) or a tag ({@code !!str}). */
    private boolean isNodeProperty(int end) {
        int start = wordStart(end);
        return end - start < 256 && (text.charAt(start) == '&' || text.charAt(start) == '!');
    }

    /** Start of the word ending at {@code end}, looking back at most 256 characters (names are short). */
    private int wordStart(int end) {
        int start = end;
        while (start > lineStart && end - start < 256 && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    private int skipQuoted(int start, char quote) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
            } else if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                if (quote == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i + 1;
                }
            }
            i++;
        }
        return i;
    }

    private int endOfLine(int i) {
        int eol = text.indexOf('\n', i);
        return eol < 0 ? text.length() : eol;
    }

    private SourceSpan at(int offset) {
        return SourceSpan.at(file, line, offset - lineStart + 1);
    }

    private Diagnostic tooDeep(int offset) {
        return Diagnostic.error(at(offset), "Lists and mappings are nested more than " + MAX_DEPTH
                + " levels deep here; the limit is " + MAX_DEPTH, "flatten the structure: a scenario needs only a "
                + "few levels (steps, a loop or parallel step, its steps, their parameters)");
    }

    /** Error for a YAML tree that grew past {@link #MAX_NODES} once aliases were expanded. */
    static Diagnostic tooManyNodes(SourceSpan at) {
        return Diagnostic.error(at, "The scenario has more than " + Units.count(MAX_NODES) + " values once its aliases "
                + "are expanded; the limit is " + Units.count(MAX_NODES), "use fewer aliases (*name), or write less");
    }

    /** Error for one scalar longer than {@link #MAX_SCALAR_CHARS}. */
    static Diagnostic scalarTooLong(SourceSpan at, int length) {
        return Diagnostic.error(at, "This value has " + Units.count(length) + " characters; the limit is "
                + Units.count(MAX_SCALAR_CHARS), "shorten it: no key of a scenario needs a value this long");
    }
}
