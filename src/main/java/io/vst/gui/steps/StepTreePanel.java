package io.vst.gui.steps;

import io.vst.scenario.ConditionalStep;
import io.vst.scenario.Diagnostic;
import io.vst.scenario.Scenario;
import io.vst.scenario.Step;
import io.vst.scenario.yaml.ParseResult;
import java.awt.BorderLayout;
import java.awt.Component;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTree;
import javax.swing.tree.DefaultMutableTreeNode;
import javax.swing.tree.DefaultTreeCellRenderer;
import javax.swing.tree.DefaultTreeModel;
import javax.swing.tree.TreePath;

/**
 * The steps of the active scenario as a tree, rebuilt from each parse: nested parallel, loop and
 * conditional branches, an icon per step type and a badge on steps with problems. Selecting a node
 * moves the editor's caret to the step; {@link #selectLine(int)} does the reverse.
 */
public final class StepTreePanel extends JPanel {

    private final DefaultTreeModel model = new DefaultTreeModel(new DefaultMutableTreeNode("No scenario"));
    private final JTree tree = new JTree(model);
    private final List<DefaultMutableTreeNode> inTextOrder = new ArrayList<>();
    private boolean syncing;

    /** @param goTo called with a 1-based line and column when the user selects a step. EDT only. */
    public StepTreePanel(BiConsumer<Integer, Integer> goTo) {
        super(new BorderLayout());
        setName("stepTreePanel");
        tree.setName("stepTree");
        tree.setRootVisible(true);
        tree.setCellRenderer(new Renderer());
        tree.addTreeSelectionListener(e -> {
            if (syncing || e.getNewLeadSelectionPath() == null) {
                return;
            }
            Object o = ((DefaultMutableTreeNode) e.getNewLeadSelectionPath().getLastPathComponent()).getUserObject();
            if (o instanceof StepEntry s && s.span().known()) {
                goTo.accept(s.span().line(), s.span().column());
            }
        });
        add(new JScrollPane(tree), BorderLayout.CENTER);
    }

    /** Rebuilds the tree from a parse; keeps the old tree when the text is not valid YAML. EDT only. */
    public void show(ParseResult r) {
        if (r == null || r.scenario() == null) {
            tree.setEnabled(r == null);
            return;
        }
        tree.setEnabled(true);
        Scenario s = r.scenario();
        List<Step> ordered = new ArrayList<>();
        collect(s.steps(), ordered);
        ordered.sort((a, b) -> Integer.compare(a.common().span().line(), b.common().span().line()));
        Map<Step, int[]> problems = problemsPerStep(ordered, r.diagnostics());
        DefaultMutableTreeNode root = new DefaultMutableTreeNode(
                new StepEntry(null, s.name() == null ? "scenario" : s.name(), 0, 0));
        inTextOrder.clear();
        add(root, s.steps(), problems);
        inTextOrder.sort((a, b) -> Integer.compare(((StepEntry) a.getUserObject()).span().line(),
                ((StepEntry) b.getUserObject()).span().line()));
        syncing = true;
        try {
            model.setRoot(root);
            for (int i = 0; i < tree.getRowCount(); i++) {
                tree.expandRow(i);
            }
        } finally {
            syncing = false;
        }
    }

    private void add(DefaultMutableTreeNode parent, List<Step> steps, Map<Step, int[]> problems) {
        for (Step step : steps) {
            DefaultMutableTreeNode node = new DefaultMutableTreeNode(
                    new StepEntry(step, null, problems.getOrDefault(step, NONE)[0], problems.getOrDefault(step, NONE)[1]));
            inTextOrder.add(node);
            parent.add(node);
            if (step instanceof ConditionalStep c) {
                DefaultMutableTreeNode yes = new DefaultMutableTreeNode(new StepEntry(null, "if_true", 0, 0));
                DefaultMutableTreeNode no = new DefaultMutableTreeNode(new StepEntry(null, "if_false", 0, 0));
                add(yes, c.ifTrue(), problems);
                add(no, c.ifFalse(), problems);
                node.add(yes);
                node.add(no);
            } else {
                add(node, step.children(), problems);
            }
        }
    }

    private static void collect(List<Step> steps, List<Step> out) {
        for (Step s : steps) {
            out.add(s);
            collect(s.children(), out);
        }
    }

    private static final int[] NONE = {0, 0};

    /** Each diagnostic belongs to the last step starting at or before its line: {problems, errors} per step. */
    private static Map<Step, int[]> problemsPerStep(List<Step> ordered, List<Diagnostic> diagnostics) {
        Map<Step, int[]> out = new HashMap<>();
        for (Diagnostic d : diagnostics) {
            Step owner = null;
            for (Step s : ordered) {
                if (s.common().span().known() && s.common().span().line() <= d.span().line()) {
                    owner = s;
                }
            }
            if (owner != null && d.span().known()) {
                int[] n = out.computeIfAbsent(owner, k -> new int[2]);
                n[0]++;
                n[1] += d.isError() ? 1 : 0;
            }
        }
        return out;
    }

    /** Selects the step whose text holds the 1-based {@code line}, without moving the caret. EDT only. */
    public void selectLine(int line) {
        DefaultMutableTreeNode best = null;
        for (DefaultMutableTreeNode n : inTextOrder) {
            if (((StepEntry) n.getUserObject()).span().line() <= line) {
                best = n;
            }
        }
        syncing = true;
        try {
            if (best == null) {
                tree.clearSelection();
            } else {
                TreePath p = new TreePath(best.getPath());
                tree.setSelectionPath(p);
                java.awt.Rectangle r = tree.getPathBounds(p);
                if (r != null) {
                    // Scroll vertically only: a deep node must not push the root's labels out of view.
                    tree.scrollRectToVisible(new java.awt.Rectangle(0, r.y, 1, r.height));
                }
            }
        } finally {
            syncing = false;
        }
    }

    /** The selected step's entry, or {@code null}. EDT only. */
    public StepEntry selected() {
        TreePath p = tree.getSelectionPath();
        if (p == null) {
            return null;
        }
        Object o = ((DefaultMutableTreeNode) p.getLastPathComponent()).getUserObject();
        return o instanceof StepEntry e && e.step() != null ? e : null;
    }

    /** The tree (for tests and key bindings). EDT only. */
    public JTree tree() {
        return tree;
    }

    private static final class Renderer extends DefaultTreeCellRenderer {
        @Override
        public Component getTreeCellRendererComponent(JTree t, Object value, boolean sel, boolean expanded,
                boolean leaf, int row, boolean focus) {
            super.getTreeCellRendererComponent(t, value, sel, expanded, leaf, row, focus);
            Object o = ((DefaultMutableTreeNode) value).getUserObject();
            if (o instanceof StepEntry e && e.step() != null) {
                setIcon(StepIcons.of(e.step().type(), e.problems(), e.errors()));
                setToolTipText(e.step().common().description());
            }
            return this;
        }
    }
}
