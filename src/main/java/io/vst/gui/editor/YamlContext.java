package io.vst.gui.editor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the caret sits in a YAML text, worked out from indentation alone so it works while the text
 * is half typed and not valid YAML: the chain of keys (and list items) above the caret, the scalar
 * keys of each enclosing mapping, and whether the caret is on a key or after {@code key: }.
 *
 * <pre>
 * YamlContext c = YamlContext.at("steps:\n  - type: workload\n    workload: ", 36);
 * c.path();      // [steps, -]
 * c.valueKey();  // workload
 * </pre>
 *
 * @param path keys from the root to the caret's mapping; {@code "-"} stands for a list item
 * @param scalars for each level of {@code path} plus the root (index 0), the {@code key: value} pairs
 *     found at that level
 * @param valueKey the key whose value the caret is on, or {@code null} when the caret is on a key
 * @param typed what is typed before the caret in the current word
 */
public record YamlContext(List<String> path, List<Map<String, String>> scalars, String valueKey, String typed) {

    private static final Pattern LINE = Pattern.compile("^(\\s*)(-\\s+)?([A-Za-z0-9_]+)\\s*:\\s*(.*)$");
    private static final Pattern DASH_ONLY = Pattern.compile("^(\\s*)-\\s*([A-Za-z0-9_]*)$");
    private static final Pattern KEY_TYPING = Pattern.compile("^(\\s*)(-\\s+)?([A-Za-z0-9_]*)$");

    /** Works out the context at {@code caret} in {@code text}. Any thread. */
    public static YamlContext at(String text, int caret) {
        int lineStart = text.lastIndexOf('\n', Math.max(0, caret - 1)) + 1;
        if (caret == 0) {
            lineStart = 0;
        }
        String prefix = text.substring(lineStart, caret);
        String[] above = lineStart == 0 ? new String[0] : text.substring(0, lineStart - 1).split("\n", -1);
        List<String> path = new ArrayList<>();
        List<Map<String, String>> scalars = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        int level;
        String valueKey = null;
        String typed;
        Matcher m = LINE.matcher(prefix);
        Matcher dash = DASH_ONLY.matcher(prefix);
        Matcher key = KEY_TYPING.matcher(prefix);
        if (m.matches()) {
            valueKey = m.group(3);
            typed = m.group(4).trim();
            level = m.group(1).length() + (m.group(2) == null ? 0 : m.group(2).length());
            if (m.group(2) != null) {
                // "- key: val" opens a list item on this very line.
                path.add("-");
                scalars.add(current);
                current = new LinkedHashMap<>();
                level = m.group(1).length();
            }
        } else if (dash.matches()) {
            typed = dash.group(2);
            path.add("-");
            scalars.add(current);
            current = new LinkedHashMap<>();
            level = dash.group(1).length();
        } else if (key.matches()) {
            typed = key.group(3);
            level = key.group(1).length() + (key.group(2) == null ? 0 : key.group(2).length());
            if (key.group(2) != null) {
                path.add("-");
                scalars.add(current);
                current = new LinkedHashMap<>();
                level = key.group(1).length();
            }
        } else {
            return new YamlContext(List.of(), List.of(Map.of()), null, "");
        }
        for (int i = above.length - 1; i >= 0; i--) {
            Matcher l = LINE.matcher(above[i]);
            if (!l.matches() || above[i].trim().startsWith("#")) {
                continue;
            }
            int dashCol = l.group(1).length();
            int keyCol = dashCol + (l.group(2) == null ? 0 : l.group(2).length());
            boolean parentOfSequence = keyCol == level && l.group(2) == null && "-".equals(last(path));
            if (keyCol == level && !parentOfSequence) {
                current.putIfAbsent(l.group(3), l.group(4).trim());
                if (l.group(2) != null) {
                    path.add("-");
                    scalars.add(current);
                    current = new LinkedHashMap<>();
                    level = dashCol;
                }
            } else if (keyCol <= level) {
                path.add(l.group(3));
                scalars.add(current);
                current = new LinkedHashMap<>();
                current.put(l.group(3), l.group(4).trim());
                level = keyCol;
                if (l.group(2) != null) {
                    path.add("-");
                    scalars.add(current);
                    current = new LinkedHashMap<>();
                    level = dashCol;
                }
            }
        }
        scalars.add(current);
        Collections.reverse(path);
        Collections.reverse(scalars);
        return new YamlContext(List.copyOf(path), List.copyOf(scalars), valueKey, typed);
    }

    private static String last(List<String> path) {
        return path.isEmpty() ? null : path.get(path.size() - 1);
    }

    /** The scalar pairs of the innermost mapping (the caret's). Any thread. */
    public Map<String, String> here() {
        return scalars.get(scalars.size() - 1);
    }
}
