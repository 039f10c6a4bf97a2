package io.vst.gui.editor;

import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.yaml.ParseResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.swing.JTabbedPane;

/**
 * The open scenarios, one {@link ScenarioTab} each. Listeners hear about the active tab: when another
 * tab is picked, after each parse of the active tab, when its caret moves and when its title changes.
 */
public final class EditorTabs extends JTabbedPane {

    private final SchemaRegistry registry;
    private final List<Consumer<ScenarioTab>> parseListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ScenarioTab>> caretListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ScenarioTab>> titleListeners = new CopyOnWriteArrayList<>();

    /** EDT only. */
    public EditorTabs(SchemaRegistry registry) {
        this.registry = registry;
        setName("editorTabs");
        addChangeListener(e -> {
            fireParsed(active());
            // The status bar's line and column belong to the tab now shown.
            if (active() != null) {
                caretListeners.forEach(l -> l.accept(active()));
            }
        });
    }

    /** Calls {@code l} on the EDT when the active tab's title changes (edited, saved). EDT only. */
    public void onActiveTitle(Consumer<ScenarioTab> l) {
        titleListeners.add(l);
    }

    /** Calls {@code l} on the EDT with the active tab after a parse or a tab switch. EDT only. */
    public void onActiveParsed(Consumer<ScenarioTab> l) {
        parseListeners.add(l);
    }

    /** Calls {@code l} on the EDT when the active tab's caret moves. EDT only. */
    public void onActiveCaret(Consumer<ScenarioTab> l) {
        caretListeners.add(l);
    }

    /** Opens a tab and selects it. EDT only. */
    public ScenarioTab open(String content, Path file, String builtin) {
        ScenarioTab tab = new ScenarioTab(registry, content, file, builtin);
        tab.parser().addListener(r -> {
            if (tab == active()) {
                fireParsed(tab);
            }
        });
        tab.textArea().addCaretListener(e -> {
            if (tab == active()) {
                caretListeners.forEach(l -> l.accept(tab));
            }
        });
        tab.onTitleChange(() -> {
            int i = indexOfComponent(tab);
            if (i >= 0) {
                setTitleAt(i, tab.title());
            }
            if (tab == active()) {
                titleListeners.forEach(l -> l.accept(tab));
            }
        });
        addTab(tab.title(), tab);
        setToolTipTextAt(getTabCount() - 1, file != null ? file.toString() : tab.sourceName());
        setSelectedComponent(tab);
        tab.validateNow();
        return tab;
    }

    /** The tab showing {@code file}, if open. EDT only. */
    public ScenarioTab find(Path file) {
        for (int i = 0; i < getTabCount(); i++) {
            if (getComponentAt(i) instanceof ScenarioTab t && t.file() != null
                    && t.file().toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
                return t;
            }
        }
        return null;
    }

    /** The selected tab, or {@code null} when none is open. EDT only. */
    public ScenarioTab active() {
        return getSelectedComponent() instanceof ScenarioTab t ? t : null;
    }

    /** The active tab's last parse, or {@code null}. EDT only. */
    public ParseResult activeResult() {
        ScenarioTab t = active();
        return t == null ? null : t.latest();
    }

    /** Closes the active tab. EDT only. */
    public void closeActive() {
        ScenarioTab t = active();
        if (t != null) {
            remove(t);
        }
    }

    private void fireParsed(ScenarioTab tab) {
        parseListeners.forEach(l -> l.accept(tab));
    }
}
