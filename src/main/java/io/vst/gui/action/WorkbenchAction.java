package io.vst.gui.action;

import java.awt.Toolkit;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import javax.swing.KeyStroke;

/**
 * Every command of the workbench, once: its menu, its text and its shortcut. Menus, the toolbar and
 * key bindings are all built from this list by {@link ActionRegistry}, so a command cannot have two
 * different shortcuts or names. Constant data: every method may be called from any thread.
 */
public enum WorkbenchAction {
    NEW("File", "New scenario", KeyEvent.VK_N, 0, false),
    OPEN("File", "Open…", KeyEvent.VK_O, 0, true),
    OPEN_BUILTIN("File", "Open built-in…", KeyEvent.VK_B, InputEvent.SHIFT_DOWN_MASK, false),
    SAVE("File", "Save", KeyEvent.VK_S, 0, true),
    SAVE_AS("File", "Save as…", KeyEvent.VK_S, InputEvent.SHIFT_DOWN_MASK, false),
    CLOSE_TAB("File", "Close tab", KeyEvent.VK_W, 0, false),
    OPEN_RUN("File", "Open run directory…", KeyEvent.VK_R, InputEvent.SHIFT_DOWN_MASK, false),
    QUIT("File", "Quit", KeyEvent.VK_Q, 0, false),
    UNDO("Edit", "Undo", KeyEvent.VK_Z, 0, false),
    REDO("Edit", "Redo", KeyEvent.VK_Y, 0, false),
    FIND("Edit", "Find / replace…", KeyEvent.VK_F, 0, false),
    COMPLETE("Edit", "Complete", KeyEvent.VK_SPACE, 0, false),
    VALIDATE("Scenario", "Validate now", KeyEvent.VK_F7, -1, true),
    DRY_RUN("Scenario", "Dry-run plan", KeyEvent.VK_F6, -1, true),
    RUN("Run", "Run", KeyEvent.VK_F5, -1, true),
    RUN_STEP("Run", "Run selected step", KeyEvent.VK_F5, InputEvent.SHIFT_DOWN_MASK, false),
    STOP("Run", "Stop", KeyEvent.VK_F5, InputEvent.CTRL_DOWN_MASK | InputEvent.SHIFT_DOWN_MASK, true),
    WATCH("Run", "Watch server…", 0, 0, false),
    PAUSE_CHARTS("Run", "Pause charts", KeyEvent.VK_P, InputEvent.SHIFT_DOWN_MASK, false),
    COMPARE_RUNS("Run", "Compare two runs…", 0, 0, false),
    CONNECTIONS("Run", "Connection profiles…", 0, 0, false),
    EXPORT_PNG("Export", "Export charts as PNG…", KeyEvent.VK_E, InputEvent.SHIFT_DOWN_MASK, true),
    EXPORT_CSV("Export", "Export timeline CSV…", 0, 0, false),
    EXPORT_HTML("Export", "Export HTML report…", KeyEvent.VK_H, InputEvent.SHIFT_DOWN_MASK, true),
    TOGGLE_THEME("View", "Toggle dark theme", KeyEvent.VK_T, InputEvent.SHIFT_DOWN_MASK, false),
    HELP("Help", "Scenario reference and shortcuts", KeyEvent.VK_F1, -1, false),
    ABOUT("Help", "About vst", 0, 0, false);

    private final String menu;
    private final String text;
    private final int key;
    private final int modifiers;
    private final boolean onToolbar;

    /**
     * @param modifiers extra modifiers added to the platform's menu shortcut key; -1 = no modifier at all
     *     (function keys)
     */
    WorkbenchAction(String menu, String text, int key, int modifiers, boolean onToolbar) {
        this.menu = menu;
        this.text = text;
        this.key = key;
        this.modifiers = modifiers;
        this.onToolbar = onToolbar;
    }

    /** The menu this command sits in. */
    public String menu() {
        return menu;
    }

    /** The command's name as shown in menus and tool tips. */
    public String text() {
        return text;
    }

    /** Whether the toolbar shows this command. */
    public boolean onToolbar() {
        return onToolbar;
    }

    /**
     * The shortcut, or {@code null}. Any thread (asks the toolkit for the menu key, which works headless too).
     */
    public KeyStroke shortcut() {
        if (key == 0) {
            return null;
        }
        if (modifiers < 0) {
            return KeyStroke.getKeyStroke(key, 0);
        }
        int menuKey = java.awt.GraphicsEnvironment.isHeadless() ? InputEvent.CTRL_DOWN_MASK
                : Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx();
        int mods = menuKey | modifiers;
        if (this == COMPLETE) {
            // Completion is Ctrl+Space everywhere, even where the menu key is Cmd.
            mods = InputEvent.CTRL_DOWN_MASK;
        }
        if (this == STOP || this == RUN_STEP) {
            // The F5 family: Run F5, Run step Shift+F5, Stop Ctrl+Shift+F5, whatever the menu key is.
            mods = modifiers;
        }
        return KeyStroke.getKeyStroke(key, mods);
    }
}
