package io.vst.gui;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.util.Locale;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;

/**
 * Light and dark FlatLaf themes. {@code auto} follows what the desktop tells a process: {@code VST_THEME}
 * ({@code dark} or {@code light}) first, then a GTK theme name containing {@code dark} ({@code GTK_THEME},
 * e.g. {@code Adwaita:dark}); otherwise light. The theme can be switched at any time from the View menu.
 */
public final class Themes {

    private Themes() {
    }

    /** Whether {@code choice} (light, dark, auto) means dark here. Any thread. */
    public static boolean dark(String choice) {
        String c = choice == null ? "auto" : choice.toLowerCase(Locale.ROOT);
        if (c.equals("dark")) {
            return true;
        }
        if (c.equals("light")) {
            return false;
        }
        String env = System.getenv("VST_THEME");
        if (env != null && !env.isBlank()) {
            return env.equalsIgnoreCase("dark");
        }
        String gtk = System.getenv("GTK_THEME");
        return gtk != null && gtk.toLowerCase(Locale.ROOT).contains("dark");
    }

    /** Installs the theme before any window exists. EDT only. */
    public static void install(boolean dark) {
        FlatLaf laf = dark ? new FlatDarkLaf() : new FlatLightLaf();
        try {
            UIManager.setLookAndFeel(laf);
        } catch (javax.swing.UnsupportedLookAndFeelException e) {
            throw new IllegalStateException("FlatLaf is not supported here", e);
        }
    }

    /** Switches theme on a running window. EDT only. */
    public static void toggle(java.awt.Window w) {
        install(!FlatLaf.isLafDark());
        SwingUtilities.updateComponentTreeUI(w);
    }

    /** Whether the dark theme is on. EDT only. */
    public static boolean isDark() {
        return FlatLaf.isLafDark();
    }
}
