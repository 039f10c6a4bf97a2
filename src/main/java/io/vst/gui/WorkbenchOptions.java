package io.vst.gui;

import io.vst.gui.settings.WorkbenchSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * How the workbench starts. Immutable; every method may be called from any thread.
 *
 * @param scenario a scenario file or built-in name to open, or {@code null} for the quickstart
 * @param runsRoot folder for run directories and the run history
 * @param theme {@code light}, {@code dark} or {@code auto}
 * @param settings where recent files and the connection fields are remembered
 * @param pluginDirs folders of plugin workload jars besides {@code ~/.config/vst/plugins}
 */
public record WorkbenchOptions(String scenario, Path runsRoot, String theme, WorkbenchSettings settings,
        List<Path> pluginDirs) {

    public WorkbenchOptions {
        pluginDirs = List.copyOf(pluginDirs);
    }

    /**
     * Opens the quickstart, runs under {@code runs/}, theme from the desktop, the user's settings, plugins
     * from {@code ~/.config/vst/plugins}.
     */
    public static WorkbenchOptions defaults() {
        return new WorkbenchOptions(null, Path.of("runs"), "auto", WorkbenchSettings.user(), List.of());
    }

    public WorkbenchOptions withPluginDirs(List<Path> dirs) {
        return new WorkbenchOptions(scenario, runsRoot, theme, settings, dirs);
    }

    public WorkbenchOptions withScenario(String s) {
        return new WorkbenchOptions(s, runsRoot, theme, settings, pluginDirs);
    }

    public WorkbenchOptions withRunsRoot(Path root) {
        return new WorkbenchOptions(scenario, root, theme, settings, pluginDirs);
    }

    public WorkbenchOptions withTheme(String t) {
        return new WorkbenchOptions(scenario, runsRoot, t, settings, pluginDirs);
    }

    public WorkbenchOptions withSettings(WorkbenchSettings s) {
        return new WorkbenchOptions(scenario, runsRoot, theme, s, pluginDirs);
    }
}
