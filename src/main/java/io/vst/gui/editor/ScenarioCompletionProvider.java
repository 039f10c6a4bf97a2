package io.vst.gui.editor;

import io.vst.scenario.schema.ParamSpec;
import io.vst.scenario.schema.SchemaRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.swing.text.BadLocationException;
import javax.swing.text.JTextComponent;
import org.fife.ui.autocomplete.BasicCompletion;
import org.fife.ui.autocomplete.Completion;
import org.fife.ui.autocomplete.DefaultCompletionProvider;

/**
 * Completion for scenario YAML, generated from the {@link SchemaRegistry}: the keys valid in the caret's
 * mapping (with type, default, range and documentation in the side window), the values of enum and
 * boolean keys, step types, workload names and condition metrics, plus a snippet per step type where a
 * step may start.
 */
public final class ScenarioCompletionProvider extends DefaultCompletionProvider {

    private final SchemaContext schema;
    private final StepSnippets snippets;

    /** EDT only. */
    public ScenarioCompletionProvider(SchemaRegistry registry) {
        this.schema = new SchemaContext(registry);
        this.snippets = new StepSnippets(this);
    }

    /** The completions at the caret of {@code comp}, already filtered by what is typed. EDT only. */
    @Override
    protected List<Completion> getCompletionsImpl(JTextComponent comp) {
        String text;
        try {
            text = comp.getDocument().getText(0, comp.getDocument().getLength());
        } catch (BadLocationException e) {
            return List.of();
        }
        YamlContext c = YamlContext.at(text, Math.min(comp.getCaretPosition(), text.length()));
        String typed = getAlreadyEnteredText(comp).toLowerCase(Locale.ROOT);
        List<Completion> out = new ArrayList<>();
        if (c.valueKey() != null) {
            for (SchemaContext.Choice ch : schema.values(c)) {
                if (ch.value().startsWith(typed)) {
                    out.add(new BasicCompletion(this, ch.value(), null, docHtml(ch.value(), ch.doc())));
                }
            }
            return out;
        }
        for (ParamSpec p : schema.keys(c)) {
            if (p.key().startsWith(typed)) {
                out.add(new BasicCompletion(this, p.key() + ": ", p.summary(), docHtml(p)));
            }
        }
        SchemaContext.Place place = schema.place(c);
        boolean stepStart = place == SchemaContext.Place.STEP && c.here().isEmpty();
        if (stepStart || place == SchemaContext.Place.STEP_LIST) {
            int caret = Math.min(comp.getCaretPosition(), text.length());
            int lineStart = text.lastIndexOf('\n', caret - 1) + 1;
            int wordStart = caret - typed.length();
            int indent = 0;
            while (lineStart + indent < wordStart && text.charAt(lineStart + indent) == ' ') {
                indent++;
            }
            out.addAll(snippets.matching(typed, !stepStart, wordStart - lineStart - indent));
        }
        return out;
    }

    private static String docHtml(ParamSpec p) {
        return "<b>" + ProblemText.escape(p.key()) + "</b> — " + ProblemText.escape(p.summary()) + "<br><br>"
                + ProblemText.escape(p.doc() == null ? "" : p.doc());
    }

    private static String docHtml(String value, String doc) {
        return "<b>" + ProblemText.escape(value) + "</b><br><br>" + ProblemText.escape(doc == null ? "" : doc);
    }
}
