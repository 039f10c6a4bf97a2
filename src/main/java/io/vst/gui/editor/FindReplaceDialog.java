package io.vst.gui.editor;

import java.awt.Window;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JTextField;
import net.miginfocom.swing.MigLayout;
import org.fife.ui.rsyntaxtextarea.RSyntaxTextArea;
import org.fife.ui.rtextarea.SearchContext;
import org.fife.ui.rtextarea.SearchEngine;
import org.fife.ui.rtextarea.SearchResult;

/** Find and replace in the active editor, with RSyntaxTextArea's search engine. */
public final class FindReplaceDialog extends JDialog {

    private final JTextField find = new JTextField(24);
    private final JTextField replace = new JTextField(24);
    private final JCheckBox matchCase = new JCheckBox("Match case");
    private final JCheckBox regex = new JCheckBox("Regular expression");
    private final JLabel status = new JLabel(" ");
    private RSyntaxTextArea target;

    /** EDT only. */
    public FindReplaceDialog(Window owner) {
        super(owner, "Find / replace", ModalityType.MODELESS);
        setName("findReplaceDialog");
        find.setName("findField");
        replace.setName("replaceField");
        JButton next = new JButton("Find next");
        JButton previous = new JButton("Find previous");
        JButton one = new JButton("Replace");
        JButton all = new JButton("Replace all");
        next.addActionListener(e -> find(true));
        previous.addActionListener(e -> find(false));
        one.addActionListener(e -> replace(false));
        all.addActionListener(e -> replace(true));
        find.addActionListener(e -> find(true));
        setLayout(new MigLayout("insets dialog", "[][grow,fill][]"));
        add(new JLabel("Find:"));
        add(find);
        add(next, "growx, wrap");
        add(new JLabel("Replace with:"));
        add(replace);
        add(previous, "growx, wrap");
        add(matchCase, "skip, split 2");
        add(regex);
        add(one, "growx, wrap");
        add(status, "span 2");
        add(all, "growx");
        getRootPane().setDefaultButton(next);
        pack();
    }

    /** Shows the dialog for {@code area}, seeded with its selection. EDT only. */
    public void showFor(RSyntaxTextArea area) {
        this.target = area;
        if (area.getSelectedText() != null && !area.getSelectedText().contains("\n")) {
            find.setText(area.getSelectedText());
        }
        setLocationRelativeTo(getOwner());
        setVisible(true);
        find.requestFocusInWindow();
        find.selectAll();
    }

    private SearchContext context(boolean forward) {
        SearchContext c = new SearchContext(find.getText(), matchCase.isSelected());
        c.setRegularExpression(regex.isSelected());
        c.setSearchForward(forward);
        c.setReplaceWith(replace.getText());
        c.setMarkAll(true);
        return c;
    }

    private void find(boolean forward) {
        if (target == null || find.getText().isEmpty()) {
            return;
        }
        SearchResult r = SearchEngine.find(target, context(forward));
        status.setText(r.wasFound() ? r.getMarkedCount() + " matches" : "Not found");
    }

    private void replace(boolean all) {
        if (target == null || find.getText().isEmpty() || !target.isEditable()) {
            status.setText(target != null && !target.isEditable() ? "Read-only: use Save as" : " ");
            return;
        }
        SearchResult r = all ? SearchEngine.replaceAll(target, context(true))
                : SearchEngine.replace(target, context(true));
        status.setText(r.getCount() + " replaced");
    }
}
