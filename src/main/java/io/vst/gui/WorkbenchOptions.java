package io.vst.gui;

import io.vst.gui.settings.WorkbenchSettings;
import java.nio.file.Path;

/**
 * How the workbench starts. Immutable; every method may be called from any thread.
 *
 * @param scenario a scenario file or built-in name to open, or {@code null} for the quickstart
 * @param runsRoot folder for run directories and the run history
 * @param theme {@code light}, {@code dark} or {@code auto}
 * @param settings where recent files and the connection fields are remembered
 */
public record WorkbenchOptions(String scenario, Path runsRoot, String theme, WorkbenchSettings settings) {

    /** Opens the quickstart, runs under {@code runs/}, theme from the desktop, the user's settings. */
    public static WorkbenchOptions defaults() {
        return new WorkbenchOptions(null, Path.of("runs"), "auto", WorkbenchSettings.user());
    }

    public WorkbenchOptions withScenario(String s) {
        return new WorkbenchOptions(s, runsRoot, theme, settings);
    }

    public WorkbenchOptions withRunsRoot(Path root) {
        return new WorkbenchOptions(scenario, root, theme, settings);
    }

    public WorkbenchOptions withTheme(String t) {
        return new WorkbenchOptions(scenario, runsRoot, t, settings);
    }

    public WorkbenchOptions withSettings(WorkbenchSettings s) {
        return new WorkbenchOptions(scenario, runsRoot, theme, s);
    }
}
