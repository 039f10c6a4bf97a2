package io.vst.gui.action;

import java.awt.event.ActionEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JToolBar;
import javax.swing.KeyStroke;

/**
 * The Swing {@link Action} of every {@link WorkbenchAction}, with the handler a panel bound to it.
 * Menus, toolbar and key bindings are built from here; enablement is set from state by the owner.
 *
 * <pre>
 * ActionRegistry actions = new ActionRegistry();
 * actions.bind(WorkbenchAction.RUN, runPanel::run);
 * frame.setJMenuBar(actions.menuBar());
 * actions.setEnabled(WorkbenchAction.STOP, false);
 * </pre>
 */
public final class ActionRegistry {

    private final Map<WorkbenchAction, Handled> actions = new EnumMap<>(WorkbenchAction.class);

    /** EDT only. */
    public ActionRegistry() {
        for (WorkbenchAction a : WorkbenchAction.values()) {
            actions.put(a, new Handled(a));
        }
    }

    /** Sets what the command does. EDT only. */
    public void bind(WorkbenchAction a, Runnable handler) {
        actions.get(a).handler = handler;
    }

    /** What the command does now, or {@code null} when nothing is bound. EDT only. */
    public Runnable handler(WorkbenchAction a) {
        return actions.get(a).handler;
    }

    /**
     * Lets every advertised shortcut through {@code c} to the menu bar: a component's own bindings of the same
     * keys (a split pane's F6 and F8, the editor's Ctrl+Space, Ctrl+Z, …) would otherwise take them first and
     * the command would never run. EDT only.
     */
    public void releaseShortcuts(JComponent c) {
        for (WorkbenchAction a : WorkbenchAction.values()) {
            KeyStroke ks = a.shortcut();
            if (ks != null) {
                c.getInputMap(JComponent.WHEN_FOCUSED).put(ks, "none");
                c.getInputMap(JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT).put(ks, "none");
            }
        }
    }

    /** Enables or disables a command everywhere it appears. EDT only. */
    public void setEnabled(WorkbenchAction a, boolean enabled) {
        actions.get(a).setEnabled(enabled);
    }

    /** Runs a command as if chosen from its menu (nothing when disabled). EDT only. */
    public void perform(WorkbenchAction a) {
        Handled h = actions.get(a);
        if (h.isEnabled()) {
            h.actionPerformed(new ActionEvent(this, ActionEvent.ACTION_PERFORMED, a.name()));
        }
    }

    /** A menu bar with one menu per {@link WorkbenchAction#menu()}, in declaration order. EDT only. */
    public JMenuBar menuBar() {
        Map<String, List<WorkbenchAction>> byMenu = new LinkedHashMap<>();
        for (WorkbenchAction a : WorkbenchAction.values()) {
            byMenu.computeIfAbsent(a.menu(), k -> new ArrayList<>()).add(a);
        }
        JMenuBar bar = new JMenuBar();
        byMenu.forEach((name, list) -> {
            JMenu menu = new JMenu(name);
            menu.setName("menu." + name);
            list.forEach(a -> menu.add(actions.get(a)).setName("menuItem." + a.name()));
            bar.add(menu);
        });
        return bar;
    }

    /** A toolbar with the commands marked for it. EDT only. */
    public JToolBar toolBar() {
        JToolBar bar = new JToolBar();
        bar.setFloatable(false);
        for (WorkbenchAction a : WorkbenchAction.values()) {
            if (a.onToolbar()) {
                JButton b = bar.add(actions.get(a));
                b.setName("toolbar." + a.name());
                b.setToolTipText(a.text() + (a.shortcut() == null ? "" : " (" + keyText(a) + ")"));
            }
        }
        return bar;
    }

    private static String keyText(WorkbenchAction a) {
        String s = a.shortcut().toString();
        return s.replace("pressed ", "").replace(' ', '+');
    }

    private static final class Handled extends AbstractAction {
        private final transient WorkbenchAction id;
        private transient Runnable handler;

        Handled(WorkbenchAction id) {
            super(id.text());
            this.id = id;
            putValue(ACCELERATOR_KEY, id.shortcut());
            putValue(ACTION_COMMAND_KEY, id.name());
        }

        @Override
        public void actionPerformed(ActionEvent e) {
            if (handler != null) {
                handler.run();
            }
        }

        @Override
        public String toString() {
            return id.name();
        }
    }
}
