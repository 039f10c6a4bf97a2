package io.vst.cli;

import io.vst.VstException;
import io.vst.gui.Workbench;
import io.vst.gui.WorkbenchOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vst gui [SCENARIO]}: opens the workbench window and returns when it is closed. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = {
            "Opens the workbench: edit and validate scenarios, run them and watch live charts.",
            "",
            "Without SCENARIO the built-in quickstart opens (read-only; use Save as to edit a copy).",
        },
        footer = {
            "",
            "Examples:",
            "  vst gui",
            "  vst gui my.yaml",
            "  vst gui grow_shrink_grow --theme dark",
            "  vst gui heartbeat.yaml --plugins ./plugins",
        })
final class GuiCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "Scenario file or built-in scenario name to open.")
    String scenario;

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "runs",
            description = "Folder for run directories and the run history (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--theme", paramLabel = "THEME", defaultValue = "auto",
            description = "light, dark or auto (default: ${DEFAULT-VALUE}: follows VST_THEME or the GTK theme).")
    String theme;

    @picocli.CommandLine.Mixin
    PluginOptions plugins;

    @Option(names = "--close-after", paramLabel = "MS", hidden = true,
            description = "Print how long the window took to appear and close it after MS ms (installer checks).")
    Long closeAfterMs;

    @Override
    public Integer call() throws InterruptedException {
        if (!theme.matches("light|dark|auto")) {
            throw VstException.invalidInput("Unknown theme '" + theme + "'", "use light, dark or auto");
        }
        WorkbenchOptions options = WorkbenchOptions.defaults().withScenario(scenario).withRunsRoot(output)
                .withTheme(theme).withPluginDirs(plugins.dirs());
        if (closeAfterMs == null) {
            Workbench.runUntilClosed(options);
            return Main.EXIT_OK;
        }
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        String title = Workbench.openAndClose(options, closeAfterMs);
        long usable = Workbench.lastVisibleAtMillis();
        spec.commandLine().getOut().printf(java.util.Locale.ROOT,
                "vst gui: window '%s' usable %d ms after JVM start (epoch ms %d)%n", title, usable - jvmStart, usable);
        return Main.EXIT_OK;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;
}
