package io.vst.gui.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/**
 * What the workbench remembers between sessions: recent files, the theme and the connection bar's
 * fields. Passwords are never stored: only the name of the environment variable holding one.
 */
public final class WorkbenchSettings {

    private static final int MAX_RECENT = 10;
    private final Preferences prefs;

    /** Settings under the user's preferences node for vst. Any thread. */
    public static WorkbenchSettings user() {
        return new WorkbenchSettings(Preferences.userRoot().node("io/vst/workbench"));
    }

    /** Settings in a given node (tests use a throw-away node). Any thread. */
    public WorkbenchSettings(Preferences prefs) {
        this.prefs = prefs;
    }

    /** Recently opened files, newest first. Any thread. */
    public List<Path> recentFiles() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String s = prefs.get("recent." + i, null);
            if (s != null) {
                out.add(Path.of(s));
            }
        }
        return out;
    }

    /** Puts {@code file} first in the recent list. Any thread. */
    public void addRecent(Path file) {
        List<Path> list = recentFiles();
        Path abs = file.toAbsolutePath().normalize();
        list.remove(abs);
        list.add(0, abs);
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < list.size()) {
                prefs.put("recent." + i, list.get(i).toString());
            } else {
                prefs.remove("recent." + i);
            }
        }
    }

    /** The theme last chosen in the workbench ({@code light} or {@code dark}), or {@code auto}. Any thread. */
    public String theme() {
        return prefs.get("theme", "auto");
    }

    /** Remembers the theme chosen. Any thread. */
    public void rememberTheme(boolean dark) {
        prefs.put("theme", dark ? "dark" : "light");
    }

    /** A remembered text value, or {@code def}. Any thread. */
    public String get(String key, String def) {
        return prefs.get(key, def);
    }

    /** Remembers a text value; refuses keys that look like they would hold a password. Any thread. */
    public void put(String key, String value) {
        if (key.toLowerCase(java.util.Locale.ROOT).endsWith("password")) {
            throw new IllegalArgumentException("passwords are never stored: " + key);
        }
        if (value == null) {
            prefs.remove(key);
        } else {
            prefs.put(key, value);
        }
    }

    /** Removes every remembered value of this node (a throw-away node of tests and tools). Any thread. */
    public void clear() {
        try {
            prefs.removeNode();
        } catch (java.util.prefs.BackingStoreException e) {
            throw new IllegalStateException("cannot remove preferences node", e);
        }
    }
}
