package io.vst.gui.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Recent files stay newest first and bounded; nothing that looks like a password is ever stored. */
class WorkbenchSettingsTest {

    private final WorkbenchSettings settings = new WorkbenchSettings(
            Preferences.userRoot().node("io/vst/workbench-settings-test-" + ProcessHandle.current().pid()));

    @AfterEach
    void forget() {
        settings.clear();
    }

    @Test
    void recentFilesNewestFirstWithoutDuplicatesAndBounded() {
        for (int i = 0; i < 14; i++) {
            settings.addRecent(Path.of("/tmp/s" + i + ".yaml"));
        }
        settings.addRecent(Path.of("/tmp/s5.yaml"));
        assertThat(settings.recentFiles()).hasSize(10).startsWith(Path.of("/tmp/s5.yaml"), Path.of("/tmp/s13.yaml"))
                .doesNotHaveDuplicates().doesNotContain(Path.of("/tmp/s0.yaml"));
    }

    @Test
    void refusesPasswordsButKeepsWhereTheyComeFrom() {
        assertThatThrownBy(() -> settings.put("connection.password", "secret"))
                .isInstanceOf(IllegalArgumentException.class);
        settings.put("connection.passwordEnv", "VST_PASSWORD");
        settings.put("connection.passwordSource", "ENV");
        assertThat(settings.get("connection.passwordEnv", null)).isEqualTo("VST_PASSWORD");
        assertThat(settings.get("connection.password", null)).isNull();
    }
}
