package io.vst.gui;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import io.vst.gui.chart.CatalogChartsDialog;
import io.vst.gui.chart.ChartTheme;
import io.vst.gui.editor.ScenarioTab;
import io.vst.gui.settings.WorkbenchSettings;
import java.awt.Window;
import java.util.Locale;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;

/**
 * Light and dark FlatLaf themes. {@code auto} follows what the desktop tells a process: {@code VST_THEME}
 * ({@code dark} or {@code light}) first, then a GTK theme name containing {@code dark} ({@code GTK_THEME},
 * e.g. {@code Adwaita:dark}); otherwise light. The theme can be switched at any time from the View menu, and the
 * choice is remembered for the next start.
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

    /**
     * The theme to start with: an explicit {@code light} or {@code dark} wins; {@code auto} takes the choice
     * remembered from the last session, else what the desktop says. Any thread.
     */
    public static boolean startDark(String choice, WorkbenchSettings settings) {
        boolean explicit = choice != null && !choice.equalsIgnoreCase("auto");
        return dark(explicit ? choice : settings.theme());
    }

    /**
     * Switches theme on the running workbench: every window and dialog, the editors' colours and the charts;
     * remembers the choice for the next start. EDT only.
     */
    static void toggle(MainFrame f) {
        boolean dark = !FlatLaf.isLafDark();
        install(dark);
        for (Window w : Window.getWindows()) {
            SwingUtilities.updateComponentTreeUI(w);
            if (w instanceof CatalogChartsDialog d) {
                d.charts().values().forEach(ChartTheme::apply);
            }
        }
        for (int i = 0; i < f.tabs.getTabCount(); i++) {
            if (f.tabs.getComponentAt(i) instanceof ScenarioTab t) {
                t.applyTheme();
            }
        }
        f.charts.charts().values().forEach(ChartTheme::apply);
        f.settings.rememberTheme(dark);
    }

    /** Whether the dark theme is on. EDT only. */
    public static boolean isDark() {
        return FlatLaf.isLafDark();
    }
}
