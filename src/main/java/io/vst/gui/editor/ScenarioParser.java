package io.vst.gui.editor;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.Severity;
import io.vst.scenario.SourceSpan;
import io.vst.scenario.yaml.ParseResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.text.BadLocationException;
import javax.swing.text.Element;
import org.fife.ui.rsyntaxtextarea.RSyntaxDocument;
import org.fife.ui.rsyntaxtextarea.parser.AbstractParser;
import org.fife.ui.rsyntaxtextarea.parser.DefaultParseResult;
import org.fife.ui.rsyntaxtextarea.parser.DefaultParserNotice;
import org.fife.ui.rsyntaxtextarea.parser.ParserNotice;

/**
 * Feeds RSyntaxTextArea's squiggles from {@link ScenarioCheck}: one notice per diagnostic, underlining
 * exactly the span the diagnostic names, with the message and hint as hover text. The same parse result
 * is handed to listeners (Problems panel, step tree), so all views agree.
 */
public final class ScenarioParser extends AbstractParser {

    private final ScenarioCheck check;
    private final Supplier<String> sourceName;
    private final List<Consumer<ParseResult>> listeners = new CopyOnWriteArrayList<>();
    private ParseResult latest;

    /** EDT only. */
    public ScenarioParser(ScenarioCheck check, Supplier<String> sourceName) {
        this.check = check;
        this.sourceName = sourceName;
    }

    /** Adds a listener called on the EDT after every parse. EDT only. */
    public void addListener(Consumer<ParseResult> l) {
        listeners.add(l);
    }

    /** The last parse, or {@code null} before the first. EDT only. */
    public ParseResult latest() {
        return latest;
    }

    /** EDT only: RSyntaxTextArea calls it from its parse timer. */
    @Override
    public org.fife.ui.rsyntaxtextarea.parser.ParseResult parse(RSyntaxDocument doc, String style) {
        DefaultParseResult out = new DefaultParseResult(this);
        long start = System.nanoTime();
        String text;
        try {
            text = doc.getText(0, doc.getLength());
        } catch (BadLocationException e) {
            out.setError(e);
            return out;
        }
        ParseResult r = check.check(text, sourceName.get());
        Element root = doc.getDefaultRootElement();
        out.setParsedLines(0, root.getElementCount() - 1);
        for (Diagnostic d : r.diagnostics()) {
            out.addNotice(notice(d, root, text.length()));
        }
        out.setParseTime((System.nanoTime() - start) / 1_000_000);
        latest = r;
        listeners.forEach(l -> l.accept(r));
        return out;
    }

    private DefaultParserNotice notice(Diagnostic d, Element root, int textLength) {
        SourceSpan s = d.span();
        int lineIndex = Math.max(0, Math.min(root.getElementCount() - 1, s.line() - 1));
        Element line = root.getElement(lineIndex);
        int lineStart = line.getStartOffset();
        int lineEnd = Math.max(lineStart, Math.min(textLength, line.getEndOffset() - 1));
        int offset = s.known() ? Math.min(lineEnd, lineStart + Math.max(0, s.column() - 1)) : lineStart;
        int length;
        if (s.known() && s.endLine() == s.line() && s.endColumn() > s.column()) {
            length = Math.min(s.endColumn() - s.column(), Math.max(1, lineEnd - offset));
        } else {
            // A point span (or one running past this line) underlines to the end of the line.
            length = Math.max(1, lineEnd - offset);
        }
        DefaultParserNotice n = new DefaultParserNotice(this, d.message(), lineIndex, offset, length);
        n.setLevel(level(d.severity()));
        n.setToolTipText(ProblemText.html(d));
        return n;
    }

    private static ParserNotice.Level level(Severity s) {
        return switch (s) {
            case ERROR -> ParserNotice.Level.ERROR;
            case WARNING -> ParserNotice.Level.WARNING;
            case INFO -> ParserNotice.Level.INFO;
        };
    }
}
