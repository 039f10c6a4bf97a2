package io.vst.scenario.yaml;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.SourceSpan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Turns YAML text into a {@link YamlNode} tree with positions, reporting syntax errors and duplicate
 * keys as diagnostics instead of throwing. Uses snakeyaml-engine's composer (not its constructor) so
 * every node keeps its marks and duplicate keys can be reported with both positions.
 */
public final class YamlTreeReader {

    private final String file;
    private final List<Diagnostic> diagnostics;
    /** Nodes being converted (the path from the root), to catch an alias inside its own anchor. */
    private final Set<Node> path = Collections.newSetFromMap(new IdentityHashMap<>());
    private int nodes;
    private Diagnostic limit;

    private YamlTreeReader(String file, List<Diagnostic> diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    /** The tree of {@code text}, or {@code null} when it is not valid YAML or empty (diagnostics say why). */
    public static YamlNode read(String text, String file, List<Diagnostic> diagnostics) {
        Diagnostic broken = YamlLimits.check(text, file);
        if (broken != null) {
            diagnostics.add(broken);
            return null;
        }
        LoadSettings settings = LoadSettings.builder().setLabel(file).setSchema(new CoreSchema())
                .setCodePointLimit(YamlLimits.MAX_CHARS + 1).setMaxAliasesForCollections(YamlLimits.MAX_ALIASES)
                .setAllowDuplicateKeys(true).setAllowNonScalarKeys(true).build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(text);
        } catch (StackOverflowError e) {
            // the pre-scan bounds nesting; this is the backstop should some construct slip past its count
            diagnostics.add(Diagnostic.error(SourceSpan.at(file, 1, 1), "The scenario is nested too deeply to read "
                    + "(the limit is " + YamlLimits.MAX_DEPTH + " levels)", "flatten the structure"));
            return null;
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            if (e.getProblem() != null && e.getProblem().contains("end of stream") && e.getContextMark().isPresent()) {
                mark = e.getContextMark().get(); // where the unclosed thing started, not the end of the file
            }
            SourceSpan span = mark == null ? SourceSpan.at(file, 1, 1)
                    : SourceSpan.at(file, mark.getLine() + 1, mark.getColumn() + 1);
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            diagnostics.add(Diagnostic.error(span, "YAML syntax error: " + problem + context, syntaxHint(problem)));
            return null;
        } catch (YamlEngineException e) {
            diagnostics.add(Diagnostic.error(SourceSpan.at(file, 1, 1), "YAML error: " + e.getMessage(), null));
            return null;
        }
        if (root.isEmpty()) {
            diagnostics.add(Diagnostic.error(SourceSpan.at(file, 1, 1), "The scenario is empty",
                    "a scenario needs at least 'name' and 'steps'"));
            return null;
        }
        YamlTreeReader reader = new YamlTreeReader(file, diagnostics);
        YamlNode tree = reader.convert(root.get());
        if (reader.limit != null) {
            diagnostics.add(reader.limit);
            return null;
        }
        return tree;
    }

    private static String syntaxHint(String problem) {
        String p = problem.toLowerCase(Locale.ROOT);
        if (p.contains("tab")) {
            return "indent with spaces, not tabs";
        }
        if (p.contains("mapping values are not allowed")) {
            return "a value containing ': ' must be quoted, or the indentation of this line is off";
        }
        if (p.contains("undefined alias")) {
            return "define the anchor (&name) before the alias (*name) that refers to it";
        }
        if (p.contains("could not find expected ':'")) {
            return "a key must be followed by ': ' on the same line (and be at most 1024 characters)";
        }
        if (p.contains("expected <block end>")) {
            return "check the indentation of this line against the lines above";
        }
        return null;
    }

    private SourceSpan span(Node n) {
        Mark start = n.getStartMark().orElse(null);
        Mark end = n.getEndMark().orElse(start);
        if (start == null) {
            return SourceSpan.at(file, 0, 0);
        }
        return new SourceSpan(file, start.getLine() + 1, start.getColumn() + 1, end.getLine() + 1,
                end.getColumn() + 1);
    }

    /** Converts {@code n}; once a limit is broken ({@link #limit} set) the rest is skipped and discarded. */
    private YamlNode convert(Node n) {
        if (limit == null && ++nodes > YamlLimits.MAX_NODES) {
            limit = YamlLimits.tooManyNodes(span(n));
        }
        if (limit != null) {
            return new YamlNode.Scalar("", false, null, span(n));
        }
        if (n instanceof ScalarNode s) {
            return scalar(s);
        }
        if (!path.add(n)) {
            limit = Diagnostic.error(span(n), "This anchor (&name) contains an alias to itself: the value would "
                    + "be endless", "an alias (*name) may only refer to an anchor that is complete before it");
            return new YamlNode.Scalar("", false, null, span(n));
        }
        try {
            return n instanceof SequenceNode seq ? sequence(seq) : mapping((MappingNode) n);
        } finally {
            path.remove(n);
        }
    }

    private YamlNode sequence(SequenceNode seq) {
        List<YamlNode> items = new ArrayList<>(seq.getValue().size());
        for (Node item : seq.getValue()) {
            items.add(convert(item));
        }
        return new YamlNode.Sequence(items, span(seq));
    }

    private YamlNode mapping(MappingNode map) {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            Node k = t.getKeyNode();
            SourceSpan keySpan = span(k);
            if (!(k instanceof ScalarNode ks)) {
                diagnostics.add(Diagnostic.error(keySpan, "Keys must be plain words, not " + describe(k), null));
                continue;
            }
            String key = ks.getValue();
            if (key.length() > YamlLimits.MAX_SCALAR_CHARS && limit == null) {
                limit = YamlLimits.scalarTooLong(keySpan, key.length());
            }
            YamlNode.Entry first = entries.get(key);
            if (first != null) {
                diagnostics.add(Diagnostic.error(keySpan, "Duplicate key '" + key + "' (first defined at line "
                        + first.keySpan().line() + ")", "remove one of them; only the first is used"));
                continue;
            }
            entries.put(key, new YamlNode.Entry(key, keySpan, convert(t.getValueNode())));
        }
        return new YamlNode.Mapping(entries, span(map));
    }

    private static String describe(Node n) {
        return n instanceof SequenceNode ? "a list" : "a mapping";
    }

    private YamlNode.Scalar scalar(ScalarNode s) {
        String text = s.getValue();
        if (text.length() > YamlLimits.MAX_SCALAR_CHARS && limit == null) {
            limit = YamlLimits.scalarTooLong(span(s), text.length());
        }
        boolean quoted = s.getScalarStyle() != ScalarStyle.PLAIN;
        Object value = text;
        if (!quoted) {
            Tag tag = s.getTag();
            if (Tag.NULL.equals(tag)) {
                value = null;
            } else if (Tag.BOOL.equals(tag)) {
                value = Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
            } else if (Tag.INT.equals(tag)) {
                value = parseInt(text);
            } else if (Tag.FLOAT.equals(tag)) {
                value = parseFloat(text);
            }
        }
        return new YamlNode.Scalar(text, quoted, value, span(s));
    }

    private static Object parseInt(String text) {
        String t = text.replace("_", "");
        try {
            if (t.startsWith("0x")) {
                return Long.parseLong(t.substring(2), 16);
            }
            if (t.startsWith("0o")) {
                return Long.parseLong(t.substring(2), 8);
            }
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            // beyond long range: keep it as a (large) double so range checks still see it
            return parseFloat(t);
        }
    }

    private static Object parseFloat(String text) {
        String t = text.replace("_", "").toLowerCase(Locale.ROOT);
        if (t.endsWith(".inf")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (t.equals(".nan")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return text; // resolver said float but Java disagrees: leave as text for the validator
        }
    }

    /** The plain Java value of a node: Long/Double/Boolean/String/null, List, or Map. */
    public static Object plain(YamlNode n) {
        if (n == null) {
            return null;
        }
        if (n instanceof YamlNode.Scalar s) {
            return s.value();
        }
        if (n instanceof YamlNode.Sequence seq) {
            List<Object> out = new ArrayList<>(seq.items().size());
            for (YamlNode item : seq.items()) {
                out.add(plain(item));
            }
            return java.util.Collections.unmodifiableList(out);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((YamlNode.Mapping) n).entries().forEach((k, e) -> out.put(k, plain(e.value())));
        return java.util.Collections.unmodifiableMap(out);
    }
}
