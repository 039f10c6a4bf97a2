package io.vst.report;

import java.util.List;
import java.util.Locale;

/** A small HTML writer: escaped text, tables and sections; nothing on the page needs a network. */
final class Html {

    static final String STYLE = """
            body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#222;background:#fff}
            main{max-width:1240px;margin:0 auto;padding:24px}
            h1{font-size:26px;margin:0 0 4px} h2{font-size:20px;margin:32px 0 8px;border-bottom:1px solid #ddd}
            h3{font-size:16px;margin:20px 0 4px} p.note{color:#555;margin:2px 0 8px}
            table{border-collapse:collapse;font-size:13px;margin:8px 0;width:100%}
            th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f4f6f8} td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            table.kv{width:auto} table.kv th{width:200px}
            pre{background:#f7f7f7;border:1px solid #ddd;padding:12px;overflow:auto;font-size:12px}
            .badge{display:inline-block;padding:2px 8px;border-radius:10px;font-size:13px;font-weight:600}
            .ok{background:#e3f4e3;color:#1b5e20} .warn{background:#fff3d6;color:#8a5a00} .bad{background:#fde2e2;color:#b71c1c}
            nav a{margin-right:12px}
            """;

    private final StringBuilder out = new StringBuilder(1 << 16);
    private final StringBuilder style = new StringBuilder(STYLE);

    Html raw(String s) {
        out.append(s);
        return this;
    }

    Html text(String s) {
        out.append(escape(s));
        return this;
    }

    Html element(String tag, String text) {
        out.append('<').append(tag).append('>').append(escape(text)).append("</").append(tag).append(">\n");
        return this;
    }

    Html heading(String id, String text) {
        out.append("<h2 id=\"").append(escape(id)).append("\">").append(escape(text)).append("</h2>\n");
        return this;
    }

    Html note(String text) {
        out.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A two-column table of names and values. */
    Html keyValues(List<String[]> rows) {
        out.append("<table class=\"kv\">\n");
        for (String[] r : rows) {
            out.append("<tr><th>").append(escape(r[0])).append("</th><td>").append(escape(r[1])).append("</td></tr>\n");
        }
        out.append("</table>\n");
        return this;
    }

    /** A table; a cell that looks like a number is right-aligned. */
    Html table(List<String> header, List<List<String>> rows) {
        out.append("<table>\n<tr>");
        header.forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
        out.append("</tr>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            for (String cell : row) {
                boolean num = cell.matches("[-+]?[0-9][0-9,.]*( ?[A-Za-z%/]{0,4})?");
                out.append(num ? "<td class=\"num\">" : "<td>").append(escape(cell)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n");
        return this;
    }

    /** A badge coloured by how worrying the word is. */
    Html badge(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String kind = lower.startsWith("leak") || lower.startsWith("high") || lower.startsWith("failed")
                || lower.startsWith("regression") || lower.startsWith("aborted") ? "bad"
                : lower.startsWith("moderate") || lower.startsWith("interrupted") || lower.startsWith("insufficient")
                || lower.startsWith("running") ? "warn" : "ok";
        out.append("<span class=\"badge ").append(kind).append("\">").append(escape(text)).append("</span>");
        return this;
    }

    /** Adds CSS to the page head. */
    Html style(String css) {
        style.append(css).append('\n');
        return this;
    }

    Html link(String href, String text) {
        out.append("<a href=\"").append(escape(href)).append("\">").append(escape(text)).append("</a>");
        return this;
    }

    /** The document around the body written so far. */
    String page(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + escape(title)
                + "</title>\n<style>\n" + style + "</style>\n</head>\n<body>\n<main>\n" + out + "</main>\n</body>\n</html>\n";
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
