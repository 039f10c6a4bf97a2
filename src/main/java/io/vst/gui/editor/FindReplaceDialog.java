package io.vst.gui.editor;

import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Window;
import java.awt.event.KeyEvent;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.text.BadLocationException;
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
        next.setName("findNext");
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
        getRootPane().registerKeyboardAction(e -> setVisible(false), KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0),
                JComponent.WHEN_IN_FOCUSED_WINDOW);
        pack();
    }

    /** Shows the dialog for {@code area}, seeded with its selection. EDT only. */
    public void showFor(RSyntaxTextArea area) {
        this.target = area;
        if (area.getSelectedText() != null && !area.getSelectedText().contains("\n")) {
            find.setText(area.getSelectedText());
        }
        if (!isVisible()) {
            // Top right of the editor, where the text is shortest; moved off a match when it covers one.
            Point p = area.getVisibleRect().getLocation();
            SwingUtilities.convertPointToScreen(p, area);
            setLocation(p.x + Math.max(0, area.getVisibleRect().width - getWidth() - 24), p.y + 8);
        }
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
        if (r.wasFound()) {
            uncover();
        }
    }

    /** Moves the dialog above or below the match when it covers it. */
    private void uncover() {
        Rectangle match = selectionOnScreen();
        if (match == null || !getBounds().intersects(match)) {
            return;
        }
        int gap = match.height;
        int above = match.y - gap - getHeight();
        setLocation(getX(), above >= 0 ? above : match.y + match.height + gap);
    }

    private Rectangle selectionOnScreen() {
        if (target == null || !target.isShowing()) {
            return null;
        }
        try {
            Rectangle match = target.modelToView2D(target.getSelectionStart()).getBounds()
                    .union(target.modelToView2D(target.getSelectionEnd()).getBounds());
            Point at = match.getLocation();
            SwingUtilities.convertPointToScreen(at, target);
            match.setLocation(at);
            return match;
        } catch (BadLocationException e) {
            return null;
        }
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
