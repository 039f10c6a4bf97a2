package io.vst.gui.editor;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.Severity;
import io.vst.scenario.yaml.ParseResult;
import java.util.Locale;

/** How problems read in tool tips and the status bar. */
public final class ProblemText {

    private ProblemText() {
    }

    /** Message and hint as HTML for a tool tip. Any thread. */
    public static String html(Diagnostic d) {
        String head = "<b>" + escape(d.severity().label()) + ":</b> " + escape(d.message());
        return "<html>" + head + (d.hint() == null ? "" : "<br><i>hint:</i> " + escape(d.hint())) + "</html>";
    }

    /** e.g. {@code 2 errors, 1 warning} or {@code No problems}. Any thread. */
    public static String count(ParseResult r) {
        if (r == null) {
            return "";
        }
        long errors = r.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).count();
        long warnings = r.diagnostics().stream().filter(d -> d.severity() == Severity.WARNING).count();
        if (errors == 0 && warnings == 0) {
            return "No problems";
        }
        return String.format(Locale.ROOT, "%d error%s, %d warning%s", errors, errors == 1 ? "" : "s", warnings,
                warnings == 1 ? "" : "s");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
