package io.vst.gui;

import io.vst.gui.action.WorkbenchAction;
import io.vst.scenario.schema.ScenarioDocs;
import io.vst.scenario.schema.SchemaRegistry;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.text.BadLocationException;
import javax.swing.text.DefaultHighlighter;

/**
 * Help inside the workbench (F1): the scenario reference generated from the schema registry (every key,
 * step type, workload, parameter and condition metric, the same text as {@code vst scenario docs}) with a
 * search field, the shortcuts of every command, and About (versions). EDT only.
 */
final class HelpDialog extends JDialog {

    private final JTextArea reference = new JTextArea();
    private final JTextField search = new JTextField(24);
    private final JLabel matches = new JLabel(" ");
    private final JTabbedPane tabs = new JTabbedPane();
    private int from;

    HelpDialog(Window owner, SchemaRegistry registry) {
        super(owner, "vst help", ModalityType.MODELESS);
        setName("helpDialog");
        reference.setName("helpReference");
        reference.setEditable(false);
        reference.setFont(new Font(Font.MONOSPACED, Font.PLAIN, reference.getFont().getSize()));
        reference.setText(ScenarioDocs.reference(registry));
        reference.setCaretPosition(0);
        search.setName("helpSearch");
        search.setToolTipText("Find in the reference; Enter jumps to the next match");
        search.addActionListener(e -> next());
        search.getDocument().addDocumentListener(new javax.swing.event.DocumentListener() {
            @Override
            public void insertUpdate(javax.swing.event.DocumentEvent e) {
                restart();
            }

            @Override
            public void removeUpdate(javax.swing.event.DocumentEvent e) {
                restart();
            }

            @Override
            public void changedUpdate(javax.swing.event.DocumentEvent e) {
                restart();
            }
        });
        matches.setName("helpMatches");
        JPanel bar = new JPanel(new FlowLayout(FlowLayout.LEFT));
        bar.add(new JLabel("Find:"));
        bar.add(search);
        JButton nextButton = new JButton("Next");
        nextButton.addActionListener(e -> next());
        bar.add(nextButton);
        bar.add(matches);
        JPanel ref = new JPanel(new BorderLayout());
        ref.add(bar, BorderLayout.NORTH);
        ref.add(new JScrollPane(reference), BorderLayout.CENTER);
        tabs.setName("helpTabs");
        tabs.addTab("Scenario reference", ref);
        tabs.addTab("Shortcuts", new JScrollPane(shortcuts()));
        tabs.addTab("About", about());
        add(tabs, BorderLayout.CENTER);
        getRootPane().registerKeyboardAction(e -> setVisible(false), KeyStroke.getKeyStroke("ESCAPE"),
                JComponent.WHEN_IN_FOCUSED_WINDOW);
        setSize(900, 700);
        setLocationRelativeTo(owner);
    }

    /** Shows the reference tab with the search field focused. */
    void showReference() {
        tabs.setSelectedIndex(0);
        setVisible(true);
        search.requestFocusInWindow();
    }

    /** Shows the About tab. */
    void showAbout() {
        tabs.setSelectedIndex(2);
        setVisible(true);
    }

    private void restart() {
        from = 0;
        next();
    }

    /** Selects the next match of the search text (case-insensitive), wrapping at the end, and counts all. */
    private void next() {
        String needle = search.getText().toLowerCase(Locale.ROOT);
        String text = reference.getText().toLowerCase(Locale.ROOT);
        reference.getHighlighter().removeAllHighlights();
        if (needle.isEmpty()) {
            matches.setText(" ");
            return;
        }
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            count++;
            try {
                reference.getHighlighter().addHighlight(i, i + needle.length(),
                        new DefaultHighlighter.DefaultHighlightPainter(new Color(0xFF, 0xE0, 0x66)));
            } catch (BadLocationException e) {
                throw new IllegalStateException("match outside the reference text", e);
            }
        }
        int at = text.indexOf(needle, from);
        if (at < 0) {
            at = text.indexOf(needle);
        }
        if (at < 0) {
            matches.setText("no match");
            return;
        }
        reference.select(at, at + needle.length());
        reference.getCaret().setSelectionVisible(true);
        try {
            java.awt.geom.Rectangle2D r = reference.modelToView2D(at);
            if (r != null) {
                reference.scrollRectToVisible(r.getBounds());
            }
        } catch (BadLocationException e) {
            throw new IllegalStateException("match outside the reference text", e);
        }
        from = at + needle.length();
        matches.setText(String.format(Locale.ROOT, "%,d match%s", count, count == 1 ? "" : "es"));
    }

    private static JTable shortcuts() {
        List<Object[]> rows = new ArrayList<>();
        for (WorkbenchAction a : WorkbenchAction.values()) {
            KeyStroke k = a.shortcut();
            rows.add(new Object[] {a.menu(), a.text(), k == null ? "" : shortcutText(k)});
        }
        JTable table = new JTable(rows.toArray(new Object[0][]), new Object[] {"menu", "command", "shortcut"});
        table.setName("helpShortcuts");
        table.setDefaultEditor(Object.class, null);
        return table;
    }

    private static JComponent about() {
        JTextArea text = new JTextArea(aboutText());
        text.setName("helpAbout");
        text.setEditable(false);
        return new JScrollPane(text);
    }

    /** Versions of vst, Java and the libraries the workbench is built on. */
    static String aboutText() {
        String v = HelpDialog.class.getPackage().getImplementationVersion();
        return "vst " + (v == null ? "dev" : v) + " — memory and performance stress testing of Valkey and"
                + " valkey-search\n\n"
                + "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")\n"
                + "Swing look and feel: " + javax.swing.UIManager.getLookAndFeel().getName() + "\n"
                + "Scenario reference: Help → Scenario reference (F1), or `vst scenario docs` in a terminal\n";
    }

    /** Shortcut text as menus show it, e.g. "Ctrl+Shift+T", "F5". */
    static String shortcutText(KeyStroke k) {
        String mods = java.awt.event.InputEvent.getModifiersExText(k.getModifiers());
        String key = java.awt.event.KeyEvent.getKeyText(k.getKeyCode());
        return mods.isEmpty() ? key : mods + "+" + key;
    }
}
